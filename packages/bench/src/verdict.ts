// The decision rule, pure: per-process estimates in, verdict out.
import { bootstrapPairedRatioInterval, bootstrapRatioInterval, median, DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED } from './stats.js';

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive';

/** Smallest change in run time that counts (0.10 = 10% slower or faster). */
export const DEFAULT_MIN_EFFECT = 0.1;
/** Fewer per-process estimates than this on either side gives `inconclusive`. */
export const MIN_SAMPLES_PER_SIDE = 2;

export interface CompareOptions {
  /** True when a larger value is better (ops/s, MB/s); false for times. @default true */
  readonly higherIsBetter?: boolean;
  /** Minimum effect as a fraction of run time. @default 0.1 */
  readonly minEffect?: number;
  /** Two-sided bootstrap confidence. @default 0.95 */
  readonly confidence?: number;
  /** Bootstrap resamples. @default 2000 */
  readonly resamples?: number;
  /** Bootstrap PRNG seed. @default 1 */
  readonly seed?: number;
}

export interface Comparison {
  readonly benchmark: string;
  /**
   * Current speed over baseline speed from the medians of per-process estimates:
   * above 1 is faster now. For throughputs current/baseline, for times baseline/current.
   */
  readonly speedup: number;
  /** Bootstrap interval of `speedup`, [lower, upper]. */
  readonly interval: readonly [number, number];
  readonly verdict: Verdict;
  /** One sentence: why this verdict. */
  readonly reason: string;
  readonly baselineValue: number;
  readonly currentValue: number;
  readonly samples: { readonly baseline: number; readonly current: number };
  /** Set once a flagged benchmark was re-run: whether the re-run agreed. */
  readonly confirmed?: boolean;
}

/** Decide from a speedup and its interval alone (exact, testable with plain numbers). */
export function decideVerdict(
  speedup: number,
  interval: readonly [number, number],
  minEffect: number = DEFAULT_MIN_EFFECT,
): { verdict: Verdict; reason: string } {
  const [lower, upper] = interval;
  const slowGate = 1 / (1 + minEffect);
  const fastGate = 1 + minEffect;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  if (!Number.isFinite(speedup) || !Number.isFinite(lower) || !Number.isFinite(upper)) {
    return { verdict: 'inconclusive', reason: 'no finite estimate on one side' };
  }
  if (speedup <= slowGate && upper < 1) {
    return { verdict: 'regression', reason: `${pct(1 / speedup - 1)} slower (gate ${pct(minEffect)}) and the interval excludes no change` };
  }
  if (speedup >= fastGate && lower > 1) {
    return { verdict: 'improvement', reason: `${pct(1 - 1 / speedup)} less time (gate ${pct(minEffect)}) and the interval excludes no change` };
  }
  if (lower > slowGate && upper < fastGate) {
    return { verdict: 'unchanged', reason: `the whole interval lies within ±${pct(minEffect)}` };
  }
  return { verdict: 'inconclusive', reason: `too noisy to decide: the interval [${lower.toFixed(3)}, ${upper.toFixed(3)}] crosses a gate of ±${pct(minEffect)}` };
}

/** Compare per-process estimates of one benchmark: medians, bootstrap interval, verdict. */
export function compareSamples(
  benchmark: string,
  baseline: readonly number[],
  current: readonly number[],
  options: CompareOptions = {},
): Comparison {
  const higherIsBetter = options.higherIsBetter ?? true;
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const baselineValue = median(baseline);
  const currentValue = median(current);
  const base = { benchmark, baselineValue, currentValue, samples: { baseline: baseline.length, current: current.length } };
  if (baseline.length < MIN_SAMPLES_PER_SIDE || current.length < MIN_SAMPLES_PER_SIDE) {
    const speedup = higherIsBetter ? currentValue / baselineValue : baselineValue / currentValue;
    return {
      ...base, speedup, interval: [Number.NaN, Number.NaN], verdict: 'inconclusive',
      reason: `too few processes (${baseline.length} baseline, ${current.length} current; need ${MIN_SAMPLES_PER_SIDE} each)`,
    };
  }
  const boot = bootstrapRatioInterval(
    higherIsBetter ? current : baseline,
    higherIsBetter ? baseline : current,
    {
      resamples: options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES,
      confidence: options.confidence ?? DEFAULT_CONFIDENCE,
      seed: options.seed ?? DEFAULT_SEED,
    },
  );
  const interval: [number, number] = [boot.lower, boot.upper];
  return { ...base, speedup: boot.ratio, interval, ...decideVerdict(boot.ratio, interval, minEffect) };
}

/**
 * Compare paired per-process estimates of one benchmark: `baseline[i]` and `current[i]` come from one
 * alternated process pair (run back to back), so load that both saw cancels in their ratio. The
 * speedup is exp(Hodges-Lehmann of the per-pair log-ratios) with a paired bootstrap interval (whole
 * pairs resampled); the verdict rule is `decideVerdict`, as for `compareSamples`. Lists must have the
 * same length (a pair with a failed side is dropped by the caller).
 */
export function comparePairs(
  benchmark: string,
  baseline: readonly number[],
  current: readonly number[],
  options: CompareOptions = {},
): Comparison {
  if (baseline.length !== current.length) {
    throw new RangeError(`comparePairs(${benchmark}): ${baseline.length} baseline and ${current.length} current values do not pair up`);
  }
  const higherIsBetter = options.higherIsBetter ?? true;
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const base = { benchmark, baselineValue: median(baseline), currentValue: median(current), samples: { baseline: baseline.length, current: current.length } };
  if (baseline.length < MIN_SAMPLES_PER_SIDE) {
    return {
      ...base, speedup: higherIsBetter ? base.currentValue / base.baselineValue : base.baselineValue / base.currentValue,
      interval: [Number.NaN, Number.NaN], verdict: 'inconclusive',
      reason: `too few process pairs (${baseline.length}; need ${MIN_SAMPLES_PER_SIDE})`,
    };
  }
  const boot = bootstrapPairedRatioInterval(higherIsBetter ? current : baseline, higherIsBetter ? baseline : current, {
    resamples: options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES,
    confidence: options.confidence ?? DEFAULT_CONFIDENCE,
    seed: options.seed ?? DEFAULT_SEED,
  });
  const interval: [number, number] = [boot.lower, boot.upper];
  return { ...base, speedup: boot.ratio, interval, ...decideVerdict(boot.ratio, interval, minEffect) };
}

/**
 * Re-run rule: `rerun` compares the same baseline with the re-run's fresh processes alone. A flagged
 * verdict stands only when the re-run reaches it again on its own; otherwise the benchmark is
 * `inconclusive` and the reason says so. (Pooling the two runs instead was measured too: more power,
 * but above 1% false alarms on a benchmark with bimodal per-process speed; see the README.)
 */
export function confirmComparison(first: Comparison, rerun: Comparison): Comparison {
  if (first.verdict !== 'regression' && first.verdict !== 'improvement') return first;
  if (rerun.verdict === first.verdict) return { ...rerun, confirmed: true, reason: `${rerun.reason}; confirmed by a re-run in fresh processes` };
  return {
    ...rerun,
    verdict: 'inconclusive',
    confirmed: false,
    reason: `first run said ${first.verdict} (speedup ${first.speedup.toFixed(3)}), the re-run said ${rerun.verdict} (${rerun.speedup.toFixed(3)}): not confirmed`,
  };
}
