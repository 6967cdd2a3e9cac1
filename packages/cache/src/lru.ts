// A small LRU over integer ids in typed arrays (doubly linked list, head = most recent).
// The memory level's fallback when @perf/cache-tuner offers no policy by that name.
import type { EvictionPolicy, PolicyInit } from './policy.js';

const NONE = -1;

export class IdLru implements EvictionPolicy {
  private prev = new Int32Array(16).fill(NONE);
  private next = new Int32Array(16).fill(NONE);
  private sizes = new Float64Array(16);
  private present = new Uint8Array(16);
  private head = NONE;
  private tail = NONE;
  private used = 0;
  private readonly capacity: number;
  private readonly onEvict: ((id: number) => void) | undefined;

  constructor(init: PolicyInit) {
    this.capacity = init.capacity;
    this.onEvict = init.onEvict;
  }

  access(id: number, size = 1): boolean {
    this.ensure(id);
    const hit = this.present[id] === 1;
    if (hit) {
      this.used += size - this.sizes[id];
      this.sizes[id] = size;
      if (this.head !== id) {
        this.unlink(id);
        this.pushHead(id);
      }
    } else {
      this.present[id] = 1;
      this.sizes[id] = size;
      this.used += size;
      this.pushHead(id);
    }
    while (this.used > this.capacity && this.tail !== NONE) this.evict(this.tail);
    return hit;
  }

  contains(id: number): boolean {
    return id < this.present.length && this.present[id] === 1;
  }

  remove(id: number): void {
    if (!this.contains(id)) return;
    this.unlink(id);
    this.present[id] = 0;
    this.used -= this.sizes[id];
  }

  private evict(id: number): void {
    this.remove(id);
    this.onEvict?.(id);
  }

  private pushHead(id: number): void {
    this.prev[id] = NONE;
    this.next[id] = this.head;
    if (this.head !== NONE) this.prev[this.head] = id;
    this.head = id;
    if (this.tail === NONE) this.tail = id;
  }

  private unlink(id: number): void {
    const p = this.prev[id];
    const n = this.next[id];
    if (p === NONE) this.head = n;
    else this.next[p] = n;
    if (n === NONE) this.tail = p;
    else this.prev[n] = p;
  }

  private ensure(id: number): void {
    if (id < this.present.length) return;
    let length = this.present.length;
    while (length <= id) length *= 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T, fill?: number): T => {
      const b = make(length);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.prev = grow(this.prev, (n) => new Int32Array(n), NONE);
    this.next = grow(this.next, (n) => new Int32Array(n), NONE);
    this.sizes = grow(this.sizes, (n) => new Float64Array(n));
    this.present = grow(this.present, (n) => new Uint8Array(n));
  }
}
