// ARC (Megiddo & Modha, FAST 2003) with libCacheSim's bookkeeping: T1, T2 resident, B1, B2
// ghosts; a ghost hit adapts p and runs REPLACE before the miss is admitted into T2.
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import type { PolicyOptions } from '../policy.js';

const T1 = 1;
const T2 = 2;
const B1 = 3;
const B2 = 4;

/** Adaptive Replacement Cache. */
export class ArcPolicy extends BasePolicy {
  private lists: IdLists;
  private p = 0;
  private inB1 = false;
  private inB2 = false;

  constructor(options: PolicyOptions) {
    super('arc', options);
    this.lists = new IdLists(4, this.n);
  }
  get size(): number {
    return this.lists.len[T1] + this.lists.len[T2];
  }
  get used(): number {
    return this.lists.weight[T1] + this.lists.weight[T2];
  }
  protected grow(n: number): void {
    this.lists.grow(n);
  }
  contains(id: number): boolean {
    if (id >= this.n) return false;
    const w = this.lists.where[id];
    return w === T1 || w === T2;
  }
  remove(id: number): boolean {
    if (id >= this.n || this.lists.where[id] === 0) return false;
    const resident = this.contains(id);
    this.lists.unlink(id);
    return resident;
  }

  access(id: number, size?: number): boolean {
    this.ensure(id);
    const s = this.sizeOf(size);
    const L = this.lists;
    const where = L.where[id];
    this.inB1 = false;
    this.inB2 = false;
    if (where === T1 || where === T2) {
      if (s !== L.w[id]) return this.resized(id, s);
      L.moveToHead(T2, id);
      return true;
    }
    if (where === B1) {
      // Case II: p grows by |B2| / |B1| (at least 1), |B1| counted with x still in it.
      this.inB1 = true;
      this.p = Math.min(this.p + Math.max(L.weight[B2] / L.weight[B1], 1), this.capacity);
      L.unlink(id);
    } else if (where === B2) {
      // Case III: p shrinks by |B1| / |B2| (at least 1).
      this.inB2 = true;
      this.p = Math.max(this.p - Math.max(L.weight[B1] / L.weight[B2], 1), 0);
      L.unlink(id);
    }
    if (s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    const ghostHit = this.inB1 || this.inB2;
    while (L.weight[T1] + L.weight[T2] + s > this.capacity) {
      if (ghostHit) this.replace();
      else this.evictOnMiss(s);
    }
    L.pushHead(ghostHit ? T2 : T1, id, s);
    this.inB1 = false;
    this.inB2 = false;
    return false;
  }

  /** REPLACE of the paper: the LRU of T1 or T2 becomes a ghost. */
  private replace(): void {
    const L = this.lists;
    const t1 = L.weight[T1];
    let victim: number;
    if ((t1 > 0 && (t1 > this.p || (t1 === this.p && this.inB2))) || L.weight[T2] === 0) {
      victim = L.tail[T1];
      L.unlink(victim);
      L.pushHead(B1, victim, L.w[victim]);
    } else {
      victim = L.tail[T2];
      L.unlink(victim);
      L.pushHead(B2, victim, L.w[victim]);
    }
    this.onEvict?.(victim);
  }

  /** Case IV of the paper: a miss on all four lists. */
  private evictOnMiss(incoming: number): void {
    const L = this.lists;
    const c = this.capacity;
    if (L.weight[T1] + L.weight[B1] + incoming > c) {
      if (L.weight[B1] > 0) {
        L.unlink(L.tail[B1]);
        this.replace();
      } else {
        const victim = L.tail[T1];
        L.unlink(victim);
        this.onEvict?.(victim);
      }
    } else {
      if (L.weight[T1] + L.weight[B1] + L.weight[T2] + L.weight[B2] >= 2 * c && L.weight[B2] > 0) L.unlink(L.tail[B2]);
      this.replace();
    }
  }
}
