// How calibrate() turns its measured points into a count: the recommendation rules, the caps
// from Goetz's count and the plateau of a task that waits, and the USL fit.
import type { CalibrationPoint } from './calibration-result.js';
import { fitUsl, type UslFit } from './fit.js';
import { goetzThreads, type ModelResult } from './models.js';
import { disturbedWindows } from './outside-load.js';
import { effectiveCap, recommendFromWellMeasured, recommendOnPlateau } from './search.js';

/**
 * The recommendation is chosen among the counts measured with at least this many windows when
 * any are (the final check's contenders): a count read once or twice, high by luck, is not
 * chosen over counts measured six or more times.
 */
export const RECOMMEND_MIN_WINDOWS = 4;
/**
 * For a task that waits (liftable), the recommendation is raised to the largest well-measured
 * count within this share of the best, up to PLATEAU_CEILING x the model's count, above the
 * model's count (the cap) too (recommendOnPlateau): a larger count on the plateau costs a waiting
 * task little, a smaller one below the knee loses in proportion.
 */
export const PLATEAU_BAND = 0.1;
export const PLATEAU_CEILING = 2;
/**
 * Goetz's count is lifted by measurement only for tasks that wait at least this share of their
 * compute: its error grows with wait / compute, while for a task that only computes it is the
 * cores exactly, and more threads than cores can only win CPU share from other processes (or noise).
 */
export const GOETZ_LIFT_MIN_WAIT = 0.25;
/**
 * Above the model's count the plateau rule applies only to tasks that wait at least this many
 * times their compute (idle 80% of the time or more), whose extra threads mostly wait; a task
 * that waits less (but at least GOETZ_LIFT_MIN_WAIT) is raised up to the model's count only,
 * the knee mean value analysis puts at 98% of the cores: below it such a task loses throughput
 * in proportion, beyond it its threads compete for the cores. The mixed reference task (wait /
 * compute about 1.6 measured) read 409-423/s at 6-7 workers and 233-401/s at 11-32 in a sweep of
 * 2026-11-29 16:10 UTC, and the rule's counts above its model's (10, 12, 14, 20) were its misses
 * of the 95% target that day; left without the rule it was once recommended 2 (17:20 UTC, model
 * 5: 2 read 359.7/s and 4 368.5/s, within the tolerance) and reached 91.3% of 6.
 */
export const PLATEAU_MIN_WAIT = 4;

/**
 * For a task that waits, the search measures counts up to this multiple of the model's count
 * (queueingWorkers) only. The best counts of the reference tasks lay at 1.2-1.6x it (waiting:
 * model 17-24, best 22-32; mixed: model 5, sweep medians at 14:15 UTC 409-659/s for 2-16
 * workers, 342-525/s for 17-32), while the doubling above it ran on noise:
 * the mixed task's search reached 32 on a 42% gain of 20 over 10 that the sweep did not show
 * (20: 409/s, 10: 477/s), its new threads' warm-ups took 8.1 s, and the 15 s budget ran out twice
 * before the final check.
 */
export const SEARCH_CEILING = 2;

/**
 * The counts the search measures: from 1 up to maxWorkers without a model's count; with one (a
 * task that waits), up to SEARCH_CEILING x it only, starting at it (below it threads mostly wait,
 * and measuring there costs time; should it be the best, the search halves down). A task the
 * plateau rule may raise above the model's count (`plateauMax` above it: it waits PLATEAU_MIN_WAIT
 * x its compute or more) starts at the top of the range and halves down, so that every thread the
 * calibration uses is started and warmed at once: a count above the first one starts new threads,
 * which read low for their first tens of inputs. At 17:33-17:56 UTC the waiting reference task's
 * search went from the model's count (25, 22, 16) to 32 on new threads warmed 4 inputs each; 32
 * read 804, 890 and 758/s against 1333, 1126 and 984/s for the best counts, and the plateau rule
 * stopped at 25, 29 and 28 while the sweep rose to 30-32; that second start of threads also cost
 * 1.2-1.4 s.
 */
export function searchRange(modelWorkers: number | null, plateauMax: number, maxWorkers: number): { readonly first: number; readonly max: number } {
  if (modelWorkers === null) return { first: 1, max: maxWorkers };
  const max = Math.min(maxWorkers, SEARCH_CEILING * modelWorkers);
  return { first: plateauMax > modelWorkers ? max : Math.min(maxWorkers, modelWorkers), max };
}

