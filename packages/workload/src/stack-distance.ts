/**
 * Exact LRU stack distances (Mattson), counted with a Fenwick tree over time positions:
 * each key's latest access position is marked; the distance of a reuse is the number of
 * marks after the key's previous position (distinct keys touched since). Positions are
 * renumbered when the tree fills, so it stays ~2x the distinct keys (cache-resident)
 * instead of one slot per request: O(N log M) time, O(M) memory.
 */
import { WorkloadError } from './errors.js';

/** Histogram of LRU stack distances. */
export interface StackDistanceHistogram {
  /** Requests counted. */
  readonly requests: number;
  /** First accesses (cold misses at every cache size). */
  readonly coldMisses: number;
  /**
   * `counts[d]` = reuses with stack distance `d`: `d` distinct other keys were accessed
   * since the previous access to the same key. An LRU cache of `c` objects hits exactly
   * the reuses with `d < c`.
   */
  readonly counts: Float64Array;
}

const MIN_TREE = 1024;

/** Incremental exact stack-distance counter; feed ids in request order. */
export class StackDistanceCounter {
  private requests = 0;
  private cold = 0;
  private counts: Float64Array;
  /** Last position (1-based, in the current numbering) of each id; 0 = never seen. */
  private last: Int32Array;
  private tree: Int32Array;
  private cap: number;
  private time = 0;
  private live = 0;

  constructor(expectedKeys = 0) {
    const m = Math.max(expectedKeys, 16);
    this.counts = new Float64Array(m);
    this.last = new Int32Array(m);
    this.cap = Math.max(MIN_TREE, 2 * m);
    this.tree = new Int32Array(this.cap + 1);
  }

  /** Adds requests (dense ids) in order. */
  addAll(ids: ArrayLike<number>): void {
    let { tree, last, counts, cap, time, live } = this;
    let cold = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id >= last.length) {
        this.growKeys(id + 1);
        ({ last, counts } = this);
      }
      if (time === cap) {
        this.time = time;
        this.live = live;
        this.compact();
        ({ tree, last, cap, time } = this);
      }
      const p = last[id];
      if (p === 0) {
        cold++;
        live++;
      } else {
        let s = 0;
        for (let j = p; j > 0; j -= j & -j) s += tree[j];
        // live - s < distinct keys <= counts.length (counts grows with last)
        counts[live - s]++;
        for (let j = p; j <= cap; j += j & -j) tree[j]--;
      }
      time++;
      for (let j = time; j <= cap; j += j & -j) tree[j]++;
      last[id] = time;
    }
    this.time = time;
    this.live = live;
    this.cold += cold;
    this.requests += ids.length;
  }

  /** Adds one request. */
  add(id: number): void {
    this.addAll([id]);
  }

  /** The histogram so far (counts trimmed to the largest distance seen + 1). */
  histogram(): StackDistanceHistogram {
    let n = this.counts.length;
    while (n > 0 && this.counts[n - 1] === 0) n--;
    return { requests: this.requests, coldMisses: this.cold, counts: this.counts.slice(0, n) };
  }

  private growKeys(need: number): void {
    const n = Math.max(need, this.last.length * 2);
    const last = new Int32Array(n);
    last.set(this.last);
    this.last = last;
    const counts = new Float64Array(n);
    counts.set(this.counts);
    this.counts = counts;
  }

  /** Renumbers the live marks 1..live in time order (from `last`) and rebuilds the tree in O(keys + cap). */
  private compact(): void {
    const live = this.live;
    const cap = Math.max(this.cap, 2 * live, MIN_TREE);
    const last = this.last;
    const idAt = new Int32Array(this.time + 1).fill(-1);
    for (let id = 0; id < last.length; id++) if (last[id] > 0) idAt[last[id]] = id;
    const tree = new Int32Array(cap + 1);
    let k = 0;
    for (let p = 1; p <= this.time; p++) {
      const id = idAt[p];
      if (id < 0) continue;
      k++;
      last[id] = k;
      tree[k] = 1;
    }
    for (let i = 1; i <= cap; i++) {
      const j = i + (i & -i);
      if (j <= cap) tree[j] += tree[i];
    }
    this.tree = tree;
    this.cap = cap;
    this.time = k;
  }
}

/** Exact LRU stack-distance histogram of a sequence of dense ids. */
export function stackDistanceHistogram(trace: { readonly ids: ArrayLike<number>; readonly uniqueKeys?: number }): StackDistanceHistogram {
  const counter = new StackDistanceCounter(trace.uniqueKeys ?? 0);
  counter.addAll(trace.ids);
  return counter.histogram();
}

/**
 * LRU miss ratio at each cache size (in objects), from a stack-distance histogram:
 * misses(c) = cold misses + reuses with distance >= c; ratio = misses / requests.
 */
export function lruMissRatios(histogram: StackDistanceHistogram, sizes: readonly number[]): number[] {
  const { counts, coldMisses, requests } = histogram;
  const suffix = new Float64Array(counts.length + 1);
  for (let d = counts.length - 1; d >= 0; d--) suffix[d] = suffix[d + 1] + counts[d];
  return sizes.map((size) => {
    if (!(size >= 0)) throw new WorkloadError('INVALID_OPTION', `cache size must be a number >= 0, got ${size}`);
    const c = Math.min(Math.floor(size), counts.length);
    return requests === 0 ? 0 : (coldMisses + suffix[c]) / requests;
  });
}

/** The whole LRU miss-ratio curve: `curve[c]` = miss ratio with `c` objects, c = 0 .. max distance + 1. */
export function lruMissRatioCurve(histogram: StackDistanceHistogram): Float64Array {
  const { counts, coldMisses, requests } = histogram;
  const curve = new Float64Array(counts.length + 1);
  let misses = coldMisses;
  curve[counts.length] = requests === 0 ? 0 : misses / requests;
  for (let d = counts.length - 1; d >= 0; d--) {
    misses += counts[d];
    curve[d] = requests === 0 ? 0 : misses / requests;
  }
  return curve;
}
