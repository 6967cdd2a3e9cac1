// The disk level's eviction model, pure (no I/O): entries ordered by last use, runs, and the
// decisions of which entries to evict. The disk level applies its decisions to files; tests
// and benches replay traces through it directly.

/** How the disk level evicts when over its byte budget. */
export type DiskEviction = 'lru' | 'generation';

export interface DiskIndexOptions {
  /** Byte budget. */
  maxBytes: number;
  /** 'lru': least recently used first. 'generation': entries not used in the last `generations` runs are dropped at each run start; over budget, entries of older runs go first (oldest first), then entries of the current run, newest first (so a run that looks up more than fits keeps a stable part instead of none). */
  eviction: DiskEviction;
  /** Runs an entry survives without use, for eviction 'generation'. */
  generations: number;
  /** Entries unused for longer are evicted (any eviction mode). */
  maxAgeMs?: number | undefined;
  /** Over budget, evict down to this fraction of maxBytes. */
  lowWater: number;
}

/** One entry as seen by the index. */
export interface IndexEntry {
  readonly name: string;
  size: number;
  used: number;
  prev: IndexEntry | undefined;
  next: IndexEntry | undefined;
}

export class DiskIndex {
  readonly options: DiskIndexOptions;
  private readonly nodes = new Map<string, IndexEntry>();
  private oldest: IndexEntry | undefined;
  private newest: IndexEntry | undefined;
  private runs: number[] = [];
  bytes = 0;

  constructor(options: DiskIndexOptions) {
    this.options = options;
  }

  get entries(): number {
    return this.nodes.size;
  }

  /** Start time of the current run (-Infinity before any run). */
  get runStart(): number {
    return this.runs.length === 0 ? -Infinity : this.runs[this.runs.length - 1];
  }

  /** Sets the known run start times (ascending), e.g. read from the runs log. */
  setRuns(starts: readonly number[]): void {
    this.runs = starts.slice(-Math.max(this.options.generations + 1, 2));
  }

  /** Starts a run at `now`. */
  beginRun(now: number): void {
    this.setRuns([...this.runs, now]);
  }

  get(name: string): IndexEntry | undefined {
    return this.nodes.get(name);
  }

  /** Replaces the whole index by a scan result. */
  load(entries: readonly { name: string; size: number; used: number }[]): void {
    this.nodes.clear();
    this.oldest = this.newest = undefined;
    this.bytes = 0;
    for (const e of [...entries].sort((a, b) => a.used - b.used)) this.upsert(e.name, e.size, e.used);
  }

  /** Records a use of `name` at `now` (adds it with `size` when unknown). */
  touch(name: string, now: number, size?: number): void {
    const node = this.nodes.get(name);
    if (node === undefined) {
      if (size !== undefined) this.upsert(name, size, now);
      return;
    }
    node.used = Math.max(node.used, now);
    this.unlink(node);
    this.append(node);
  }

  /** Adds or updates an entry used at `used` (kept in order of use). */
  upsert(name: string, size: number, used: number): void {
    const existing = this.nodes.get(name);
    if (existing !== undefined) {
      this.bytes += size - existing.size;
      existing.size = size;
      this.touch(name, used);
      return;
    }
    const node: IndexEntry = { name, size, used, prev: undefined, next: undefined };
    this.nodes.set(name, node);
    this.bytes += size;
    // Usually the newest; a scan may bring older ones: walk back to keep the order.
    let after = this.newest;
    while (after !== undefined && after.used > used) after = after.prev;
    this.insertAfter(node, after);
  }

  remove(name: string): boolean {
    const node = this.nodes.get(name);
    if (node === undefined) return false;
    this.unlink(node);
    this.nodes.delete(name);
    this.bytes -= node.size;
    return true;
  }

  /** Decides evictions at `now` (age, generation, budget), removes them from the index and returns their names. `keep` is never chosen. */
  evict(now: number, keep?: string): string[] {
    const out: string[] = [];
    const { maxAgeMs, eviction, generations, maxBytes, lowWater } = this.options;
    let cutoff = maxAgeMs === undefined ? -Infinity : now - maxAgeMs;
    if (eviction === 'generation' && this.runs.length > generations) {
      cutoff = Math.max(cutoff, this.runs[this.runs.length - generations]);
    }
    const take = (node: IndexEntry): void => {
      this.remove(node.name);
      out.push(node.name);
    };
    for (let node = this.oldest; node !== undefined && node.used < cutoff; ) {
      const next = node.next;
      if (node.name !== keep) take(node);
      node = next;
    }
    if (this.bytes <= maxBytes) return out;
    const target = maxBytes * lowWater;
    const runStart = eviction === 'generation' ? this.runStart : Infinity;
    for (let node = this.oldest; node !== undefined && this.bytes > target && node.used < runStart; ) {
      const next = node.next;
      if (node.name !== keep) take(node);
      node = next;
    }
    for (let node = this.newest; node !== undefined && this.bytes > target; ) {
      const prev = node.prev;
      if (node.name !== keep) take(node);
      node = prev;
    }
    return out;
  }

  private append(node: IndexEntry): void {
    this.insertAfter(node, this.newest);
  }

  private insertAfter(node: IndexEntry, after: IndexEntry | undefined): void {
    node.prev = after;
    node.next = after === undefined ? this.oldest : after.next;
    if (node.next === undefined) this.newest = node;
    else node.next.prev = node;
    if (after === undefined) this.oldest = node;
    else after.next = node;
  }

  private unlink(node: IndexEntry): void {
    if (node.prev === undefined) this.oldest = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.newest = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = undefined;
  }
}
