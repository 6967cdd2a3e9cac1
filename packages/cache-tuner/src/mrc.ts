// Miss-ratio curves: exact LRU from one stack-distance pass; SHARDS (Waldspurger et al.,
// FAST 2015) at a fixed rate or a fixed sample size; miniature simulations (Waldspurger et
// al., ATC 2017) for any policy on a spatially sampled trace with scaled caches.
import { CacheTunerError } from './errors.js';
import { hashId, HASH_RANGE } from './hash.js';
import { createPolicy } from './registry.js';
import type { PolicyName } from './registry.js';
import type { SimTrace } from './simulate.js';
import { stackDistanceHistogram as workloadHistogram } from '@perf/workload';
import { missRatiosFromHistogram, StackWalker, WeightedStackWalker } from './stack.js';
import type { StackHistogram } from './stack.js';

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
      /** Fixed-rate mode: about this many of the most requested keys are kept exactly (stratified sampling; 0 = plain SHARDS, fastest). @default rate × unique keys */
      readonly exactHotKeys?: number;
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

const ERROR_MODEL =
  'binomial over the sampled objects a cache of that size holds: z * sqrt(q (1 - q) / k), k = rate * size, q = (m k + 0.5) / (k + 1), z = 1.96 (a heuristic for spatial sampling, not a guarantee)';

/** Log-spaced sizes from 1 to `max` (integers, distinct, ascending). */
export function sizeGrid(max: number, points = DEFAULT_CURVE_POINTS): number[] {
  const out = new Set<number>();
  const top = Math.max(1, Math.floor(max));
  for (let i = 0; i < points; i++) out.add(Math.max(1, Math.round(Math.exp((Math.log(top) * i) / Math.max(1, points - 1)))));
  out.add(top);
  return [...out].sort((a, b) => a - b);
}

function checkSizes(sizes: readonly number[]): void {
  for (const s of sizes) {
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) {
      throw new CacheTunerError('INVALID_SIZE', `missRatioCurve: cache size ${String(s)} is not a number > 0 (sizes are in objects)`);
    }
  }
}

