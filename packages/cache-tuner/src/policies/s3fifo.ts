// S3-FIFO (Yang et al., SOSP 2023), the paper's algorithm (libCacheSim S3FIFOv0): a small
// FIFO of 10%, a main FIFO with a 2-bit clock, a ghost FIFO of 90%; an entry moves from
// small to main after 2 accesses, a ghost hit admits straight into main.
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import { growUint32 } from '../policy.js';
import type { PolicyOptions } from '../policy.js';

const SMALL = 1;
const MAIN = 2;
const GHOST = 3;

/** Share of the cache given to the small FIFO. */
export const S3FIFO_SMALL_RATIO = 0.1;
/** Ghost FIFO size as a share of the cache. */
export const S3FIFO_GHOST_RATIO = 0.9;
/** Accesses (counted while in the small FIFO) that move an entry to main. */
export const S3FIFO_MOVE_TO_MAIN = 2;

/** Simple, scalable caching with three static FIFO queues. */
export class S3FifoPolicy extends BasePolicy {
  private lists: IdLists;
  private freq: Uint32Array;
  private readonly smallSize: number;
  private readonly mainSize: number;
  private readonly ghostSize: number;

  constructor(options: PolicyOptions) {
    super('s3fifo', options);
    this.lists = new IdLists(3, this.n);
    this.freq = new Uint32Array(this.n);
    const c = this.capacity;
    this.smallSize = this.bytes ? c * S3FIFO_SMALL_RATIO : Math.max(1, Math.floor(c * S3FIFO_SMALL_RATIO));
    this.mainSize = c - this.smallSize;
    this.ghostSize = this.bytes ? c * S3FIFO_GHOST_RATIO : Math.max(1, Math.floor(c * S3FIFO_GHOST_RATIO));
  }
  get size(): number {
    return this.lists.len[SMALL] + this.lists.len[MAIN];
  }
  get used(): number {
    return this.lists.weight[SMALL] + this.lists.weight[MAIN];
  }
  protected grow(n: number): void {
    this.lists.grow(n);
    this.freq = growUint32(this.freq, n);
  }
  contains(id: number): boolean {
    if (id >= this.n) return false;
    const w = this.lists.where[id];
    return w === SMALL || w === MAIN;
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
    if (where === SMALL || where === MAIN) {
      if (s !== L.w[id]) return this.resized(id, s);
      this.freq[id]++;
      return true;
    }
    const ghost = where === GHOST;
    if (ghost) L.unlink(id);
    if (s > this.smallSize || s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    while (L.weight[SMALL] + L.weight[MAIN] + s > this.capacity) this.evict();
    L.pushHead(ghost ? MAIN : SMALL, id, s);
    this.freq[id] = 0;
    return false;
  }

  private evict(): void {
    const L = this.lists;
    if (L.weight[MAIN] > this.mainSize || L.len[SMALL] === 0) this.evictMain();
    else this.evictSmall();
  }

  private evictSmall(): void {
    const L = this.lists;
    while (L.len[SMALL] > 0) {
      const victim = L.tail[SMALL];
      const w = L.w[victim];
      L.unlink(victim);
      if (this.freq[victim] >= S3FIFO_MOVE_TO_MAIN) {
        L.pushHead(MAIN, victim, w);
        this.freq[victim] = 0;
        continue;
      }
      while (L.weight[GHOST] + w > this.ghostSize && L.len[GHOST] > 0) L.unlink(L.tail[GHOST]);
      L.pushHead(GHOST, victim, w);
      this.onEvict?.(victim);
      return;
    }
  }

  private evictMain(): void {
    const L = this.lists;
    while (L.len[MAIN] > 0) {
      const victim = L.tail[MAIN];
      const f = this.freq[victim];
      if (f >= 1) {
        L.moveToHead(MAIN, victim);
        this.freq[victim] = Math.min(f, 3) - 1;
        continue;
      }
      L.unlink(victim);
      this.onEvict?.(victim);
      return;
    }
  }
}
