// LRU: a hit moves the entry to the head; the tail leaves.
import { IdLists } from '../lists.js';
import { grownLength, NIL, resolvePolicyOptions } from '../policy.js';
import type { Policy, PolicyOptions } from '../policy.js';

const Q = 1;

/** Least recently used. */
export class LruPolicy implements Policy {
  readonly name: string = 'lru';
  readonly capacity: number;
  readonly unit;
  protected readonly bytes: boolean;
  protected readonly onEvict: ((id: number) => void) | undefined;
  protected lists: IdLists;
  /** Hits move entries to the head (LRU) or leave them in place (FIFO). */
  protected readonly promote: boolean = true;

  constructor(options: PolicyOptions) {
    const o = resolvePolicyOptions('lru', options);
    this.capacity = o.capacity;
    this.bytes = o.bytes;
    this.unit = o.bytes ? ('bytes' as const) : ('objects' as const);
    this.onEvict = o.onEvict;
    this.lists = new IdLists(1, o.maxIdHint);
  }

  get size(): number {
    return this.lists.len[Q];
  }
  get used(): number {
    return this.lists.weight[Q];
  }

  contains(id: number): boolean {
    return id < this.lists.capacity && this.lists.where[id] === Q;
  }

  access(id: number, size?: number): boolean {
    const lists = this.lists;
    if (id >= lists.capacity) lists.grow(grownLength(lists.capacity, id));
    const s = this.bytes ? (size ?? 1) : 1;
    if (lists.where[id] === Q) {
      if (this.promote) lists.moveToHead(Q, id);
      if (s !== lists.w[id]) {
        lists.reweigh(id, s);
        this.evictOver(0, id);
      }
      return true;
    }
    if (s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    this.evictOver(s, NIL);
    lists.pushHead(Q, id, s);
    return false;
  }

  /** Evicts from the tail until `incoming` more fits (a resized entry `keep` goes last). */
  protected evictOver(incoming: number, keep: number): void {
    const lists = this.lists;
    while (lists.weight[Q] + incoming > this.capacity) {
      let victim = lists.tail[Q];
      if (victim === keep && lists.len[Q] > 1) victim = lists.prev[victim]!;
      lists.unlink(victim);
      this.onEvict?.(victim);
    }
  }

  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    this.lists.unlink(id);
    return true;
  }

  replay(ids: Uint32Array, sizes?: Uint32Array): number {
    let hits = 0;
    if (this.bytes && sizes !== undefined) {
      for (let i = 0; i < ids.length; i++) if (this.access(ids[i], sizes[i])) hits++;
      return hits;
    }
    for (let i = 0; i < ids.length; i++) if (this.access(ids[i])) hits++;
    return hits;
  }
}

/** First in, first out: hits change nothing. */
export class FifoPolicy extends LruPolicy {
  override readonly name: string = 'fifo';
  protected override readonly promote: boolean = false;
}
