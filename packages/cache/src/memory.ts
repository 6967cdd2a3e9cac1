// The memory level: keys mapped to integer ids, values in an array indexed by id, and
// residency decided by an eviction policy over those ids. Ids are dense in first-set order.
// An evicted key keeps its id (remembered by a 30-bit hash, not the string) for
// `rememberKeys` newer evictions, so a policy's ghost history stays with the right key and a
// replay matches the trace simulator; then the id is recycled.
import { serialize } from 'node:v8';
import { CacheError } from './errors.js';
import { GhostTable } from './ghost-table.js';
import { keyHash30 } from './key-hash.js';
import { createEvictionPolicy, DEFAULT_POLICY, POLICY_NAMES } from './policy.js';
import type { EvictionPolicy, PolicyName } from './policy.js';
import type { LevelStats } from './types.js';

/** Entry budget when neither maxEntries nor maxBytes is given. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** Policies that remember evicted ids (ghost lists, frequency sketches): their evicted keys keep their ids a while. */
const GHOST_POLICIES: ReadonlySet<PolicyName> = new Set(['arc', 's3fifo', 'wtinylfu']);
/** Default `rememberKeys` of those policies: this many times the resident entries, and at least DEFAULT_REMEMBER_MIN. */
export const DEFAULT_REMEMBER_FACTOR = 8;
export const DEFAULT_REMEMBER_MIN = 65_536;

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
  /** Evicted keys that keep their ids (so a policy's ghost history stays with the right key) before ids are recycled. @default 0 for lru and sieve (they keep no history); for arc, s3fifo and wtinylfu max(8 × resident entries, 65_536) */
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
  /** Resident keys → id. */
  private ids = new Map<string, number>();
  /** Hash of a remembered (evicted) key → its reserved id. */
  private ghostIds = new GhostTable();
  private keys: (string | undefined)[] = [];
  private values: unknown[] = [];
  private sizes: number[] = [];
  private ghostHash: number[] = [];
  private evictStamp: number[] = [];
  private forgetQueue: number[] = [];
  private forgetHead = 0;
  private freeIds: number[] = [];
  private stamp = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private bytes = 0;

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
    if (options.rememberKeys !== undefined && !(options.rememberKeys >= 0)) {
      throw new CacheError('CACHE_INVALID_OPTION', `memory level: rememberKeys must be >= 0, got ${String(options.rememberKeys)}`);
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
    if (id === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.policy.access(id, this.sizes[id]);
    return this.values[id];
  }

  /** True when `key` is resident; does not count as an access. */
  has(key: string): boolean {
    return this.ids.has(key);
  }

  /** Stores a value; the policy may evict others, or decline the new entry. Returns whether it is resident after. */
  set(key: string, value: unknown): boolean {
    const size = this.sizeOf === undefined ? 1 : this.sizeOf(value, key);
    if (size > this.capacity) {
      this.delete(key);
      return false;
    }
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.admitId(key);
      this.bytes += size;
    } else {
      this.bytes += size - this.sizes[id];
    }
    this.values[id] = value;
    this.sizes[id] = size;
    this.policy.access(id, size);
    return this.keys[id] === key;
  }

  /** Removes `key`; true when it was resident. */
  delete(key: string): boolean {
    const id = this.ids.get(key);
    if (id === undefined) return false;
    this.policy.remove(id);
    this.ids.delete(key);
    this.bytes -= this.sizes[id];
    this.values[id] = undefined;
    this.keys[id] = undefined;
    this.freeIds.push(id);
    return true;
  }

  /** Empties the level (statistics are kept). */
  clear(): void {
    this.reset();
  }

  /** Counters since creation. */
  stats(): LevelStats {
    return { name: this.name, type: 'memory', hits: this.hits, misses: this.misses, evictions: this.evictions, bytes: this.bytes, entries: this.ids.size };
  }

  private reset(): void {
    this.ids = new Map();
    this.ghostIds = new GhostTable();
    this.keys = [];
    this.values = [];
    this.sizes = [];
    this.ghostHash = [];
    this.evictStamp = [];
    this.forgetQueue = [];
    this.forgetHead = 0;
    this.freeIds = [];
    this.bytes = 0;
    this.policy = createEvictionPolicy(this.policyName, {
      capacity: this.capacity,
      unit: this.unit,
      onEvict: (id) => this.onEvict(id),
      maxIdHint: this.unit === 'entries' ? Math.min(this.capacity * 2 + 16, 1 << 24) : 1024,
    });
  }

  /** The id of a key becoming resident: its remembered id when it was evicted lately, else a free or new one. */
  private admitId(key: string): number {
    let id: number | undefined;
    if (this.ghostIds.size > 0) {
      const ghost = this.ghostIds.delete(keyHash30(key));
      if (ghost >= 0) {
        id = ghost;
        this.evictStamp[id] = 0;
      }
    }
    id ??= this.freeIds.pop();
    if (id === undefined) {
      // A new id: grow every per-id array by one, so they stay dense (fast elements).
      id = this.keys.length;
      this.keys.push(key);
      this.values.push(undefined);
      this.sizes.push(0);
      this.ghostHash.push(0);
      this.evictStamp.push(0);
    }
    this.ids.set(key, id);
    this.keys[id] = key;
    return id;
  }

  private onEvict(id: number): void {
    const key = this.keys[id];
    if (key === undefined) return;
    this.evictions++;
    this.ids.delete(key);
    this.keys[id] = undefined;
    this.values[id] = undefined;
    this.bytes -= this.sizes[id];
    const limit = this.rememberKeys ?? (this.ghosts ? Math.max(DEFAULT_REMEMBER_FACTOR * this.ids.size, DEFAULT_REMEMBER_MIN) : 0);
    if (limit <= 0) {
      this.freeIds.push(id);
      return;
    }
    const hash = keyHash30(key);
    this.ghostHash[id] = hash;
    const clash = this.ghostIds.set(hash, id);
    if (clash >= 0) this.release(clash);
    const stamp = ++this.stamp;
    this.evictStamp[id] = stamp;
    this.forgetQueue.push(id, stamp);
    while (this.ghostIds.size > limit) this.forgetOldest();
  }

  /** Recycles a remembered id: the policy drops its ghost history, the id becomes free. */
  private forget(id: number): void {
    this.ghostIds.delete(this.ghostHash[id]);
    this.release(id);
  }

  private release(id: number): void {
    this.evictStamp[id] = 0;
    this.policy.remove(id);
    this.freeIds.push(id);
  }

  private forgetOldest(): void {
    while (this.forgetHead < this.forgetQueue.length) {
      const id = this.forgetQueue[this.forgetHead];
      const stamp = this.forgetQueue[this.forgetHead + 1];
      this.forgetHead += 2;
      if (this.forgetHead > 4096 && this.forgetHead * 2 > this.forgetQueue.length) {
        this.forgetQueue = this.forgetQueue.slice(this.forgetHead);
        this.forgetHead = 0;
      }
      if (this.evictStamp[id] === stamp) {
        this.forget(id);
        return;
      }
    }
  }
}
