/** Pure statistics over dense-id traces: frequencies, Zipf fit, working set. */
import { WorkloadError } from './errors.js';

/** Request count of each dense id. */
export function keyFrequencies(ids: ArrayLike<number>, uniqueKeys: number): Uint32Array {
  const counts = new Uint32Array(uniqueKeys);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  return counts;
}

/** Zipf skew estimated from the rank-frequency curve. */
export interface ZipfFit {
  /** Exponent alpha of count ∝ rank^-alpha (0 = flat). */
  readonly alpha: number;
  /** Coefficient of determination of the log-log least-squares line (0..1; 0 when under 3 points). */
  readonly rSquared: number;
  /** Sampled ranks the line was fitted on. */
  readonly points: number;
}

/** Ranks with fewer requests than this are left out of the fit (sampling noise flattens the tail). */
export const ZIPF_MIN_COUNT = 5;
const ZIPF_POINTS = 64;

/**
 * Least-squares line through log(count) against log(rank), on ranks sampled evenly in log
 * space from 1 to the last rank with at least `ZIPF_MIN_COUNT` requests.
 */
export function zipfFit(frequencies: ArrayLike<number>): ZipfFit {
  const sorted = Float64Array.from(frequencies).sort().reverse();
  let last = 0;
  while (last < sorted.length && sorted[last] >= ZIPF_MIN_COUNT) last++;
  if (last < 3) return { alpha: 0, rSquared: 0, points: 0 };
  const xs: number[] = [];
  const ys: number[] = [];
  let prev = -1;
  for (let k = 0; k < ZIPF_POINTS; k++) {
    const rank = Math.round(Math.exp((Math.log(last) * k) / (ZIPF_POINTS - 1)));
    if (rank === prev) continue;
    prev = rank;
    xs.push(Math.log(rank));
    ys.push(Math.log(sorted[rank - 1]));
  }
  if (xs.length < 3) return { alpha: 0, rSquared: 0, points: xs.length };
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const rSquared = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { alpha: Math.max(0, -slope), rSquared, points: n };
}

/** Distinct keys in each consecutive window of requests. */
export interface WorkingSet {
  /** Requests per window. */
  readonly window: number;
  /** Distinct keys in each window (the last window may be shorter). */
  readonly sizes: Uint32Array;
  readonly mean: number;
  readonly max: number;
}

export function workingSet(ids: ArrayLike<number>, uniqueKeys: number, window: number): WorkingSet {
  if (!Number.isInteger(window) || window < 1) throw new WorkloadError('INVALID_OPTION', `window must be a positive integer, got ${window}`);
  const windows = Math.ceil(ids.length / window);
  const sizes = new Uint32Array(windows);
  const seenIn = new Int32Array(uniqueKeys).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const w = Math.floor(i / window);
    const id = ids[i];
    if (seenIn[id] !== w) {
      seenIn[id] = w;
      sizes[w]++;
    }
  }
  let sum = 0;
  let max = 0;
  for (const s of sizes) {
    sum += s;
    if (s > max) max = s;
  }
  return { window, sizes, mean: windows === 0 ? 0 : sum / windows, max };
}

/** Variance over mean of the per-key counts (about 1 for uniform random draws, large for skew). */
export function dispersionIndex(frequencies: ArrayLike<number>): number {
  const n = frequencies.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += frequencies[i];
  const mean = sum / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (frequencies[i] - mean) ** 2;
  return mean === 0 ? 0 : v / n / mean;
}
