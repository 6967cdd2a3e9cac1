// The memory level: keys mapped to integer ids, values in an array indexed by id, and
// residency decided by an eviction policy over those ids. Ids are dense in first-set order
// and are recycled only after a key has been out of the cache for `rememberKeys` newer
// evictions, so until then a policy sees exactly the ids a trace simulator would.
import { serialize } from 'node:v8';
import { CacheError } from './errors.js';
import { createEvictionPolicy, DEFAULT_POLICY, POLICY_NAMES } from './policy.js';
import type { EvictionPolicy, PolicyName } from './policy.js';
import type { LevelStats } from './types.js';

/** Entry budget when neither maxEntries nor maxBytes is given. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** Policies that remember evicted ids (ghost lists, frequency sketches): their evicted keys keep their ids a while. */
const GHOST_POLICIES: ReadonlySet<PolicyName> = new Set(['arc', 's3fifo', 'wtinylfu']);

/** Options of the memory level. */
export interface MemoryLevelOptions {
  type: 'memory';
  /** Name in stats. @default 'memory' */
  name?: string;
  /** Entry budget (every entry counts 1). @default 10_000 when maxBytes is not given */
  maxEntries?: number;
  /** Byte budget, sizes from `sizeOf`. Exclusive with maxEntries. */
  maxBytes?: number;
  /** Size of a value in bytes, for maxBytes. @default byteLength of Buffers and typed arrays, 2 × length of strings, v8.serialize length otherwise */
  sizeOf?: (value: unknown, key: string) => number;
  /** Eviction policy, from @perf/cache-tuner. @default 'wtinylfu' */
  policy?: PolicyName;
  /** Evicted keys that keep their ids (so a policy's ghost history stays with the right key) before ids are recycled. @default 0 for lru and sieve (they keep no history), the number of resident entries for arc, s3fifo and wtinylfu */
  rememberKeys?: number;
}

/** Default size function: bytes of binary data, 2 bytes per UTF-16 unit, serialised size otherwise. */
export function defaultSizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length * 2;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  return serialize(value).byteLength;
}

function positive(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) {
    throw new CacheError('CACHE_INVALID_OPTION', `memory level: ${field} must be a positive number, got ${String(value)}`);
  }
  return value;
}

/** A synchronous in-memory cache level; also usable on its own. */
export class MemoryLevel {
  readonly type = 'memory' as const;
  readonly name: string;
  readonly capacity: number;
  readonly unit: 'entries' | 'bytes';
  readonly policyName: PolicyName;
  private policy!: EvictionPolicy;
  private readonly sizeOf: ((value: unknown, key: string) => number) | undefined;
  private readonly rememberKeys: number | undefined;
  private readonly ghosts: boolean;
  private ids = new Map<string, number>();
  private keys: (string | undefined)[] = [];
  private values: unknown[] = [];
  private sizes: number[] = [];
  private resident: boolean[] = [];
  private evictStamp: number[] = [];
  private forgetQueue: number[] = [];
  private forgetHead = 0;
  private freeIds: number[] = [];
  private stamp = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private bytes = 0;
  private entries = 0;

  constructor(options: Omit<MemoryLevelOptions, 'type'> & { type?: 'memory' } = {}) {
    const maxEntries = positive(options.maxEntries, 'maxEntries');
    const maxBytes = positive(options.maxBytes, 'maxBytes');
    if (maxEntries !== undefined && maxBytes !== undefined) {
      throw new CacheError('CACHE_INVALID_OPTION', 'memory level: give maxEntries or maxBytes, not both');
    }
    const policy = options.policy ?? DEFAULT_POLICY;
    if (!POLICY_NAMES.includes(policy)) {
      throw new CacheError('CACHE_INVALID_OPTION', `memory level: unknown policy ${JSON.stringify(policy)}; use one of ${POLICY_NAMES.join(', ')}`);
    }
    this.name = options.name ?? 'memory';
    this.policyName = policy;
    this.unit = maxBytes === undefined ? 'entries' : 'bytes';
    this.capacity = maxBytes ?? maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.sizeOf = this.unit === 'bytes' ? (options.sizeOf ?? defaultSizeOf) : undefined;
    this.rememberKeys = options.rememberKeys;
    this.ghosts = GHOST_POLICIES.has(policy);
    this.reset();
  }

