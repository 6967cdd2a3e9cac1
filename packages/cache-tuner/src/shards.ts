// SHARDS (Waldspurger et al., FAST 2015): LRU miss-ratio curves from a spatially sampled trace,
// at a fixed rate (plain or post-stratified by request count) or a fixed sample size.
import { CacheTunerError } from './errors.js';
import { hashId, HASH_RANGE } from './hash.js';
import { checkRate, DEFAULT_MIN_SAMPLED_OBJECTS, DEFAULT_SHARDS_RATE, estimatePoint, ERROR_MODEL } from './curve.js';
import type { MissRatioCurve, MissRatioCurveOptions } from './curve.js';
import type { SimTrace } from './simulate.js';
import { StackWalker, WeightedStackWalker } from './stack.js';

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

export function shardsCurve(trace: SimTrace, sizes: readonly number[], o: Extract<MissRatioCurveOptions, { method: 'shards' }>): MissRatioCurve {
  const seed = o.seed ?? 0x2545f491;
  const min = o.minSampledObjects ?? DEFAULT_MIN_SAMPLED_OBJECTS;
  if (o.sampleSize !== undefined) {
    if (!(Number.isInteger(o.sampleSize) && o.sampleSize > 0)) {
      throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: sampleSize must be a positive integer, got ${String(o.sampleSize)}`);
    }
    return fixedSizeShards(trace, sizes, o.sampleSize, seed, min);
  }
  const rate = o.rate ?? DEFAULT_SHARDS_RATE;
  checkRate(rate, 'rate');
  const estimator = o.estimator ?? 'post-stratified';
  if (estimator === 'plain' || rate === 1) return plainShards(trace, sizes, rate, seed, min);
  if (estimator !== 'post-stratified') {
    throw new CacheTunerError('INVALID_OPTION', `missRatioCurve: unknown SHARDS estimator ${JSON.stringify(estimator)}; use 'post-stratified' or 'plain'`);
  }
  return postStratifiedShards(trace, sizes, rate, seed, min);
}

/** Fixed-size SHARDS: at most `smax` distinct sampled keys; the rate drops as the sample fills and past counts are rescaled. */
function fixedSizeShards(trace: SimTrace, sizes: readonly number[], smax: number, seed: number, min: number): MissRatioCurve {
  const { ids } = trace;
  const n = ids.length;
  const maxBin = trace.uniqueKeys + 1;
  // counts[b]: sampled reuses whose scaled distance d / R falls in bin b (stored / scale = weight).
  const counts = new Float64Array(maxBin + 1);
  let scale = 1;
  let weightTotal = 0;
  let sampled = 0;
  let rate = 1;
  let threshold = HASH_RANGE;
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