function checkRate(rate: number, where: string): void {
  if (!(rate > 0 && rate <= 1)) throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: ${where} must be in (0, 1], got ${String(rate)}`);
}

/** Builds a miss-ratio curve of `trace` by the chosen method. */
export function missRatioCurve(trace: SimTrace, options: MissRatioCurveOptions): MissRatioCurve {
  if (trace.ids.length === 0) throw new CacheTunerError('EMPTY_TRACE', 'missRatioCurve: the trace has no requests');
  const sizes = options.sizes ?? sizeGrid(trace.uniqueKeys);
  checkSizes(sizes);
  switch (options.method) {
    case 'exact':
      return exactCurve(trace, sizes);
    case 'shards':
      return shardsCurve(trace, sizes, options);
    case 'miniature':
      return miniatureCurve(trace, sizes, options);
    default:
      throw new CacheTunerError(
        'INVALID_OPTION',
        `missRatioCurve: unknown method ${JSON.stringify((options as { method?: unknown }).method)}; use 'exact', 'shards' or 'miniature'`,
      );
  }
}

/** Exact histogram from @perf/workload's counter (one truth for stack distances), shifted to 1-based distances. */
function exactHistogram(trace: SimTrace): StackHistogram {
  const w = workloadHistogram(trace);
  const counts = new Float64Array(trace.uniqueKeys + 2);
  const top = Math.min(w.counts.length, counts.length - 1);
  for (let d = 0; d < top; d++) counts[d + 1] = w.counts[d];
  return { counts, cold: w.coldMisses, requests: w.requests };
}

function exactCurve(trace: SimTrace, sizes: readonly number[]): MissRatioCurve {
  const h = exactHistogram(trace);
  const bySize = missRatiosFromHistogram(h, trace.uniqueKeys);
  const points = sizes.map((size): CurvePoint => ({ size, status: 'exact', missRatio: bySize[Math.min(Math.floor(size), trace.uniqueKeys)] }));
  return { method: 'exact', policy: 'lru', requests: trace.ids.length, uniqueKeys: trace.uniqueKeys, points, bySize };
}

function estimatePoint(size: number, rate: number, missRatio: number, min: number): CurvePoint {
  const sampledObjects = rate * size;
  if (sampledObjects < min) return { size, status: 'too-few-samples', sampledObjects };
  const m = Math.min(1, Math.max(0, missRatio));
  // Continuity-corrected proportion, so an estimate of 0 or 1 still gets a non-zero bound.
  const q = (m * sampledObjects + 0.5) / (sampledObjects + 1);
  return { size, status: 'estimate', missRatio: m, errorBound: ERROR_BOUND_Z * Math.sqrt((q * (1 - q)) / sampledObjects), sampledObjects };
}

/** Max-heap of (hash, id) for fixed-size SHARDS. */
class HashHeap {
  hash = new Float64Array(256);
  id = new Int32Array(256);
  length = 0;
  push(h: number, id: number): void {
    if (this.length === this.hash.length) {
      const nh = new Float64Array(this.length * 2);
      nh.set(this.hash);
      const ni = new Int32Array(this.length * 2);
      ni.set(this.id);
      this.hash = nh;
      this.id = ni;
    }
    let i = this.length++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.hash[p] >= h) break;
      this.hash[i] = this.hash[p];
      this.id[i] = this.id[p];
      i = p;
    }
    this.hash[i] = h;
    this.id[i] = id;
  }
  pop(): void {
    const n = --this.length;
    const h = this.hash[n];
    const id = this.id[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.hash[c + 1] > this.hash[c]) c++;
      if (this.hash[c] <= h) break;
      this.hash[i] = this.hash[c];
      this.id[i] = this.id[c];
      i = c;
    }
    this.hash[i] = h;
    this.id[i] = id;
  }
}

function shardsCurve(trace: SimTrace, sizes: readonly number[], o: Extract<MissRatioCurveOptions, { method: 'shards' }>): MissRatioCurve {
  const seed = o.seed ?? 0x2545f491;
  const min = o.minSampledObjects ?? DEFAULT_MIN_SAMPLED_OBJECTS;
  const { ids } = trace;
  const n = ids.length;
  const maxBin = trace.uniqueKeys + 1;
  // counts[b]: sampled reuses whose scaled distance d / R falls in bin b (stored / scale = weight).
  const counts = new Float64Array(maxBin + 1);
  let scale = 1;
  let weightTotal = 0;
  let sampled = 0;
  let rate: number;
  if (o.sampleSize !== undefined) {
    if (!(Number.isInteger(o.sampleSize) && o.sampleSize > 0)) {
      throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: sampleSize must be a positive integer, got ${String(o.sampleSize)}`);
    }
    const smax = o.sampleSize;
    let threshold = HASH_RANGE;
    rate = 1;
    const walker = new StackWalker(smax);
    const heap = new HashHeap();
    const inSample = new Uint8Array(trace.uniqueKeys + 1);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const h = hashId(id, seed);
      if (h >= threshold) continue;
      sampled++;
      const d = walker.access(id);
      if (inSample[id] === 0) {
        inSample[id] = 1;
        heap.push(h, id);
        while (walker.distinct > smax) {
          const top = heap.hash[0];
          while (heap.length > 0 && heap.hash[0] === top) {
            const gone = heap.id[0];
            heap.pop();
            walker.forget(gone);
          }
          const newRate = top / HASH_RANGE;
          // Past counts were taken at a higher rate: scale them down to the new one.
          scale *= newRate / rate;
          weightTotal *= newRate / rate;
          rate = newRate;
          threshold = top;
        }
        if (h >= threshold) continue;
      }
      weightTotal += 1;
      if (d > 0) counts[Math.min(maxBin, Math.floor(d / rate))] += 1 / scale;
    }
    return finishShards(trace, sizes, counts, scale, weightTotal, rate, sampled, min);
  }
  rate = o.rate ?? DEFAULT_SHARDS_RATE;
  checkRate(rate, 'rate');
  const hot = o.exactHotKeys ?? Math.floor(rate * trace.uniqueKeys);
  if (hot <= 0) return plainShards(trace, sizes, rate, seed, min);
  // Stratified SHARDS: the `hot` most requested keys are always kept (weight 1); the others
  // are sampled spatially at `rate` (weight 1 / rate). Skewed traces lose most of their
  // variance this way; with hot = 0 it is plain SHARDS.
  const weight = new Float64Array(trace.uniqueKeys + 1);
  const inv = 1 / rate;
  const threshold = rate * HASH_RANGE;
  for (let k = 0; k <= trace.uniqueKeys; k++) if (hashId(k, seed) < threshold) weight[k] = inv;
  let hotKeys = 0;
  if (hot > 0) hotKeys = markHotKeys(ids, trace.uniqueKeys, hot, weight);
  const walker = new WeightedStackWalker(Math.ceil(trace.uniqueKeys * rate * 1.2) + hotKeys + 16, trace.uniqueKeys);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const w = weight[id];
    if (w === 0) continue;
    sampled++;
    total += w;
    const d = walker.access(id, w);
    if (d > 0) counts[Math.min(maxBin, Math.floor(d))] += w;
  }
  // SHARDS_adj: normalise by the known request count (the shortfall or excess of the sample counts as hits at distance 0).
  void total;
  return finishShards(trace, sizes, counts, 1, n, rate, sampled, min);
}

