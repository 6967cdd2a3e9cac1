// 2Q (Johnson & Shasha, VLDB 1994) as libCacheSim runs it: A1in a FIFO of 25% of the cache,
// A1out a ghost FIFO of 50%, Am an LRU of the rest; a ghost hit admits into Am.
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import type { PolicyOptions } from '../policy.js';

const AIN = 1;
const AM = 2;
const AOUT = 3;

/** Share of the cache given to A1in. */
export const TWO_Q_IN_RATIO = 0.25;
/** Size of the A1out ghost list, as a share of the cache. */
export const TWO_Q_OUT_RATIO = 0.5;

/** Two queues. */
export class TwoQPolicy extends BasePolicy {
  private lists: IdLists;
  private readonly inSize: number;
  private readonly outSize: number;
  private readonly mainSize: number;

  constructor(options: PolicyOptions) {
    super('2q', options);
    this.lists = new IdLists(3, this.n);
    const c = this.capacity;
    this.inSize = this.bytes ? c * TWO_Q_IN_RATIO : Math.max(1, Math.floor(c * TWO_Q_IN_RATIO));
    this.outSize = this.bytes ? c * TWO_Q_OUT_RATIO : Math.max(1, Math.floor(c * TWO_Q_OUT_RATIO));
    this.mainSize = Math.max(1, c - this.inSize);
  }
  get size(): number {
    return this.lists.len[AIN] + this.lists.len[AM];
  }
  get used(): number {
    return this.lists.weight[AIN] + this.lists.weight[AM];
  }
  protected grow(n: number): void {
    this.lists.grow(n);
  }
  contains(id: number): boolean {
    if (id >= this.n) return false;
    const w = this.lists.where[id];
    return w === AIN || w === AM;
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
    if (where === AIN || where === AM) {
      if (s !== L.w[id]) return this.resized(id, s);
      if (where === AM) L.moveToHead(AM, id);
      return true;
    }
    const ghost = where === AOUT;
    if (ghost) L.unlink(id);
    if (s > this.inSize || s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    while (L.weight[AIN] + L.weight[AM] + s > this.capacity) this.evict();
    if (ghost) {
      // Am is its own LRU of mainSize: it makes room inside itself too.
      while (L.weight[AM] + s > this.mainSize && L.len[AM] > 0) this.drop(L.tail[AM]);
      L.pushHead(AM, id, s);
    } else {
      L.pushHead(AIN, id, s);
    }
    return false;
  }

  private drop(victim: number): void {
    this.lists.unlink(victim);
    this.onEvict?.(victim);
  }

  private evict(): void {
    const L = this.lists;
    if (L.weight[AIN] > this.inSize) {
      const victim = L.tail[AIN];
      const w = L.w[victim];
      L.unlink(victim);
      while (L.weight[AOUT] + w > this.outSize && L.len[AOUT] > 0) L.unlink(L.tail[AOUT]);
      L.pushHead(AOUT, victim, w);
      this.onEvict?.(victim);
      return;
    }
    this.drop(L.tail[AM]);
  }
}
