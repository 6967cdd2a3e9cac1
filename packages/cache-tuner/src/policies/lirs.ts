// LIRS (Jiang & Zhang, SIGMETRICS 2002) with libCacheSim's bookkeeping: stack S (LIR and
// recent HIR entries, resident or not), list Q (resident HIR entries), list NH (non-resident
// entries of S, oldest first, trimmed when S exceeds twice the cache).
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import { growUint8, NIL } from '../policy.js';
import type { PolicyOptions } from '../policy.js';

const L = 1;

/** Share of the cache for resident HIR entries (at least one entry). */
export const LIRS_HIR_RATIO = 0.01;

/** Low inter-reference recency set. */
export class LirsPolicy extends BasePolicy {
  private S: IdLists;
  private Q: IdLists;
  private NH: IdLists;
  private isLir: Uint8Array;
  private inCache: Uint8Array;
  private readonly hirsLimit: number;
  private readonly lirsLimit: number;
  private lirs = 0;
  private hirs = 0;
  private occupied = 0;
  private count = 0;

  constructor(options: PolicyOptions) {
    super('lirs', options);
    this.S = new IdLists(1, this.n);
    this.Q = new IdLists(1, this.n);
    this.NH = new IdLists(1, this.n);
    this.isLir = new Uint8Array(this.n);
    this.inCache = new Uint8Array(this.n);
    const c = this.capacity;
    this.hirsLimit = this.bytes ? Math.max(1, c * LIRS_HIR_RATIO) : Math.max(1, Math.floor(c * LIRS_HIR_RATIO));
    this.lirsLimit = c - this.hirsLimit;
  }
  get size(): number {
    return this.count;
  }
  get used(): number {
    return this.occupied;
  }
  protected grow(n: number): void {
    this.S.grow(n);
    this.Q.grow(n);
    this.NH.grow(n);
    this.isLir = growUint8(this.isLir, n);
    this.inCache = growUint8(this.inCache, n);
  }
  contains(id: number): boolean {
    if (id >= this.n) return false;
    return this.Q.where[id] === L || (this.S.where[id] === L && (this.isLir[id] === 1 || this.inCache[id] === 1));
  }
  remove(id: number): boolean {
    if (id >= this.n) return false;
    const resident = this.contains(id);
    if (this.S.where[id] === L) {
      const w = this.S.w[id];
      if (this.isLir[id] === 1) this.lirs -= w;
      else if (this.inCache[id] === 1 && this.Q.where[id] !== L) this.hirs -= w;
      this.S.unlink(id);
    }
    if (this.Q.where[id] === L) {
      this.hirs -= this.Q.w[id];
      this.Q.unlink(id);
    }
    if (this.NH.where[id] === L) this.NH.unlink(id);
    if (resident) {
      this.occupied = this.lirs + this.hirs;
      this.count--;
    }
    this.isLir[id] = 0;
    this.inCache[id] = 0;
    this.prune();
    return resident;
  }

  access(id: number, size?: number): boolean {
    this.ensure(id);
    const hit = this.request(id, this.sizeOf(size));
    this.limitStack();
    return hit;
  }

  private request(id: number, s: number): boolean {
    const S = this.S;
    const Q = this.Q;
    const inS = S.where[id] === L;
    const inQ = Q.where[id] === L;
    if (inS) S.moveToHead(L, id);
    if (inQ) Q.moveToHead(L, id);
    if (inS) {
      if (this.isLir[id] === 1) {
        this.prune();
        return true;
      }
      if (this.inCache[id] === 1) {
        this.hitResidentHirInS(id, inQ);
        return true;
      }
    } else if (inQ) {
      this.hitResidentHirInQ(id);
      return true;
    }
    // Miss: either a non-resident HIR entry of S, or an id in neither S nor Q.
    if (s > this.capacity || (!inS && (s > this.lirsLimit || s > this.hirsLimit))) {
      this.onEvict?.(id);
      return false;
    }
    if (inS) {
      while (this.lirs + S.w[id] > this.lirsLimit && S.len[L] > 1) this.evictLir();
      if (this.NH.where[id] === L) this.NH.unlink(id);
    } else if (this.lirs + s > this.lirsLimit && this.hirs + s > this.hirsLimit) {
      while (this.hirs + s > this.hirsLimit && Q.len[L] > 0) this.evictHir();
    }
    while (this.occupied + s > this.capacity) {
      const before = this.occupied;
      this.makeRoom(id, s);
      if (this.occupied >= before) break;
    }
    if (inS && S.where[id] === L) {
      const w = S.w[id];
      this.isLir[id] = 1;
      this.inCache[id] = 1;
      this.lirs += w;
      this.occupied += w;
    } else if (this.lirs + s <= this.lirsLimit) {
      S.pushHead(L, id, s);
      this.isLir[id] = 1;
      this.inCache[id] = 1;
      this.lirs += s;
      this.occupied += s;
    } else {
      S.pushHead(L, id, s);
      Q.pushHead(L, id, s);
      this.isLir[id] = 0;
      this.inCache[id] = 1;
      this.hirs += s;
      this.occupied += s;
    }
    this.count++;
    return false;
  }

