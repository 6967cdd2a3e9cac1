/**
 * Space-Saving (Metwally et al. 2005) top-k over a stream of dense ids with `k` counters in
 * a min-heap. Each reported count overestimates the true one by at most its `error`, and
 * every error is at most `requests / k`; any key more frequent than `requests / k` is kept.
 */
import { WorkloadError } from './errors.js';
export interface HotKey {
  readonly id: number;
  /** Estimated count (true count <= count <= true count + error). */
  readonly count: number;
  /** Overestimate bound of this entry. */
  readonly error: number;
  /** `count - error`: a lower bound on the true count. */
  readonly guaranteed: number;
}

export class SpaceSaving {
  private readonly heapId: Int32Array;
  private readonly heapCount: Float64Array;
  private readonly heapError: Float64Array;
  private slotOf: Int32Array = new Int32Array(1024).fill(-1);
  private used = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new WorkloadError('INVALID_OPTION', `Space-Saving capacity must be a positive integer, got ${capacity}`);
    this.heapId = new Int32Array(capacity);
    this.heapCount = new Float64Array(capacity);
    this.heapError = new Float64Array(capacity);
  }

  /** Requests seen. */
  get requests(): number {
    return this.total;
  }

  /** Largest possible overestimate of any reported count: requests / capacity. */
  get errorBound(): number {
    return this.used < this.capacity ? 0 : this.total / this.capacity;
  }

  add(id: number): void {
    this.total++;
    if (id >= this.slotOf.length) {
      const s = new Int32Array(Math.max(id + 1, this.slotOf.length * 2)).fill(-1);
      s.set(this.slotOf);
      this.slotOf = s;
    }
    let slot = this.slotOf[id];
    if (slot >= 0) {
      this.heapCount[slot]++;
    } else if (this.used < this.capacity) {
      slot = this.used++;
      this.heapId[slot] = id;
      this.heapCount[slot] = 1;
      this.heapError[slot] = 0;
      this.slotOf[id] = slot;
      this.siftUp(slot);
      return;
    } else {
      slot = 0;
      const min = this.heapCount[0];
      this.slotOf[this.heapId[0]] = -1;
      this.heapId[0] = id;
      this.heapCount[0] = min + 1;
      this.heapError[0] = min;
      this.slotOf[id] = 0;
    }
    this.siftDown(slot);
  }

  addAll(ids: ArrayLike<number>): void {
    for (let i = 0; i < ids.length; i++) this.add(ids[i]);
  }

  /** The `k` highest estimated counts, highest first. */
  top(k = this.capacity): HotKey[] {
    const out: HotKey[] = [];
    for (let s = 0; s < this.used; s++) {
      const count = this.heapCount[s];
      const error = this.heapError[s];
      out.push({ id: this.heapId[s], count, error, guaranteed: count - error });
    }
    out.sort((a, b) => b.count - a.count || a.id - b.id);
    return out.slice(0, k);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.heapCount[p] <= this.heapCount[i]) return;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number): void {
    const n = this.used;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.heapCount[r] < this.heapCount[l] ? r : l;
      if (this.heapCount[i] <= this.heapCount[c]) return;
      this.swap(i, c);
      i = c;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.heapId[a];
    const count = this.heapCount[a];
    const error = this.heapError[a];
    this.heapId[a] = this.heapId[b];
    this.heapCount[a] = this.heapCount[b];
    this.heapError[a] = this.heapError[b];
    this.heapId[b] = id;
    this.heapCount[b] = count;
    this.heapError[b] = error;
    this.slotOf[this.heapId[a]] = a;
    this.slotOf[id] = b;
  }
}
