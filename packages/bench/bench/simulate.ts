// Resampling simulation of the comparison methods (pure: data and seed in, counts out).
// Data are rounds: in round i, `baseline[i]` and `current[i]` are per-process estimates of two fresh
// processes run back to back (arms alternated). Each trial draws distinct rounds, without
// replacement within the trial, and applies exactly one of the package's decision rules.
import { compareSamples, comparePairs, confirmComparison, mulberry32, type Comparison, type Verdict } from '../src/index.js';

export interface TrialCounts {
  readonly trials: number;
  /** Verdicts of the first run alone. */
  readonly first: Record<Verdict, number>;
  /** Verdicts after the re-run of flagged results (what would fail a build). */
  readonly verdicts: Record<Verdict, number>;
}

/**
 * - `saved-baseline`: the suite's `compareToBaseline` against a baseline measured at another time: baseline
 *   from `perSide` rounds, current from `perSide` other rounds; a flagged result is re-run with `perSide`
 *   more current processes against the same baseline (`compareSamples` + `confirmComparison`).
 * - `side-by-side`: both sides from the same `perSide` rounds (alternated, as `sideBySide` runs them),
 *   `compareSamples`; the re-run measures both sides again in `perSide` other rounds.
 * - `paired`: as `side-by-side`, decided by `comparePairs` (Hodges-Lehmann of per-round log-ratios).
 */
export type Design = 'saved-baseline' | 'side-by-side' | 'paired';
export const DESIGNS: readonly Design[] = ['saved-baseline', 'side-by-side', 'paired'];

export interface SimulateOptions {
  readonly design: Design;
  /** Processes per side per run. */
  readonly perSide: number;
  readonly trials: number;
  readonly seed: number;
  readonly minEffect: number;
  /** Bootstrap resamples per comparison. */
  readonly resamples: number;
}

/** `count` distinct indices below `n`, partial Fisher-Yates. */
export function drawDistinct(n: number, count: number, random: () => number): number[] {
  if (count > n) throw new Error(`cannot draw ${count} distinct processes from ${n}`);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i]; idx[i] = idx[j]!; idx[j] = t;
  }
  return idx.slice(0, count);
}

/** Rounds one trial needs: saved-baseline 3 sets of `perSide` (baseline, current, re-run), the others 2. */
export const roundsPerTrial = (design: Design, perSide: number): number => (design === 'saved-baseline' ? 3 : 2) * perSide;

const emptyCounts = (): Record<Verdict, number> => ({ regression: 0, improvement: 0, unchanged: 0, inconclusive: 0 });
const flagged = (c: Comparison): boolean => c.verdict === 'regression' || c.verdict === 'improvement';

/** `baseline[i]`, `current[i]`: round i's two processes (throughputs, higher is better). */
export function simulateRounds(baseline: readonly number[], current: readonly number[], options: SimulateOptions): TrialCounts {
  if (baseline.length !== current.length) throw new Error('baseline and current must have one value per round');
  const random = mulberry32(options.seed);
  const first = emptyCounts();
  const verdicts = emptyCounts();
  const k = options.perSide;
  const pick = (xs: readonly number[], idx: readonly number[]): number[] => idx.map((i) => xs[i]);
  const decide = options.design === 'paired' ? comparePairs : compareSamples;
  for (let t = 0; t < options.trials; t++) {
    const idx = drawDistinct(baseline.length, roundsPerTrial(options.design, k), random);
    const [r1, r2, r3] = [idx.slice(0, k), idx.slice(k, 2 * k), idx.slice(2 * k)];
    const opts = { minEffect: options.minEffect, resamples: options.resamples, seed: options.seed + t };
    let c: Comparison;
    let rerun: () => Comparison;
    if (options.design === 'saved-baseline') {
      c = compareSamples('x', pick(baseline, r1), pick(current, r2), opts);
      rerun = () => compareSamples('x', pick(baseline, r1), pick(current, r3), { ...opts, seed: opts.seed + 7 });
    } else {
      c = decide('x', pick(baseline, r1), pick(current, r1), opts);
      rerun = () => decide('x', pick(baseline, r2), pick(current, r2), { ...opts, seed: opts.seed + 7 });
    }
    first[c.verdict]++;
    if (flagged(c)) c = confirmComparison(c, rerun());
    verdicts[c.verdict]++;
  }
  return { trials: options.trials, first, verdicts };
}

/** The naive rule the issue measured: one process per side, flag when tinybench's mean moves more than `gate`. */
export function naiveFalseAlarms(pool: readonly number[], trials: number, gate: number, seed: number): number {
  const random = mulberry32(seed);
  let alarms = 0;
  for (let t = 0; t < trials; t++) {
    const [i, j] = drawDistinct(pool.length, 2, random) as [number, number];
    const r = pool[j] / pool[i];
    if (r < 1 / (1 + gate) || r > 1 + gate) alarms++;
  }
  return alarms;
}