/** Plain fixed-rate SHARDS: a per-key sampling flag, an unweighted walker over the sampled requests. */
function plainShards(trace: SimTrace, sizes: readonly number[], rate: number, seed: number, min: number): MissRatioCurve {
  const { ids } = trace;
  const n = ids.length;
  const keys = trace.uniqueKeys;
  const take = new Uint8Array(keys + 1);
  const threshold = rate * HASH_RANGE;
  for (let k = 0; k <= keys; k++) if (hashId(k, seed) < threshold) take[k] = 1;
  const maxBin = keys + 1;
  const counts = new Float64Array(maxBin + 1);
  const walker = new StackWalker(Math.ceil(keys * rate * 1.2) + 16);
  const inv = 1 / rate;
  let sampled = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (take[id] === 0) continue;
    sampled++;
    const d = walker.access(id);
    if (d > 0) counts[Math.min(maxBin, Math.floor(d * inv))] += inv;
  }
  // SHARDS_adj: normalise by the known request count.
  return finishShards(trace, sizes, counts, 1, n, rate, sampled, min);
}

/** Gives weight 1 to (about, by power-of-two count classes) the `k` most requested keys; returns how many. */
function markHotKeys(ids: Uint32Array, uniqueKeys: number, k: number, weight: Float64Array): number {
  const counts = new Uint32Array(uniqueKeys + 1);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  const keys = new Float64Array(33);
  for (let id = 0; id <= uniqueKeys; id++) if (counts[id] > 0) keys[31 - Math.clz32(counts[id])]++;
  let taken = 0;
  let b = 32;
  while (b > 0 && taken + keys[b - 1] <= k) taken += keys[--b];
  if (b === 32) return 0;
  const min = 2 ** b;
  let marked = 0;
  for (let id = 0; id <= uniqueKeys; id++) {
    if (counts[id] >= min) {
      weight[id] = 1;
      marked++;
    }
  }
  return marked;
}

function finishShards(
  trace: SimTrace,
  sizes: readonly number[],
  counts: Float64Array,
  scale: number,
  total: number,
  rate: number,
  sampled: number,
  min: number,
): MissRatioCurve {
  // hitsUpTo[c] = weight of reuses with scaled distance <= c.
  const cum = new Float64Array(counts.length);
  let acc = 0;
  for (let b = 0; b < counts.length; b++) {
    acc += counts[b] * scale;
    cum[b] = acc;
  }
  const points = sizes.map((size) => {
    const c = Math.min(Math.floor(size), counts.length - 1);
    const m = total <= 0 ? 1 : 1 - cum[c] / total;
    return estimatePoint(size, rate, m, min);
  });
  return {
    method: 'shards',
    policy: 'lru',
    requests: trace.ids.length,
    uniqueKeys: trace.uniqueKeys,
    points,
    rate,
    sampledRequests: sampled,
    errorModel: ERROR_MODEL,
  };
}

function miniatureCurve(trace: SimTrace, sizes: readonly number[], o: Extract<MissRatioCurveOptions, { method: 'miniature' }>): MissRatioCurve {
  const rate = o.rate ?? DEFAULT_MINIATURE_RATE;
  checkRate(rate, 'rate');
  const min = o.minSampledObjects ?? DEFAULT_MIN_SAMPLED_OBJECTS;
  const threshold = rate * HASH_RANGE;
  const seed = o.seed ?? 0x2545f491;
  const { ids } = trace;
  let count = 0;
  const sample = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) if (hashId(ids[i], seed) < threshold) sample[count++] = ids[i];
  const sampledIds = sample.subarray(0, count);
  const points = sizes.map((size) => {
    const mini = Math.max(1, Math.round(size * rate));
    if (rate * size < min || count === 0) return { size, status: 'too-few-samples' as const, sampledObjects: rate * size };
    const p = createPolicy(o.policy, { capacity: mini, maxIdHint: trace.uniqueKeys + 1 });
    const hits = p.replay(sampledIds);
    return estimatePoint(size, rate, (count - hits) / count, min);
  });
  return {
    method: 'miniature',
    policy: o.policy,
    requests: ids.length,
    uniqueKeys: trace.uniqueKeys,
    points,
    rate,
    sampledRequests: count,
    errorModel: ERROR_MODEL,
  };
}

/** Miss ratio of a curve at `size` (step interpolation from the nearest point at or below; undefined where the curve has no number). */
export function missRatioAt(curve: MissRatioCurve, size: number): number | undefined {
  if (curve.bySize !== undefined) return curve.bySize[Math.max(0, Math.min(Math.floor(size), curve.bySize.length - 1))];
  let best: CurvePoint | undefined;
  for (const p of curve.points) if (p.size <= size && (best === undefined || p.size > best.size)) best = p;
  return best?.missRatio;
}
