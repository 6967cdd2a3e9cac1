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
  const estimator = o.estimator ?? 'post-stratified';
  if (estimator === 'plain' || rate === 1) return plainShards(trace, sizes, rate, seed, min);
  if (estimator !== 'post-stratified') {
    throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: unknown SHARDS estimator ${JSON.stringify(estimator)}; use 'post-stratified' or 'plain'`);
  }
  return postStratifiedShards(trace, sizes, rate, seed, min);
}

/** A copy of `a` with twice the room. */
function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The offset that marks a sampled key's count in post-stratified SHARDS. */
const SAMPLED = -0x80000000;

/** Keys are sampled spatially at `rate`; `take[id]` is 1 for a sampled key. */
function spatialSample(keys: number, rate: number, seed: number): Uint8Array {
  const take = new Uint8Array(keys + 1);
  const threshold = rate * HASH_RANGE;
  for (let k = 0; k <= keys; k++) if (hashId(k, seed) < threshold) take[k] = 1;
  return take;
}

/**
 * SHARDS with post-stratification by request count. The sample is plain SHARDS's (keys hashed
 * under `rate`), but each frequency class (keys with 2^j..2^(j+1)-1 requests, counted exactly in
 * the same pass) is weighted by its known totals instead of 1 / rate: its sampled requests by
 * (class requests / sampled class requests), its sampled keys in stack distances by (class keys /
 * sampled class keys). A few sampled keys of a heavy class then no longer tilt the whole curve.
 */
function postStratifiedShards(trace: SimTrace, sizes: readonly number[], rate: number, seed: number, min: number): MissRatioCurve {
  const { ids } = trace;
  const n = ids.length;
  const keys = trace.uniqueKeys;
  // counts[id]: requests of id, offset by -2^31 for sampled keys, so the one pass over the
  // trace reads one array per request (sign = sampled).
  const counts = new Int32Array(keys + 1);
  const threshold = rate * HASH_RANGE;
  for (let k = 0; k <= keys; k++) if (hashId(k, seed) < threshold) counts[k] = SAMPLED;
  let sample: Uint32Array = new Uint32Array(Math.ceil(n * rate * 2) + 1024);
  let m = 0;
  let i = 0;
  // Unrolled by four: the four loads and increments are independent, which the CPU overlaps.
  for (; i + 3 < n; i += 4) {
    if (m + 4 > sample.length) sample = grow(sample);
    const a = ids[i];
    const b = ids[i + 1];
    const c = ids[i + 2];
    const d = ids[i + 3];
    let v = counts[a] + 1;
    counts[a] = v;
    if (v < 0) sample[m++] = a;
    v = counts[b] + 1;
    counts[b] = v;
    if (v < 0) sample[m++] = b;
    v = counts[c] + 1;
    counts[c] = v;
    if (v < 0) sample[m++] = c;
    v = counts[d] + 1;
    counts[d] = v;
    if (v < 0) sample[m++] = d;
  }
  for (; i < n; i++) {
    const id = ids[i];
    const v = counts[id] + 1;
    counts[id] = v;
    if (v >= 0) continue;
    if (m === sample.length) sample = grow(sample);
    sample[m++] = id;
  }
  const classRequests = new Float64Array(32);
  const classKeys = new Float64Array(32);
  const sampledRequests = new Float64Array(32);
  const sampledKeys = new Float64Array(32);
  // After counting, counts[id] of a sampled key becomes its local index, so the walker and
  // the class table are as small as the sample.
  let classOf = new Uint8Array(Math.max(16, Math.ceil((keys + 1) * rate * 2)));
  let distinct = 0;
  for (let id = 0; id <= keys; id++) {
    let c = counts[id];
    const sampled = c < 0;
    if (sampled) c -= SAMPLED;
    if (c === 0) continue;
    const j = 31 - Math.clz32(c);
    classRequests[j] += c;
    classKeys[j]++;
    if (!sampled) continue;
    if (distinct === classOf.length) {
      const grown = new Uint8Array(distinct * 2);
      grown.set(classOf);
      classOf = grown;
    }
    classOf[distinct] = j;
    counts[id] = distinct++;
    sampledRequests[j] += c;
    sampledKeys[j]++;
  }
  const requestWeight = new Float64Array(32);
  const keyWeight = new Float64Array(32);
  for (let j = 0; j < 32; j++) {
    if (sampledKeys[j] === 0) continue;
    requestWeight[j] = classRequests[j] / sampledRequests[j];
    keyWeight[j] = classKeys[j] / sampledKeys[j];
  }
  // Reuses are binned straight at the requested sizes: bin i holds distances in (edges[i-1], edges[i]].
  const edges = [...new Set(sizes.map((size) => Math.floor(size)))].sort((x, y) => x - y);
  const bins = new Float64Array(edges.length + 1);
  const walker = new WeightedStackWalker(distinct + 16, distinct);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const local = counts[sample[i]];
    const j = classOf[local];
    const w = requestWeight[j];
    total += w;
    const d = Math.floor(walker.access(local, keyWeight[j]));
    if (d <= 0) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < d) lo = mid + 1;
      else hi = mid;
    }
    bins[lo] += w;
  }
  const hitsAtEdge = new Float64Array(edges.length);
  let acc = 0;
  for (let e = 0; e < edges.length; e++) hitsAtEdge[e] = acc += bins[e];
  const hitsAt = sizes.map((size) => hitsAtEdge[edges.indexOf(Math.floor(size))]);
  // Classes with no sampled key: their requests count as hits at distance 0 (SHARDS_adj).
  return shardsResult(trace, sizes, hitsAt, total, n, rate, m, min);
}

/** Plain fixed-rate SHARDS: a per-key sampling flag, an unweighted walker over the sampled requests. */
function plainShards(trace: SimTrace, sizes: readonly number[], rate: number, seed: number, min: number): MissRatioCurve {
  const { ids } = trace;
  const n = ids.length;
  const keys = trace.uniqueKeys;
  const take = spatialSample(keys, rate, seed);
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
  return finishShards(trace, sizes, counts, 1, sampled * inv, rate, sampled, min, n);
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
  expected = total,
): MissRatioCurve {
  // SHARDS_adj (fixed rate): the sample's misses are divided by the known request count, so a
  // shortfall or excess of sampled requests (a hot key in or out of the sample) counts as hits
  // at distance 0 instead of shifting the whole curve.
  // hitsAt[i] = weight of reuses with scaled distance <= sizes[i], summed in one walk up the bins.
  const last = counts.length - 1;
  const bin = sizes.map((size) => Math.min(Math.floor(size), last));
  const order = bin.map((_, i) => i).sort((a, b) => bin[a] - bin[b]);
  const hitsAt = new Float64Array(sizes.length);
  let b = 0;
  let acc = 0;
  for (const i of order) {
    while (b <= bin[i]) acc += counts[b++] * scale;
    hitsAt[i] = acc;
  }
  return shardsResult(trace, sizes, hitsAt, total, expected, rate, sampled, min);
}

/** A SHARDS curve from the sampled hit weight at each size (`hitsAt[i]` for `sizes[i]`). */
function shardsResult(
  trace: SimTrace,
  sizes: readonly number[],
  hitsAt: ArrayLike<number>,
  total: number,
  expected: number,
  rate: number,
  sampled: number,
  min: number,
): MissRatioCurve {
  const points = sizes.map((size, i) => estimatePoint(size, rate, expected <= 0 ? 1 : (total - hitsAt[i]) / expected, min));
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
