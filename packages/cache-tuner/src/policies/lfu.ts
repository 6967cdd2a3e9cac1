// LFU as libCacheSim runs it: counts only while cached (forgotten on eviction), one list per
// count, ties evict the entry that reached the lowest count first.
import { BasePolicy } from '../base.js';
import { growFloat64, growInt32, growUint32, NIL } from '../policy.js';
import type { PolicyOptions } from '../policy.js';

/** Least frequently used, in O(1) per request. */
export class LfuPolicy extends BasePolicy {
  private prev: Int32Array;
  private next: Int32Array;
  /** Count of each id; 0 = not resident. */
  private freq: Uint32Array;
  private w: Float64Array;
  /** Oldest (first) and newest (last) id of each count's list. */
  private first: Int32Array = new Int32Array(64).fill(NIL);
  private last: Int32Array = new Int32Array(64).fill(NIL);
  private minFreq = 1;
  private maxFreq = 1;
  private count = 0;
  private weight = 0;

  constructor(options: PolicyOptions) {
    super('lfu', options);
    this.prev = new Int32Array(this.n);
    this.next = new Int32Array(this.n);
    this.freq = new Uint32Array(this.n);
    this.w = new Float64Array(this.n);
  }
  get size(): number {
    return this.count;
  }
  get used(): number {
    return this.weight;
  }
  protected grow(n: number): void {
    this.prev = growInt32(this.prev, n);
    this.next = growInt32(this.next, n);
    this.freq = growUint32(this.freq, n);
    this.w = growFloat64(this.w, n);
  }
  contains(id: number): boolean {
    return id < this.n && this.freq[id] !== 0;
  }
  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    const f = this.freq[id];
    this.unlink(id);
    if (f === this.minFreq && this.first[f] === NIL) this.updateMin();
    return true;
  }

  private append(id: number, f: number): void {
    if (f >= this.first.length) {
      let n = this.first.length;
      while (n <= f) n *= 2;
      this.first = growInt32(this.first, n, NIL);
      this.last = growInt32(this.last, n, NIL);
    }
    const l = this.last[f];
    this.prev[id] = l;
    this.next[id] = NIL;
    if (l === NIL) this.first[f] = id;
    else this.next[l] = id;
    this.last[f] = id;
    this.freq[id] = f;
  }

  private unlink(id: number): void {
    const f = this.freq[id];
    const p = this.prev[id];
    const n = this.next[id];
    if (p === NIL) this.first[f] = n;
    else this.next[p] = n;
    if (n === NIL) this.last[f] = p;
    else this.prev[n] = p;
    this.freq[id] = 0;
    this.count--;
    this.weight -= this.w[id];
  }

  private updateMin(): void {
    for (let f = this.minFreq + 1; f <= this.maxFreq; f++) {
      if (this.first[f] !== NIL) {
        this.minFreq = f;
        return;
      }
    }
  }

  access(id: number, size?: number): boolean {
    this.ensure(id);
    const s = this.sizeOf(size);
    const f = this.freq[id];
    if (f !== 0) {
      if (s !== this.w[id]) return this.resized(id, s);
      this.unlink(id);
      this.count++;
      this.weight += s;
      this.append(id, f + 1);
      if (f + 1 > this.maxFreq) this.maxFreq = f + 1;
      if (f === this.minFreq && this.first[f] === NIL) this.updateMin();
      return true;
    }
    if (s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    while (this.weight + s > this.capacity) this.evict();
    this.minFreq = 1;
    this.w[id] = s;
    this.append(id, 1);
    this.count++;
    this.weight += s;
    return false;
  }

  private evict(): void {
    const victim = this.first[this.minFreq];
    this.unlink(victim);
    if (this.first[this.minFreq] === NIL) this.updateMin();
    this.onEvict?.(victim);
  }
}
