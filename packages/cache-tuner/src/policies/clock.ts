// CLOCK (one reference bit, second chance) and SIEVE: FIFO queues that spare visited entries.
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import { growUint8, NIL } from '../policy.js';
import type { PolicyOptions } from '../policy.js';

const Q = 1;

/** CLOCK: a hit sets the bit; eviction moves entries with the bit set back to the head, clearing it. */
export class ClockPolicy extends BasePolicy {
  protected lists: IdLists;
  protected bit: Uint8Array;

  constructor(options: PolicyOptions, name = 'clock') {
    super(name, options);
    this.lists = new IdLists(1, this.n);
    this.bit = new Uint8Array(this.n);
  }
  get size(): number {
    return this.lists.len[Q];
  }
  get used(): number {
    return this.lists.weight[Q];
  }
  protected grow(n: number): void {
    this.lists.grow(n);
    this.bit = growUint8(this.bit, n);
  }
  contains(id: number): boolean {
    return id < this.n && this.lists.where[id] === Q;
  }
  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    this.lists.unlink(id);
    return true;
  }
  access(id: number, size?: number): boolean {
    this.ensure(id);
    const s = this.sizeOf(size);
    const lists = this.lists;
    if (lists.where[id] === Q) {
      this.bit[id] = 1;
      return s === lists.w[id] ? true : this.resized(id, s);
    }
    if (s > this.capacity) {
      this.onEvict?.(id);
      return false;
    }
    while (lists.weight[Q] + s > this.capacity) this.evict();
    lists.pushHead(Q, id, s);
    this.bit[id] = 0;
    return false;
  }
  protected evict(): void {
    const lists = this.lists;
    let victim = lists.tail[Q];
    while (this.bit[victim] !== 0) {
      this.bit[victim] = 0;
      lists.moveToHead(Q, victim);
      victim = lists.tail[Q];
    }
    lists.unlink(victim);
    this.onEvict?.(victim);
  }
}

/** SIEVE: like CLOCK, but visited entries stay in place and a hand moves from tail to head. */
export class SievePolicy extends ClockPolicy {
  private hand = NIL;

  constructor(options: PolicyOptions) {
    super(options, 'sieve');
  }
  override remove(id: number): boolean {
    if (!this.contains(id)) return false;
    if (this.hand === id) this.hand = this.lists.prev[id];
    this.lists.unlink(id);
    return true;
  }
  protected override evict(): void {
    const lists = this.lists;
    let o = this.hand === NIL ? lists.tail[Q] : this.hand;
    while (this.bit[o] !== 0) {
      this.bit[o] = 0;
      o = lists.prev[o];
      if (o === NIL) o = lists.tail[Q];
    }
    this.hand = lists.prev[o];
    lists.unlink(o);
    this.onEvict?.(o);
  }
}
