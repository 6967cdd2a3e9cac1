// calibrate(): measure the real task in tinypool at worker counts chosen by a search, fit the
// USL, and say what pool (or the main thread) to use. Faults and the budget are results.
import { performance } from 'node:perf_hooks';
import { WorkerOptimizerError } from './errors.js';
import type { UslFit } from './fit.js';
import { batchSizeFor, coreCap, describeModel, memoryCap, mvaInFlight, uvThreadpoolSize, type ModelResult } from './models.js';
import type { PoolMode } from './optimizer.js';
import type { Fault } from './pool.js';
import type { WorkerReply } from './worker.js';
import { searchWorkerCounts } from './search.js';
import { loadChangeThreshold, median, outsideCores, quietLoad, readCpu, throughputFromWindows, disturbedWindows } from './outside-load.js';
import { resolveSystem } from './system.js';
import { DEFAULT_MAX_WORKERS, resolveCalibrateOptions, type CalibrateOptions } from './calibrate-options.js';
import { measureMainThread, type MainThreadResult } from './main-thread.js';
import type { CalibrationOutcome, CalibrationPoint, CalibrationResult, OutsideLoad } from './calibration-result.js';
import {
  bestOther, capFor, goetzFrom, goetzWorkersFor, loadUnsettled, plateauCeiling, recommend, searchRange, tryFit, waitShare, GOETZ_LIFT_MIN_WAIT, PLATEAU_BAND, PLATEAU_CEILING, PLATEAU_MIN_WAIT, RECOMMEND_MIN_WINDOWS,
} from './recommendation.js';

/**
 * Inputs every thread must have run (since it started) before a count it is part of is measured
 * (module imported, first runs done). New threads run slow for their first tens of inputs here
 * (waiting task, 14 new threads, 2026-11-29 07:25 UTC: 7 ms of compute per input over inputs
 * 10-20 of each thread, 1.7 ms from input 20 on; a fresh pool of 28 took about 2 s of full load
 * to reach its steady rate); threads are kept for the whole calibration (ThreadBlocks), so each
 * pays this once, and windows measured before STEADY_INPUTS_PER_THREAD are provisional.
 */
const WARM_INPUTS_PER_THREAD = 4;
/**
 * Windows measured while a thread of the count had run fewer inputs than this are provisional:
 * when the count is measured again (a dip, the final check), they are replaced. Warming every new
 * thread this far would cost more than the calibration's budget allows at 30 threads.
 */
const STEADY_INPUTS_PER_THREAD = 48;
/**
 * Longest warm-up of the search's first count, in measurement windows: its threads are warmed to
 * STEADY_INPUTS_PER_THREAD, since every later step is judged against it (a first count read low
 * would make every larger one look faster) and its threads are part of every larger count.
 */
const STEADY_WARM_MAX_WINDOWS = 10;
/** Longest warm-up, in measurement windows. */
const WARM_MAX_WINDOWS = 10;
/** Two measurement windows within this share of each other end the repetitions early. */
const AGREEMENT = 0.1;
/** Kept back after the main-thread measurement, ms. */
const MAIN_THREAD_MARGIN_MS = 50;
/** Main-thread measurement length, in windows. */
const MAIN_THREAD_WINDOWS = 1.5;
/** Tasks the one-at-a-time measurement warms its thread with (import, JIT) before timing. */
const PROBE_WARM_TASKS = 5;
/** The one-at-a-time measurement of the task's time and compute: at least this many runs and this many windows, at most PROBE_MAX_WINDOWS. */
const PROBE_MIN_RUNS = 7;
const PROBE_WINDOWS = 0.5;
const PROBE_MAX_WINDOWS = 1.5;
/** Rounds of the final check: the recommended count, the best other count (and Goetz's count when it is lower) measured again, alternately. */
const CONFIRM_ROUNDS = 2;
/**
 * More rounds of the final check, up to this many in all, while time allows (CONFIRM_TIME_SHARE):
 * one window here reads anywhere within about +-15% of its count's rate (consecutive 200-800 ms
 * windows of one pool, 2026-11-29 11:53 UTC), so a count in a flat stretch of the curve can lead
 * by one lucky window; more windows on the leading counts, rather than on far ones, settle it.
 */
