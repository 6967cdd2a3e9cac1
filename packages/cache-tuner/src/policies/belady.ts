// Belady's MIN (offline optimal, the bound): evicts the resident entry whose next request is
// farthest away. Needs each request's next access, so it runs in the simulator only.
import { BasePolicy } from '../base.js';
import { CacheTunerError } from '../errors.js';
import { growFloat64, growUint8, NO_NEXT_ACCESS } from '../policy.js';
import type { PolicyOptions } from '../policy.js';

/** For each request i, the index of the next request to the same id, or `NO_NEXT_ACCESS`. */
export function nextAccessIndex(ids: Uint32Array): Int32Array {
  const next = new Int32Array(ids.length);
  let maxId = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > maxId) maxId = ids[i];
  const seen = new Int32Array(maxId + 1).fill(NO_NEXT_ACCESS);
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i];
    next[i] = seen[id];
    seen[id] = i;
  }
  return next;
}

/** Offline optimal replacement (MIN): it replays the requests `nextAccess` was computed for, in order. */
export class BeladyPolicy extends BasePolicy {
  private readonly next: Int32Array;
  private t = 0;
  private resident: Uint8Array;
  /** Priority (next access) each resident id currently has in the heap. */
  private key: Float64Array;
  private w: Float64Array;
  private heapKey: Float64Array = new Float64Array(1024);
  private heapId: Int32Array = new Int32Array(1024);
  private heapLen = 0;
  private count = 0;
  private weight = 0;

  constructor(options: PolicyOptions) {
    super('belady', options);
    if (options.nextAccess === undefined) {
      throw new CacheTunerError(
        'MISSING_FUTURE',
        'policy "belady" needs nextAccess (the next request index of each request, from nextAccessIndex(trace.ids)); it is offline and runs in simulate() only',
      );
    }
    this.next = options.nextAccess;
    this.resident = new Uint8Array(this.n);
    this.key = new Float64Array(this.n);
    this.w = new Float64Array(this.n);
  }
  get size(): number {
    return this.count;
  }
  get used(): number {
    return this.weight;
  }
  protected grow(n: number): void {
    this.resident = growUint8(this.resident, n);
    this.key = growFloat64(this.key, n);
    this.w = growFloat64(this.w, n);
  }
  contains(id: number): boolean {
    return id < this.n && this.resident[id] === 1;
  }
  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    this.resident[id] = 0;
    this.count--;
    this.weight -= this.w[id];
    return true;
  }

  access(id: number, size?: number): boolean {
    this.ensure(id);
    const s = this.sizeOf(size);
    const t = this.t++;
    if (t >= this.next.length) {
      throw new CacheTunerError('MISSING_FUTURE', `policy "belady": request ${t} is past the ${this.next.length} requests nextAccess covers`);
    }
    const nx = this.next[t];
    // Ids never requested again rank past every real index, by id (any order among them is optimal).
    const k = nx === NO_NEXT_ACCESS ? this.next.length + id : nx;
    if (this.resident[id] === 1) {
      if (s !== this.w[id]) {
        this.weight += s - this.w[id];
        this.w[id] = s;
        while (this.weight > this.capacity) this.evict();
      }
      if (this.resident[id] === 1) {
        this.key[id] = k;
        this.push(k, id);
      }
      return true;
    }
    if (s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    while (this.weight + s > this.capacity) this.evict();
    this.resident[id] = 1;
    this.w[id] = s;
    this.key[id] = k;
    this.count++;
    this.weight += s;
    this.push(k, id);
    return false;
  }

  private push(k: number, id: number): void {
    if (this.heapLen === this.heapKey.length) {
      this.heapKey = growFloat64(this.heapKey, this.heapLen * 2);
      const ids = new Int32Array(this.heapLen * 2);
      ids.set(this.heapId);
      this.heapId = ids;
    }
    const hk = this.heapKey;
    const hi = this.heapId;
    let i = this.heapLen++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hk[parent] >= k) break;
      hk[i] = hk[parent];
      hi[i] = hi[parent];
      i = parent;
    }
    hk[i] = k;
    hi[i] = id;
  }

  private pop(): void {
    const hk = this.heapKey;
    const hi = this.heapId;
    const n = --this.heapLen;
    const k = hk[n];
    const id = hi[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && hk[c + 1] > hk[c]) c++;
      if (hk[c] <= k) break;
      hk[i] = hk[c];
      hi[i] = hi[c];
      i = c;
    }
    hk[i] = k;
    hi[i] = id;
  }

  /** Pops stale heap entries (lazy deletion) until the farthest resident entry, then evicts it. */
  private evict(): void {
    for (;;) {
      const k = this.heapKey[0];
      const id = this.heapId[0];
      this.pop();
      if (this.resident[id] === 1 && this.key[id] === k) {
        this.resident[id] = 0;
        this.count--;
        this.weight -= this.w[id];
        this.onEvict?.(id);
        return;
      }
    }
  }
}