function throughputs(byCount: ReadonlyMap<number, CalibrationPoint>): Map<number, number> {
  return new Map([...byCount].map(([n, p]) => [n, p.throughput]));
}

/**
 * The smallest count within `tolerance` of the best, under `cap`, among the counts measured with
 * at least RECOMMEND_MIN_WINDOWS windows (provisional ones later replaced included) when at least
 * two under the cap are (else among all); for a task that waits (`ceiling` finite), raised to the
 * largest of those counts within PLATEAU_BAND of the best, up to `ceiling` (recommendOnPlateau).
 */
export function recommend(byCount: ReadonlyMap<number, CalibrationPoint>, windowsTaken: ReadonlyMap<number, number>, tolerance: number, cap: number, ceiling: number): number {
  return ceiling === 0
    ? recommendFromWellMeasured(throughputs(byCount), windowsTaken, tolerance, cap, RECOMMEND_MIN_WINDOWS)
    : recommendOnPlateau(throughputs(byCount), windowsTaken, tolerance, PLATEAU_BAND, cap, RECOMMEND_MIN_WINDOWS, ceiling);
}

/**
 * The plateau rule's ceiling from the task's wait / compute: PLATEAU_CEILING x the model's count
 * from PLATEAU_MIN_WAIT, the model's count from GOETZ_LIFT_MIN_WAIT; 0 (no plateau rule) below,
 * or without a model's count.
 */
export function plateauCeiling(waitRatio: number, modelWorkers: number | null): number {
  if (modelWorkers === null || !(waitRatio >= GOETZ_LIFT_MIN_WAIT)) return 0;
  return waitRatio >= PLATEAU_MIN_WAIT ? PLATEAU_CEILING * modelWorkers : modelWorkers;
}

/**
 * Whether outside load leaves the final check unsettled: a contender has windows but all of them
 * under a marked load (against the quietest seen), or the quietest window itself was under a load
 * of at least the threshold (every window so far loaded: the load may yet pass).
 */
export function loadUnsettled(contenders: readonly Pick<CalibrationPoint, 'outsideCores'>[], quiet: number | null, threshold: number): boolean {
  if (quiet === null) return false;
  if (quiet >= threshold) return true;
  return contenders.some((p) => p.outsideCores.length > 0 && disturbedWindows(p.outsideCores, quiet, threshold).every(Boolean));
}

/** The best-measured count other than `rec`, or null. */
export function bestOther(byCount: ReadonlyMap<number, CalibrationPoint>, rec: number): number | null {
  let best: number | null = null, bestX = -Infinity;
  for (const [n, p] of byCount) if (n !== rec && p.throughput > bestX) { best = n; bestX = p.throughput; }
  return best;
}

/** Goetz's worker count as a cap; when liftable, lifted by a count above it that measured faster by more than SEARCH_MIN_GAIN. */
export function capFor(byCount: ReadonlyMap<number, CalibrationPoint>, goetzWorkers: number | null, liftable: boolean): number {
  const cap = goetzWorkers ?? Infinity;
  return liftable ? effectiveCap(throughputs(byCount), cap) : cap;
}

/** Wait / compute from the one-at-a-time measurement; 0 when unknown. */
export function waitShare(taskMs: number | null, computeMs: number | null): number {
  return taskMs === null || computeMs === null || !(computeMs > 0) ? 0 : Math.max(0, taskMs - computeMs) / computeMs;
}

/** Workers for Goetz's tasks in flight with `depth` tasks per worker: never fewer than the cores. */
export function goetzWorkersFor(goetz: ModelResult | null, cores: number, depth: number): number | null {
  if (goetz === null) return null;
  return Math.max(1, Math.ceil(cores - 1e-9), Math.round(goetz.value / depth));
}

/** Goetz's count from the in-worker wall time and its event-loop-active (compute) part; null before anything ran. */
export function goetzFrom(cores: number, taskMs: number | null, computeMs: number | null): ModelResult | null {
  if (taskMs === null || computeMs === null || !(computeMs > 0)) return null;
  return goetzThreads({ cores, computeMs, waitMs: Math.max(0, taskMs - computeMs) });
}

export function tryFit(points: readonly CalibrationPoint[]): UslFit | null {
  const usable = points.filter((p) => p.throughput > 0);
  if (new Set(usable.map((p) => p.workers)).size < 3) return null;
  return fitUsl(usable);
}
