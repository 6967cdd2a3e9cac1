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

  /** Object mode without onEvict: the inlined loop. */
  protected replayObjects(ids: Uint32Array): number {
    return replayObjectsImpl.call(this as never, ids);
  }

  replay(ids: Uint32Array, sizes?: Uint32Array): number {
    let hits = 0;
    if (!this.bytes && this.onEvict === undefined) return this.replayObjects(ids);
    if (this.bytes && sizes !== undefined) {
      for (let i = 0; i < ids.length; i++) if (this.access(ids[i], sizes[i])) hits++;
      return hits;
    }
    for (let i = 0; i < ids.length; i++) if (this.access(ids[i])) hits++;
    return hits;
  }
}

/** Object-mode replay with the list operations inlined (the simulator's hot loop). */
function replayObjectsImpl(this: LruPolicy & { lists: IdLists; promote: boolean }, ids: Uint32Array): number {
  const L = this.lists;
  let maxId = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > maxId) maxId = ids[i];
  if (maxId >= L.capacity) L.grow(grownLength(L.capacity, maxId));
  const { prev, next, where, w } = L;
  const cap = this.capacity;
  const promote = this.promote;
  let head = L.head[Q];
  let tail = L.tail[Q];
  let len = L.len[Q];
  let hits = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (where[id] === Q) {
      hits++;
      if (promote && head !== id) {
        const p = prev[id];
        const n = next[id];
        next[p] = n;
        if (n === NIL) tail = p;
        else prev[n] = p;
        prev[id] = NIL;
        next[id] = head;
        prev[head] = id;
        head = id;
      }
      continue;
    }
    if (len >= cap) {
      const victim = tail;
      const p = prev[victim];
      tail = p;
      if (p === NIL) head = NIL;
      else next[p] = NIL;
      where[victim] = 0;
      len--;
    }
    prev[id] = NIL;
    next[id] = head;
    if (head === NIL) tail = id;
    else prev[head] = id;
    head = id;
    where[id] = Q;
    w[id] = 1;
    len++;
  }
  L.head[Q] = head;
  L.tail[Q] = tail;
  L.weight[Q] += len - L.len[Q];
  L.len[Q] = len;
  return hits;
}

/** First in, first out: hits change nothing. */
export class FifoPolicy extends LruPolicy {
  override readonly name: string = 'fifo';
  protected override readonly promote: boolean = false;
}