  /** The cached value, or undefined (a miss). A hit counts as an access for the policy. */
  get(key: string): unknown {
    const id = this.ids.get(key);
    if (id === undefined || !this.resident[id]) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.policy.access(id, this.sizes[id]);
    return this.values[id];
  }

  /** True when `key` is resident; does not count as an access. */
  has(key: string): boolean {
    const id = this.ids.get(key);
    return id !== undefined && this.resident[id] === true;
  }

  /** Stores a value; the policy may evict others, or decline the new entry. Returns whether it is resident after. */
  set(key: string, value: unknown): boolean {
    const size = this.sizeOf === undefined ? 1 : this.sizeOf(value, key);
    if (size > this.capacity) {
      this.delete(key);
      return false;
    }
    let id = this.ids.get(key);
    if (id === undefined) id = this.newId(key);
    if (this.resident[id]) {
      this.bytes += size - this.sizes[id];
    } else {
      this.resident[id] = true;
      this.entries++;
      this.bytes += size;
    }
    this.values[id] = value;
    this.sizes[id] = size;
    this.policy.access(id, size);
    return this.resident[id] === true;
  }

  /** Removes `key`; true when it was resident. */
  delete(key: string): boolean {
    const id = this.ids.get(key);
    if (id === undefined || !this.resident[id]) return false;
    this.policy.remove(id);
    this.drop(id);
    return true;
  }

  /** Empties the level (statistics are kept). */
  clear(): void {
    this.reset();
  }

  /** Counters since creation. */
  stats(): LevelStats {
    return { name: this.name, type: 'memory', hits: this.hits, misses: this.misses, evictions: this.evictions, bytes: this.bytes, entries: this.entries };
  }

  private reset(): void {
    this.ids = new Map();
    this.keys = [];
    this.values = [];
    this.sizes = [];
    this.resident = [];
    this.evictStamp = [];
    this.forgetQueue = [];
    this.forgetHead = 0;
    this.freeIds = [];
    this.bytes = 0;
    this.entries = 0;
    this.policy = createEvictionPolicy(this.policyName, {
      capacity: this.capacity,
      unit: this.unit,
      onEvict: (id) => this.onEvict(id),
    });
  }

  private newId(key: string): number {
    const id = this.freeIds.pop() ?? this.keys.length;
    this.ids.set(key, id);
    this.keys[id] = key;
    this.resident[id] = false;
    this.sizes[id] = 0;
    this.evictStamp[id] = 0;
    return id;
  }

  private onEvict(id: number): void {
    if (!this.resident[id]) return;
    this.evictions++;
    this.drop(id);
  }

  private drop(id: number): void {
    this.resident[id] = false;
    this.values[id] = undefined;
    this.entries--;
    this.bytes -= this.sizes[id];
    this.sizes[id] = 0;
    const limit = this.rememberKeys ?? (this.ghosts ? this.entries : 0);
    if (limit <= 0 && this.forgetHead === this.forgetQueue.length) {
      this.forget(id);
      return;
    }
    const stamp = ++this.stamp;
    this.evictStamp[id] = stamp;
    this.forgetQueue.push(id, stamp);
    while ((this.forgetQueue.length - this.forgetHead) / 2 > limit) this.forgetOldest();
  }

  private forget(id: number): void {
    this.ids.delete(this.keys[id]!);
    this.keys[id] = undefined;
    this.freeIds.push(id);
  }

  private forgetOldest(): void {
    const id = this.forgetQueue[this.forgetHead];
    const stamp = this.forgetQueue[this.forgetHead + 1];
    this.forgetHead += 2;
    if (this.forgetHead > 4096 && this.forgetHead * 2 > this.forgetQueue.length) {
      this.forgetQueue = this.forgetQueue.slice(this.forgetHead);
      this.forgetHead = 0;
    }
    if (this.resident[id] || this.evictStamp[id] !== stamp) return;
    this.forget(id);
  }
}