const CONFIRM_MAX_ROUNDS = 6;
/**
 * A further round starts only if it should end by this share of the budget (the rest stays for
 * the main-thread measurement and the pool's destruction, and keeps calibration cheap: with 0.7
 * the waiting reference task's calibration took 30.8% of the bench's sweep at 12:08 UTC). Until
 * f191f13 the share was read from the clock's origin (about 1 s before calibration in the bench's
 * processes), so 0.6 stood for about 0.53 in every run measured before.
 */
const CONFIRM_TIME_SHARE = 0.55;
/** In those further rounds, counts within this share of the best measured one are contenders too (at most CONFIRM_NEAR of them). */
const CONFIRM_NEAR_SHARE = 0.1;
const CONFIRM_NEAR = 2;
/** Windows per count in each round of that check (added to the count's earlier windows; the median of all is kept). */
const CONFIRM_WINDOWS = 1;
/**
 * Windows taken under a marked outside load do not count towards a measurement's repetitions, up
 * to this many per measurement: they are measured again at once, in case the load has passed.
 */
const LOAD_EXTRA_WINDOWS = 2;
/**
 * Rounds of the final check in all while outside load leaves it unsettled (a contender measured
 * only under a marked load, or every window so far under a load of at least the threshold: it may
 * pass), within the same time share: at 12:17 and 12:34 UTC the CPU-bound reference task was
 * calibrated while other processes used about 1 core, 1 worker read as fast as 2, and the load
 * was gone for the sweep (side by side 1 worker reached 59% and 71% of the best count).
 */
const LOAD_MAX_ROUNDS = 12;
/**
 * Above the model's count, doubling goes on only while each step gains more than this share (and
 * such a step is measured again when it gains less): at 14:05 UTC the mixed reference task's
 * search doubled 5 -> 10 -> 20 -> 32 on gains of 14% and 8% (its rate is flat from about 4 to 29
 * workers within the machine's noise), its warm-ups of new threads took 7.7 s, and the 15 s
 * budget ran out before the final check.
 */
const SEARCH_GAIN_ABOVE_MODEL = 0.1;
/** Refinement steps after the doubling (each a count between measured ones). */
const REFINE_STEPS = 2;
const EMPTY_TASK_URL = new URL('../dist/empty-task.js', import.meta.url).href;

async function loadTask(url: string): Promise<(input: unknown) => unknown> {
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (cause) {
    throw new WorkerOptimizerError('WORKER_OPTIMIZER_TASK_MODULE', `calibrate: cannot import the task module ${url}: ${cause instanceof Error ? cause.message : String(cause)}; pass a compiled .js/.mjs module (worker threads cannot load .ts)`, { cause });
  }
  if (typeof mod.default !== 'function') {
    throw new WorkerOptimizerError('WORKER_OPTIMIZER_TASK_MODULE', `calibrate: ${url} has no default-exported function; add \`export default function (input) { ... }\``);
  }
  return mod.default as (input: unknown) => unknown;
}

