// LRU stack distances in one pass (Bennett & Kruskal / Almasi et al.): a Fenwick tree over
// request positions marks each id's latest request; the distance of a reuse is the number of
// marks after the previous request of the same id, plus one.

/** Histogram of LRU stack distances: `counts[d]` requests had distance d (1-based); `cold` had none (first requests). */
export interface StackHistogram {
  readonly counts: Float64Array;
  readonly cold: number;
  readonly requests: number;
}

/** Exact stack distances of `ids` (dense ids below `uniqueKeys`). */
export function stackDistanceHistogram(ids: Uint32Array, uniqueKeys: number): StackHistogram {
  const counts = new Float64Array(uniqueKeys + 2);
  const walker = new StackWalker(uniqueKeys);
  let cold = 0;
  for (let i = 0; i < ids.length; i++) {
    const d = walker.access(ids[i]);
    if (d === 0) cold++;
    else counts[d]++;
  }
  return { counts, cold, requests: ids.length };
}

/**
 * Online LRU stack distances. Positions live in a window of about twice the distinct ids
 * seen; when it fills, the live positions are renumbered in order and the tree rebuilt, so
 * the tree stays small (cache-friendly) however long the trace.
 */
export class StackWalker {
  private tree: Int32Array;
  /** Position of each id's latest request + 1 (0 = never seen). */
  private pos: Int32Array;
  /** Id whose latest request is at each position, or -1. */
  private idAt: Int32Array;
  private next = 0;
  private marked = 0;

  constructor(expectedKeys = 1024) {
    const size = Math.max(64, 2 * expectedKeys + 2);
    this.tree = new Int32Array(size + 1);
    this.idAt = new Int32Array(size).fill(-1);
    this.pos = new Int32Array(Math.max(16, expectedKeys + 1));
  }

  /** Distinct ids currently tracked. */
  get distinct(): number {
    return this.marked;
  }

  /** Records a request of `id`; returns its stack distance (1 = most recent), or 0 on a first request. */
  access(id: number): number {
    if (id >= this.pos.length) {
      let n = this.pos.length;
      while (n <= id) n *= 2;
      const p = new Int32Array(n);
      p.set(this.pos);
      this.pos = p;
    }
    if (this.next === this.idAt.length) this.compact();
    const tree = this.tree;
    const size = this.idAt.length;
    const prev = this.pos[id] - 1;
    let d = 0;
    if (prev >= 0) {
      let s = 0;
      for (let j = prev + 1; j > 0; j -= j & -j) s += tree[j];
      d = this.marked - s + 1;
      for (let j = prev + 1; j <= size; j += j & -j) tree[j]--;
      this.idAt[prev] = -1;
      this.marked--;
    }
    const at = this.next++;
    for (let j = at + 1; j <= size; j += j & -j) tree[j]++;
    this.idAt[at] = id;
    this.pos[id] = at + 1;
    this.marked++;
    return d;
  }

  /** Forgets `id` (used by fixed-size SHARDS when a key leaves the sample). */
  forget(id: number): void {
    if (id >= this.pos.length) return;
    const prev = this.pos[id] - 1;
    if (prev < 0) return;
    const size = this.idAt.length;
    for (let j = prev + 1; j <= size; j += j & -j) this.tree[j]--;
    this.idAt[prev] = -1;
    this.pos[id] = 0;
    this.marked--;
  }

  private compact(): void {
    const old = this.idAt;
    // Grow when more than half the window is live.
    const size = this.marked * 2 + 2 > old.length ? old.length * 2 : old.length;
    const idAt = new Int32Array(size).fill(-1);
    const tree = new Int32Array(size + 1);
    let k = 0;
    for (let p = 0; p < this.next; p++) {
      const id = old[p];
      if (id < 0) continue;
      idAt[k] = id;
      this.pos[id] = k + 1;
      tree[k + 1] = 1;
      k++;
    }
    // Linear-time Fenwick build.
    for (let j = 1; j <= size; j++) {
      const parent = j + (j & -j);
      if (parent <= size) tree[parent] += tree[j];
    }
    this.idAt = idAt;
    this.tree = tree;
    this.next = k;
  }
}

/** LRU miss ratio at every size 0..maxSize from a histogram: `out[c]` = (cold + reuses with distance > c) / requests. */
export function missRatiosFromHistogram(h: StackHistogram, maxSize = h.counts.length - 1): Float64Array {
  const out = new Float64Array(maxSize + 1);
  let misses = h.requests;
  out[0] = 1;
  for (let c = 1; c <= maxSize; c++) {
    misses -= c < h.counts.length ? h.counts[c] : 0;
    out[c] = h.requests === 0 ? 0 : misses / h.requests;
  }
  return out;
}

/** StackWalker with a weight per id (stratified sampling): distances are sums of the weights of the distinct ids in between. */
export class WeightedStackWalker {
  private tree: Float64Array;
  private pos: Int32Array;
  private idAt: Int32Array;
  private weightAt: Float64Array;
  private next = 0;
  private total = 0;
  private live = 0;

  constructor(expectedKeys: number, maxId: number) {
    const size = Math.max(64, 2 * expectedKeys + 2);
    this.tree = new Float64Array(size + 1);
    this.idAt = new Int32Array(size).fill(-1);
    this.weightAt = new Float64Array(size);
    this.pos = new Int32Array(maxId + 1);
  }

  /** Records a request of `id` carrying `weight`; returns its weighted stack distance (own weight included), or 0 on a first request. */
  access(id: number, weight: number): number {
    if (this.next === this.idAt.length) this.compact();
    const tree = this.tree;
    const size = this.idAt.length;
    const prev = this.pos[id] - 1;
    let d = 0;
    if (prev >= 0) {
      let s = 0;
      for (let j = prev + 1; j > 0; j -= j & -j) s += tree[j];
      d = this.total - s + weight;
      for (let j = prev + 1; j <= size; j += j & -j) tree[j] -= weight;
      this.idAt[prev] = -1;
      this.total -= weight;
      this.live--;
    }
    const at = this.next++;
    for (let j = at + 1; j <= size; j += j & -j) tree[j] += weight;
    this.idAt[at] = id;
    this.weightAt[at] = weight;
    this.pos[id] = at + 1;
    this.total += weight;
    this.live++;
    return d;
  }

  private compact(): void {
    const old = this.idAt;
    const size = this.live * 2 + 2 > old.length ? old.length * 2 : old.length;
    const idAt = new Int32Array(size).fill(-1);
    const weightAt = new Float64Array(size);
    const tree = new Float64Array(size + 1);
    let k = 0;
    for (let p = 0; p < this.next; p++) {
      const id = old[p];
      if (id < 0) continue;
      idAt[k] = id;
      weightAt[k] = this.weightAt[p];
      this.pos[id] = k + 1;
      tree[k + 1] = this.weightAt[p];
      k++;
    }
    for (let j = 1; j <= size; j++) {
      const parent = j + (j & -j);
      if (parent <= size) tree[parent] += tree[j];
    }
    this.idAt = idAt;
    this.weightAt = weightAt;
    this.tree = tree;
    this.next = k;
  }
}
