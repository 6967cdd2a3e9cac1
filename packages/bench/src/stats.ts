// Pure statistics: no I/O, no clock, seeded randomness only.

/** Median of a non-empty list (mean of the two middle values for an even count). NaN for an empty list. */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Quantile `q` in [0, 1] by linear interpolation between order statistics (type 7). NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i];
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

export interface BootstrapOptions {
  /** Resamples drawn. @default 2000 */
  readonly resamples?: number;
  /** Two-sided confidence level. @default 0.95 */
  readonly confidence?: number;
  /** PRNG seed. @default 1 */
  readonly seed?: number;
}

export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SEED = 1;

export interface RatioInterval {
  /** median(numerator) / median(denominator) on the data as given. */
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

/**
 * Percentile bootstrap interval of median(numerator) / median(denominator): each resample draws
 * both sides with replacement, independently, and takes the ratio of their medians.
 */
export function bootstrapRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): RatioInterval {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const ratio = median(numerator) / median(denominator);
  if (numerator.length === 0 || denominator.length === 0) {
    return { ratio: Number.NaN, lower: Number.NaN, upper: Number.NaN, confidence };
  }
  const ratios = new Float64Array(resamples);
  const a = new Float64Array(numerator.length);
  const b = new Float64Array(denominator.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) a[i] = numerator[Math.floor(random() * numerator.length)]!;
    for (let i = 0; i < b.length; i++) b[i] = denominator[Math.floor(random() * denominator.length)]!;
    ratios[r] = typedMedian(a) / typedMedian(b);
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  return { ratio, lower: sortedQuantile(ratios, tail), upper: sortedQuantile(ratios, 1 - tail), confidence };
}

function typedMedian(values: Float64Array): number {
  values.sort();
  const n = values.length;
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

function sortedQuantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Hodges-Lehmann estimate of location: the median of the Walsh averages (x_i + x_j) / 2, i <= j.
 * Robust like the median (breakdown 29%), but less noisy on small samples. NaN for an empty list.
 */
export function hodgesLehmann(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const walsh = new Float64Array((n * (n + 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh[k++] = (values[i] + values[j]) / 2;
  return typedMedian(walsh);
}

/**
 * Paired percentile bootstrap of a ratio: pair i is (numerator[i], denominator[i]), measured close
 * together in time (the two sides of one alternated process pair). The ratio is
 * exp(hodgesLehmann(log(numerator[i] / denominator[i]))); each resample draws whole pairs with
 * replacement, so what both sides of a pair shared (the machine's load at that moment) cancels.
 */
export function bootstrapPairedRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): RatioInterval {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const n = Math.min(numerator.length, denominator.length);
  if (n === 0) return { ratio: Number.NaN, lower: Number.NaN, upper: Number.NaN, confidence };
  const logs = Array.from({ length: n }, (_, i) => Math.log(numerator[i] / denominator[i]));
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const estimates = new Float64Array(resamples);
  const draw: number[] = new Array<number>(n).fill(0);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) draw[i] = logs[Math.floor(random() * n)]!;
    estimates[r] = hodgesLehmann(draw);
  }
  estimates.sort();
  const tail = (1 - confidence) / 2;
  return {
    ratio: Math.exp(hodgesLehmann(logs)),
    lower: Math.exp(sortedQuantile(estimates, tail)),
    upper: Math.exp(sortedQuantile(estimates, 1 - tail)),
    confidence,
  };
}