/** Measures the task in a worker pool and recommends a worker count, tasks per worker, batch size and mode. */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const o = resolveCalibrateOptions(options);
  const deadline = start + o.budgetMs;
  const system = await resolveSystem('calibrate', o.system);
  const fn = await loadTask(o.taskUrl);
  const depth = o.concurrentTasksPerWorker;
  const memCap = o.memoryPerTaskMb === undefined ? null : memoryCap({ memoryLimitBytes: system.memoryLimitBytes, memoryPerTaskBytes: o.memoryPerTaskMb * 1024 * 1024 });
  // Memory bounds the tasks in flight: workers x tasks per worker.
  const maxWorkers = Math.max(1, Math.min(o.maxWorkers ?? Math.max(DEFAULT_MAX_WORKERS, 4 * Math.ceil(system.effectiveCores)), Math.floor((memCap?.value ?? Infinity) / depth)));
  const mainReserve = o.mainThread ? o.windowMs * MAIN_THREAD_WINDOWS : 0;
  // tinypool loads with the first calibration: importing the models stays cheap for a CLI's start.
  const { ThreadBlocks } = await import('./blocks.js');
  const runner = new ThreadBlocks({ maxWorkers, concurrentTasksPerWorker: depth, taskTimeoutMs: o.taskTimeoutMs, deadline: deadline - mainReserve, now, load: { url: o.taskUrl, inputs: [] } });

  let i = 0;
  let batch = o.batchSize ?? 1;
  const nextTask = () => {
    const inputs: unknown[] = [];
    for (let k = 0; k < batch; k++) inputs.push(o.inputs[i++ % o.inputs.length]);
    return { url: o.taskUrl, inputs };
  };
  const byCount = new Map<number, CalibrationPoint>();
  /** Counts whose windows so far ran on threads that had run fewer than STEADY_INPUTS_PER_THREAD inputs. */
  const provisional = new Set<number>();
  /**
   * Windows measured per count, including provisional ones later replaced: how often a count was
   * measured, for the recommendation's choice among well-measured counts (a count whose windows
   * were replaced while its threads were young was still measured that often: at 12:25 UTC only
   * 2 workers of the mixed task counted 4 windows by their kept samples, and 2 was recommended).
   */
  const windowsTaken = new Map<number, number>();
  /** Rounds of the final check completed: the recommendation prefers well-measured counts only after CONFIRM_ROUNDS of them (cut short by the budget, no count had the chance). */
  let confirmRounds = 0;
  let fault: Fault | null = null;
  let failedTotal = 0;
  let firstError: string | null = null;
  let taskFailed = false;
  let dispatchOverheadMs: number | null = null;
  let taskMs: number | null = null, computeMs: number | null = null;
  let batchModel: ModelResult | null = null;
  /** Outside load of every window measured (replaced ones included): the quietest sets the level windows are judged against. */
  const allLoads: (number | null)[] = [];
  const loadThreshold = loadChangeThreshold(system.effectiveCores);
  let extraWindows = 0;
  /** Where the time went, ms: warm-ups and measurement windows (all counts), and the phases. */
  const spent = { warm: 0, windows: 0, probe: 0, search: 0, check: 0, destroy: 0, main: 0 };
  const marks = (loads: readonly (number | null)[]): boolean[] => disturbedWindows(loads, quietLoad(allLoads), loadThreshold);
  /** Every count's throughput again from its windows, against the quietest load seen so far (it falls when a load passes). */
  const refresh = (): void => {
    for (const [n, p] of byCount) {
      const d = marks(p.outsideCores);
      byCount.set(n, { ...p, throughput: throughputFromWindows(p.samples, d), disturbed: d.filter(Boolean).length });
    }
  };

  // One count: n workers made of thread blocks (threads started once, kept idle while other counts
  // run), warmed, then windows with n x depth tasks in flight. Measuring a count again adds
  // windows; the median of all is kept.
  const measure = async (n: number, repetitions: number = o.repetitions, steady = false): Promise<number | null> => {
    if (fault !== null) return null;
    const w0 = now();
    const warm = steady
      ? await runner.warm(n, STEADY_INPUTS_PER_THREAD, STEADY_WARM_MAX_WINDOWS * o.windowMs, nextTask, STEADY_INPUTS_PER_THREAD)
      : await runner.warm(n, WARM_INPUTS_PER_THREAD, WARM_MAX_WINDOWS * o.windowMs, nextTask, STEADY_INPUTS_PER_THREAD);
    spent.warm += now() - w0;
    const before = byCount.get(n);
    // Windows run on threads started for that measurement read low for a while after the
    // warm-up (waiting task, 2026-11-29 07:37 UTC: 23 workers read 365-418/s right after 8 new
    // threads, 765-839/s when measured again): a count measured again replaces those windows.
    const keep = !provisional.has(n);
    const samples: number[] = keep ? [...(before?.samples ?? [])] : [];
    const loads: (number | null)[] = keep ? [...(before?.outsideCores ?? [])] : [];
    if (warm.young) provisional.add(n); else provisional.delete(n);
    const fresh: number[] = [];
    let completed = before?.completed ?? 0, failed = warm.failed;
    firstError ??= warm.firstError;
    fault ??= warm.fault;
    let extra = 0;
    for (let r = 0; r < repetitions && fault === null; r++) {
      const c0 = readCpu(now);
      const s = await runner.drive(n, o.windowMs, nextTask);
      if (s.fault !== null) { fault = s.fault; break; }
      const c1 = readCpu(now);
      spent.windows += c1.wallMs - c0.wallMs;
      const load = outsideCores(c0, c1);
      allLoads.push(load);
      samples.push(s.throughput);
      loads.push(load);
      windowsTaken.set(n, (windowsTaken.get(n) ?? 0) + 1);
      completed += s.completed; failed += s.failed;
      firstError ??= s.firstError;
      // A window under a marked outside load does not count: measured again at once (the load may have passed).
      if (marks([load])[0] && extra < LOAD_EXTRA_WINDOWS) { extra++; extraWindows++; r--; continue; }
      fresh.push(s.throughput);
      // Two windows that agree are enough; a third settles a disagreement.
      if (fresh.length === 2 && Math.abs(fresh[0] - fresh[1]) <= AGREEMENT * Math.max(fresh[0], fresh[1])) break;
    }
    failedTotal += failed;
    if (samples.length === 0) return null;
    if (completed === 0) { taskFailed = true; return null; }
    byCount.set(n, { workers: n, throughput: NaN, samples, outsideCores: loads, disturbed: 0, completed, failed: (before?.failed ?? 0) + failed });
    refresh();
    return byCount.get(n)!.throughput;
  };

  let usl: UslFit | null = null;
  let goetzWorkers: number | null = null;
  let queueing: ModelResult | null = null;
  let queueingWorkers: number | null = null;
  /** The model's worker count the search starts at (waiting tasks) and caps at: queueingWorkers when known, else goetzWorkers. */
  let modelWorkers: number | null = null;
  let liftable = true;
  /** The counts the search measures from and up to (searchRange). */
  let range = { first: 1, max: maxWorkers };
  /** The plateau rule's ceiling (0: the rule does not apply). */
  let plateauMax = 0;
  try {
    const empty = () => ({ url: EMPTY_TASK_URL, inputs: [null] });
    fault = await runner.start(empty());
    const overhead = fault === null ? await runner.drive(1, o.windowMs, empty, { inFlight: 1, warms: false }) : null;
    fault ??= overhead?.fault ?? null;
    if (fault === null && overhead !== null && overhead.throughput > 0) dispatchOverheadMs = 1000 / overhead.throughput;
    // The task one input at a time on one worker: its time and compute (for Goetz and the batch size).
    if (fault === null) {
      let warmRuns = 0;
      const warm = await runner.drive(1, WARM_MAX_WINDOWS * o.windowMs, nextTask, { inFlight: 1, until: () => ++warmRuns >= PROBE_WARM_TASKS });
      fault ??= warm.fault;
      const replies: WorkerReply[] = [];
      const probeStart = now();
      const enough = () => replies.length >= PROBE_MIN_RUNS && now() - probeStart >= o.windowMs * PROBE_WINDOWS;
      const probe = fault === null ? await runner.drive(1, o.windowMs * PROBE_MAX_WINDOWS, nextTask, { inFlight: 1, until: enough, record: replies }) : null;
      failedTotal += warm.failed;
      firstError ??= warm.firstError;
      if (probe !== null) {
        fault ??= probe.fault;
        failedTotal += probe.failed;
        firstError ??= probe.firstError;
        const timed = replies.filter((r) => r.ok + r.failed > 0);
        if (probe.completed > 0 && timed.length > 0) {
          // Per run: compute is the least event-loop-active time seen (interference from other
          // threads and a core waking from idle only add to it), wait the median of the rest.
          const per = (r: WorkerReply, v: number) => v / (r.ok + r.failed);
          computeMs = Math.min(...timed.map((r) => per(r, r.activeMs)));
          taskMs = computeMs + median(timed.map((r) => per(r, Math.max(0, r.ms - r.activeMs))));
        } else if (probe.fault === null) taskFailed = true;
      }
    }
    if (dispatchOverheadMs !== null && taskMs !== null && taskMs > 0) {
      batchModel = batchSizeFor({ overheadMs: dispatchOverheadMs, taskMs });
      batch = o.batchSize ?? batchModel.value;
    }
    if (fault === null && !taskFailed) {
      goetzWorkers = goetzWorkersFor(goetzFrom(system.effectiveCores, taskMs, computeMs), system.effectiveCores, depth);
      liftable = waitShare(taskMs, computeMs) >= GOETZ_LIFT_MIN_WAIT;
      if (liftable && taskMs !== null && computeMs !== null && computeMs > 0) {
        queueing = mvaInFlight({ cores: system.effectiveCores, waitMs: Math.max(0, taskMs - computeMs), computeMs });
        queueingWorkers = Math.max(goetzWorkers ?? 1, Math.ceil(queueing.value / depth));
      }
      modelWorkers = queueingWorkers ?? goetzWorkers;
      plateauMax = plateauCeiling(waitShare(taskMs, computeMs), modelWorkers);
      // A task that waits: the search measures counts from and up to counts the model gives (searchRange).
      range = searchRange(o.capByGoetz && liftable ? modelWorkers : null, plateauMax, maxWorkers);
      const t0 = now();
      spent.probe = t0 - start;
      const search = await searchWorkerCounts((n) => measure(n, o.repetitions, byCount.size === 0), {
        maxWorkers: range.max, cap: () => (o.capByGoetz ? modelWorkers ?? Infinity : Infinity), liftable: () => liftable, start: range.first, refineSteps: REFINE_STEPS, minGainAboveCap: SEARCH_GAIN_ABOVE_MODEL,
      });
      let searchFinished = search.finished;
      usl = tryFit([...byCount.values()]);
      // Where the fitted curve peaks between two measured counts, measure that count too.
      const peak = usl === null || !Number.isFinite(usl.peakWorkers) ? null : Math.round(usl.peakWorkers);
      const counts = [...byCount.keys()];
      if (searchFinished && peak !== null && peak <= range.max && !counts.includes(peak) && peak > Math.min(...counts) && peak < Math.max(...counts)) {
        searchFinished = (await measure(peak)) !== null;
      }
      // A final check against noise: the recommended count and the best other count (and counts
      // close to the best), measured again alternately; more rounds while time allows.
      const t1 = now();
      spent.search = t1 - t0;
      let roundMs = 0;
      confirmRounds = 0;
      let lastContenders: number[] = [];
      for (let round = 0; round < LOAD_MAX_ROUNDS && searchFinished; round++) {
        if (round >= CONFIRM_ROUNDS && now() - start + roundMs > CONFIRM_TIME_SHARE * o.budgetMs) break;
        if (round >= CONFIRM_MAX_ROUNDS && !loadUnsettled(lastContenders.map((n) => byCount.get(n)!), quietLoad(allLoads), loadThreshold)) break;
        const roundStart = now();
        const rec = recommend(byCount, windowsTaken, o.tolerance, capFor(byCount, o.capByGoetz ? modelWorkers : null, liftable), plateauMax);
        const best = bestOther(byCount, rec);
        if (best === null) break;
        // The model's count, when measured and below the recommended one, is a cheaper candidate the
        // model favours: it is checked too (a single low reading must not rule it out). For a task
        // that hardly waits it is also the hard cap, and a smaller recommended count is checked
        // against it: at 12:17 UTC 2 workers read 745/s in their only windows of the CPU-bound
        // reference task (while other processes used 0.95 cores), 1 and 4 workers 928 and 943/s
        // over 8 windows, and 1 worker was recommended; side by side it reached 59% of 7 workers.
        const checkModel = modelWorkers !== null && (modelWorkers < rec || (!liftable && modelWorkers > rec));
        const model = modelWorkers !== null && checkModel && modelWorkers !== best && byCount.has(modelWorkers) ? [modelWorkers] : [];
        // The largest count measured, when its windows are still provisional (they ran right after
        // its new threads started, and read low), is measured again too, for a task that waits.
        const largest = Math.max(...byCount.keys());
        const young = liftable && provisional.has(largest) && largest !== rec && largest !== best && !model.includes(largest) ? [largest] : [];
        const chosen = [rec, best, ...model, ...young];
        const top = Math.max(...[...byCount.values()].map((p) => p.throughput));
        const near = round < CONFIRM_ROUNDS ? [] : [...byCount.values()].filter((p) => !chosen.includes(p.workers) && p.throughput >= top * (1 - CONFIRM_NEAR_SHARE))
          .sort((x, y) => y.throughput - x.throughput).slice(0, CONFIRM_NEAR).map((p) => p.workers);
        const contenders = [...chosen, ...near];
        lastContenders = [...contenders];
        // Alternate the order from round to round, so a drift of the machine's speed favours neither.
        for (const n of round % 2 === 0 ? contenders : contenders.reverse()) {
          searchFinished = (await measure(n, CONFIRM_WINDOWS)) !== null;
          if (!searchFinished) break;
        }
        roundMs = now() - roundStart;
        if (searchFinished) confirmRounds++;
      }
      usl = tryFit([...byCount.values()]);
      spent.check = now() - t1;
    }
  } finally {
    const d0 = now();
    await runner.destroy();
    spent.destroy = now() - d0;
  }
  const collected = runner.collected;

  const points = [...byCount.values()];
  const goetz = goetzFrom(system.effectiveCores, taskMs, computeMs);
  const cap = capFor(byCount, o.capByGoetz ? modelWorkers : null, liftable);
  const fallback = coreCap(system.effectiveCores);
  const recommendedWorkers = points.length > 0 ? recommend(byCount, confirmRounds >= CONFIRM_ROUNDS ? windowsTaken : new Map(), o.tolerance, cap, plateauMax) : Math.min(maxWorkers, fallback.value);
  const bestPool = points.length > 0 ? Math.max(...points.map((p) => p.throughput)) : 0;

  let mainThread: MainThreadResult | null = null;
  if (o.mainThread && fault === null && !taskFailed && taskMs !== null) {
    const left = deadline - MAIN_THREAD_MARGIN_MS - now();
    const m0 = now();
    if (left > 3 * taskMs) mainThread = await measureMainThread(fn, o.inputs, Math.min(o.windowMs * MAIN_THREAD_WINDOWS, left), recommendedWorkers * depth, bestPool, now);
    spent.main = now() - m0;
  }
  const mode: PoolMode = mainThread?.beatsPool === true ? 'main-thread' : 'threads';
  const uv = uvThreadpoolSize(recommendedWorkers * depth);
  const outcome: CalibrationOutcome = fault?.kind ?? (taskFailed ? 'task-failed' : 'completed');

  const reasons: string[] = [];
  if (points.length === 0) reasons.push(`nothing measured (${outcome}): ${describeModel(fallback)}`);
  else reasons.push(`measured ${points.length} worker counts (${points.map((p) => `${p.workers}${p.samples.length > o.repetitions ? ' again' : ''}`).join(', ')}) with ${depth} task(s) per worker and ${batch} input(s) per task; smallest within ${o.tolerance * 100}% of the best measured throughput${cap !== Infinity ? `, at most ${cap}` : ''}, among the counts measured with at least ${RECOMMEND_MIN_WINDOWS} windows when any are`);
  const capNote = o.capByGoetz ? (cap === Infinity ? ' (a cap unless more measured faster by more than 5%: they did)' : liftable ? ' (cap: no count above it measured more than 5% faster)' : ' (hard cap: the task hardly waits)') : '';
  if (goetz !== null) reasons.push(`${describeModel(goetz)} tasks in flight from measured compute and wait = ${goetzWorkers ?? '?'} workers at ${depth} per worker${queueing === null ? capNote : ''}`);
  if (queueing !== null) reasons.push(`${describeModel(queueing)} tasks in flight (mean value analysis) = ${queueingWorkers ?? '?'} workers; the search started at ${range.first} and measured counts up to ${range.max}${capNote}`);
  if (memCap !== null) reasons.push(`${describeModel(memCap)} tasks in flight`);
  if (usl !== null) reasons.push(`USL fit sigma=${usl.sigma.toPrecision(3)} kappa=${usl.kappa.toPrecision(3)} lambda=${usl.lambda.toPrecision(4)} r2=${usl.r2.toFixed(3)}, peak N*=${usl.peakWorkers.toPrecision(3)}`);
  if (batchModel !== null) reasons.push(`${describeModel(batchModel)}${o.batchSize !== undefined ? ` (batch ${o.batchSize} given)` : ''}`);
  if (mainThread !== null) reasons.push(`main thread ${mainThread.throughput.toFixed(1)}/s vs best pool ${bestPool.toFixed(1)}/s (measured)`);
  const known = allLoads.filter((l): l is number => l !== null);
  const outsideLoad: OutsideLoad | null = known.length === 0 ? null : {
    quietCores: Math.min(...known), medianCores: median(known), maxCores: Math.max(...known), windows: known.length,
    disturbedWindows: points.reduce((k, p) => k + p.disturbed, 0), extraWindows, thresholdCores: loadThreshold,
  };
  if (plateauMax > 0 && points.length > 0) reasons.push(plateauMax > (modelWorkers ?? 0)
    ? `a task that waits ${PLATEAU_MIN_WAIT}x its compute or more: raised to the largest well-measured count within ${PLATEAU_BAND * 100}% of the best, above the model's count too, up to ${plateauMax} (${PLATEAU_CEILING} x the model's count)`
    : `a task that waits less than ${PLATEAU_MIN_WAIT}x its compute: raised to the largest well-measured count within ${PLATEAU_BAND * 100}% of the best up to the model's count, ${plateauMax}`);
  if (outsideLoad !== null) {
    reasons.push(`measured while other processes used ${outsideLoad.medianCores.toFixed(2)} cores (median of ${outsideLoad.windows} windows, ${outsideLoad.quietCores.toFixed(2)} to ${outsideLoad.maxCores.toFixed(2)}, /proc/stat less this process)`
      + (outsideLoad.disturbedWindows > 0 || extraWindows > 0 ? `, ${outsideLoad.disturbedWindows} window(s) at least ${loadThreshold.toFixed(2)} cores above the quietest left out, ${extraWindows} measured again at once` : '')
      + (outsideLoad.quietCores >= loadThreshold ? `, every window under outside load: the recommendation holds while it lasts` : ''));
  }
  if (collected.times > 0) reasons.push(`idle threads collected their garbage ${collected.times} time(s), ${Math.round(collected.ms)} ms in all`);
  if (fault !== null) reasons.push(`stopped: ${fault.kind} at ${fault.workers} in flight: ${fault.message}; pool destroyed`);
  if (failedTotal > 0) reasons.push(`${failedTotal} task runs threw (excluded): ${firstError ?? ''}`);
  const ms = (x: number): string => `${Math.round(x)}`;
  reasons.push(`time (ms): start and one-at-a-time probe ${ms(spent.probe)}, search ${ms(spent.search)}, final check ${ms(spent.check)} (${confirmRounds} rounds), of which warm-ups ${ms(spent.warm)} and windows ${ms(spent.windows)}; pool destroyed in ${ms(spent.destroy)}, main thread ${ms(spent.main)}`);
  reasons.push(`system: ${system.source}`);

  return {
    outcome, recommendedWorkers, mode, concurrentTasksPerWorker: depth, points, usl, batchSize: batch, dispatchOverheadMs, taskMs, computeMs, goetz, goetzWorkers, queueing, queueingWorkers, mainThread,
    uvThreadpoolSize: uv.value, taskErrors: { count: failedTotal, firstMessage: firstError }, fault, poolDestroyed: true,
    budgetMs: o.budgetMs, budgetUsedMs: now() - start, reason: reasons.join('; '), system, outsideLoad,
  };
}