  /** libCacheSim's LIRS_evict, run while the incoming entry does not fit. */
  private makeRoom(id: number, s: number): void {
    if (this.S.where[id] === L && this.isLir[id] === 0 && this.inCache[id] === 0) {
      while (this.hirs >= this.hirsLimit && this.Q.len[L] > 0) this.evictHir();
      this.evictLir();
    } else if (this.S.where[id] !== L && this.Q.where[id] !== L) {
      if (this.lirs + s > this.lirsLimit && this.hirs + s > this.hirsLimit) this.evictHir();
    }
  }

  private hitResidentHirInS(id: number, inQ: boolean): void {
    if (inQ) {
      const w = this.Q.w[id];
      this.hirs -= w;
      this.Q.unlink(id);
      this.occupied -= w;
      this.count--;
    }
    const w = this.S.w[id];
    while (this.lirs + w > this.lirsLimit && this.S.len[L] > 1) this.evictLir();
    this.isLir[id] = 1;
    this.lirs += w;
    this.occupied += w;
    this.count++;
  }

  private hitResidentHirInQ(id: number): void {
    const w = this.Q.w[id];
    while (this.lirs + w > this.lirsLimit && this.S.len[L] > 0) this.evictLir();
    if (this.S.where[id] !== L) this.S.pushHead(L, id, w);
    this.isLir[id] = 0;
    this.inCache[id] = 1;
  }

  /** The LIR entry at the bottom of S becomes a resident HIR entry (top of Q); then S is pruned. */
  private evictLir(): void {
    const victim = this.S.tail[L];
    if (victim === NIL) return;
    const w = this.S.w[victim];
    this.lirs -= w;
    this.S.unlink(victim);
    if (this.NH.where[victim] === L) this.NH.unlink(victim);
    this.occupied -= w;
    this.count--;
    if (w <= this.hirsLimit) {
      while (this.hirs + w > this.hirsLimit && this.Q.len[L] > 0) this.evictHir();
      if (this.Q.where[victim] === L) this.Q.unlink(victim);
      this.Q.pushHead(L, victim, w);
      this.isLir[victim] = 0;
      this.inCache[victim] = 1;
      this.hirs += w;
      this.occupied += w;
      this.count++;
    } else {
      this.isLir[victim] = 0;
      this.inCache[victim] = 0;
      this.onEvict?.(victim);
    }
    this.prune();
  }

  /** The resident HIR entry at the front of Q leaves the cache (stays in S as non-resident). */
  private evictHir(): void {
    const victim = this.Q.tail[L];
    if (victim === NIL) return;
    const w = this.Q.w[victim];
    this.hirs -= w;
    this.Q.unlink(victim);
    if (this.S.where[victim] === L) {
      this.inCache[victim] = 0;
      if (this.NH.where[victim] !== L) this.NH.pushHead(L, victim, w);
    } else {
      this.inCache[victim] = 0;
    }
    this.occupied -= w;
    this.count--;
    this.onEvict?.(victim);
  }

  /** Removes HIR entries from the bottom of S until an LIR entry is there. */
  private prune(): void {
    const S = this.S;
    while (S.tail[L] !== S.head[L]) {
      const t = S.tail[L];
      if (this.isLir[t] === 1) break;
      if (this.inCache[t] === 0 && this.NH.where[t] === L) this.NH.unlink(t);
      S.unlink(t);
    }
  }

  /** Keeps S within twice the cache by forgetting the oldest non-resident entries. */
  private limitStack(): void {
    while (this.S.weight[L] > 2 * this.capacity) {
      const t = this.NH.tail[L];
      if (t === NIL) break;
      if (this.S.where[t] === L) this.S.unlink(t);
      this.NH.unlink(t);
    }
  }
}
