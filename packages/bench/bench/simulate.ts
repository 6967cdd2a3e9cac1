// Resampling simulation of the comparison method (pure: data and seed in, counts out).
// Each simulated trial draws distinct real processes from pools measured once, without replacement
// within the trial, and applies exactly the suite's decision rule (compareSamples + confirmComparison).
import { compareSamples, confirmComparison, mulberry32, type Verdict } from '../src/index.js';

export interface TrialCounts {
  readonly trials: number;
  readonly verdicts: Record<Verdict, number>;
}

export interface SimulateOptions {
  /** Processes per side per run. */
  readonly perSide: number;
  readonly trials: number;
  readonly seed: number;
  readonly minEffect: number;
  /**
   * As the suite against a saved baseline: a flagged trial is compared again, same baseline, with
   * `perSide` other current processes; the flag stands only if that re-run alone repeats it.
   */
  readonly rerun: boolean;
  /** Two-sided bootstrap confidence. @default 0.95 (the suite's) */
  readonly confidence?: number;
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

/**
 * Baseline side from `basePool`, current side from `currentPool` (the same array for identical
 * code: then both sides come from one pool and never share a process).
 */
export function simulateTrials(basePool: readonly number[], currentPool: readonly number[], options: SimulateOptions): TrialCounts {
  const random = mulberry32(options.seed);
  const same = basePool === currentPool;
  const verdicts: Record<Verdict, number> = { regression: 0, improvement: 0, unchanged: 0, inconclusive: 0 };
  const k = options.perSide;
  const currentCount = options.rerun ? 2 * k : k;
  for (let t = 0; t < options.trials; t++) {
    let base: number[];
    let current: number[];
    if (same) {
      const d = drawDistinct(basePool.length, k + currentCount, random).map((i) => basePool[i]);
      base = d.slice(0, k);
      current = d.slice(k);
    } else {
      base = drawDistinct(basePool.length, k, random).map((i) => basePool[i]);
      current = drawDistinct(currentPool.length, currentCount, random).map((i) => currentPool[i]);
    }
    const opts = { minEffect: options.minEffect, resamples: options.resamples, seed: options.seed + t, confidence: options.confidence ?? 0.95 };
    let c = compareSamples('x', base, current.slice(0, k), opts);
    if (options.rerun && (c.verdict === 'regression' || c.verdict === 'improvement')) c = confirmComparison(c, compareSamples('x', base, current.slice(k), { ...opts, seed: opts.seed + 7 }));
    verdicts[c.verdict]++;
  }
  return { trials: options.trials, verdicts };
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
