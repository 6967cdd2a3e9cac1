// The shapes every miss-ratio curve shares, and the error bound of a sampled point.
import { CacheTunerError } from './errors.js';
import type { PolicyName } from './registry.js';

/** Below this many sampled objects in a cache of a given size, a sampled curve gives no number there. */
export const DEFAULT_MIN_SAMPLED_OBJECTS = 10;
/** Default SHARDS sampling rate. */
export const DEFAULT_SHARDS_RATE = 0.01;
/** Default miniature-simulation sampling rate. */
export const DEFAULT_MINIATURE_RATE = 0.05;
/** z of the error bounds (about 95% two-sided under the binomial model). */
export const ERROR_BOUND_Z = 1.96;
/** Points in the default size grid. */
export const DEFAULT_CURVE_POINTS = 64;

/** One point of a curve. `missRatio` is absent where the sample is too small to say anything. */
export interface CurvePoint {
  readonly size: number;
  readonly status: 'exact' | 'estimate' | 'too-few-samples';
  readonly missRatio?: number;
  /** Half-width of the interval around an estimate (model named in the curve's `errorModel`). */
  readonly errorBound?: number;
  /** Expected sampled objects a cache of this size holds (rate × size). */
  readonly sampledObjects?: number;
}

/** A miss-ratio curve (cache size in objects). */
export interface MissRatioCurve {
  readonly method: 'exact' | 'shards' | 'miniature';
  readonly policy: string;
  readonly requests: number;
  readonly uniqueKeys: number;
  readonly points: readonly CurvePoint[];
  /** Sampling rate in effect at the end (sampled methods). */
  readonly rate?: number;
  /** Requests that were sampled (sampled methods). */
  readonly sampledRequests?: number;
  /** How the error bounds are computed. */
  readonly errorModel?: string;
  /** Exact method: the LRU miss ratio at every size 0..uniqueKeys. */
  readonly bySize?: Float64Array;
}

export type MissRatioCurveOptions =
  | { readonly method: 'exact'; /** @default a log-spaced grid of DEFAULT_CURVE_POINTS sizes up to the unique keys */ readonly sizes?: readonly number[] }
  | {
      readonly method: 'shards';
      /** Fixed sampling rate in (0, 1]. @default DEFAULT_SHARDS_RATE unless sampleSize is given */
      readonly rate?: number;
      /**
       * Fixed-rate mode: 'plain' weights every sampled request by 1 / rate (SHARDS_adj);
       * 'post-stratified' weights each request-count class by its exactly counted totals.
       * @default 'post-stratified'
       */
      readonly estimator?: 'post-stratified' | 'plain';
      /** Fixed sample size: at most this many distinct sampled keys (the rate drops as needed). */
      readonly sampleSize?: number;
      readonly sizes?: readonly number[];
      /** Hash seed of the spatial sampling. @default 0x2545f491 */
      readonly seed?: number;
      /** @default DEFAULT_MIN_SAMPLED_OBJECTS */
      readonly minSampledObjects?: number;
    }
  | {
      readonly method: 'miniature';
      readonly policy: PolicyName | (string & {});
      /** @default DEFAULT_MINIATURE_RATE */
      readonly rate?: number;
      readonly sizes?: readonly number[];
      readonly seed?: number;
      /** @default DEFAULT_MIN_SAMPLED_OBJECTS */
      readonly minSampledObjects?: number;
    };

export const ERROR_MODEL =
  'binomial over the sampled objects a cache of that size holds: z * sqrt(q (1 - q) / k), k = rate * size, q = (m k + 0.5) / (k + 1), z = 1.96 (a heuristic for spatial sampling, not a guarantee)';

export function checkRate(rate: number, where: string): void {
  if (!(rate > 0 && rate <= 1)) throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: ${where} must be in (0, 1], got ${String(rate)}`);
}

/** A sampled point: a number with its error bound, or none where the sample is too small. */
export function estimatePoint(size: number, rate: number, missRatio: number, min: number): CurvePoint {
  const sampledObjects = rate * size;
  if (sampledObjects < min) return { size, status: 'too-few-samples', sampledObjects };
  const m = Math.min(1, Math.max(0, missRatio));
  // Continuity-corrected proportion, so an estimate of 0 or 1 still gets a non-zero bound.
  const q = (m * sampledObjects + 0.5) / (sampledObjects + 1);
  return { size, status: 'estimate', missRatio: m, errorBound: ERROR_BOUND_Z * Math.sqrt((q * (1 - q)) / sampledObjects), sampledObjects };
}
