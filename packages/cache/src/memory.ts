// The memory level: keys mapped to integer ids (a hash table of keyHash30s, see KeyTable),
// values in an array indexed by id, and residency decided by an eviction policy over those
// ids. Ids are dense in first-set order.
// For ARC and S3-FIFO, whose ghost lists hold ids, an evicted key keeps its id (remembered by
// a 30-bit hash, not the string) for `rememberKeys` newer evictions, so the ghost history stays
// with the right key and a replay matches the trace simulator; then the id is recycled.
// W-TinyLFU keeps its history by key hash (given to the policy as `keyHash`, as Caffeine's
// sketch counts hashCode()), so its ids are recycled at once.
// Hot-path notes: per-id numbers live in typed arrays grown by doubling; remembered ids form
// an intrusive FIFO (oldest forgotten first); and `set` right after a missing `get` of the same
// key reuses its hash and skips the second lookup.
import { serialize } from 'node:v8';
import { CacheError } from './errors.js';
import { GhostTable } from './ghost-table.js';
import { keyHash30 } from './key-hash.js';
import { KeyTable } from './key-table.js';
import { createEvictionPolicy, DEFAULT_POLICY, POLICY_NAMES } from './policy.js';
import type { EvictionPolicy, PolicyName } from './policy.js';
import type { LevelStats } from './types.js';

/** Entry budget when neither maxEntries nor maxBytes is given. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** Policies that remember evicted ids (ghost lists): their evicted keys keep their ids a while. */
const GHOST_POLICIES: ReadonlySet<PolicyName> = new Set(['arc', 's3fifo']);
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
  /** Evicted keys that keep their ids (so a policy's ghost history stays with the right key) before ids are recycled. @default 0 for lru, sieve (no history) and wtinylfu (history by key hash); for arc and s3fifo max(8 × resident entries, 65_536) */
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

/** No id (end of the remembered-ids FIFO). */
const NONE = -1;
/** Initial length of the per-id typed arrays. */
const INITIAL_IDS = 1024;

function grownInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** A synchronous in-memory cache level; also usable on its own. */
export class MemoryLevel {
  readonly type = 'memory' as const;
  readonly name: string;
  readonly capacity: number;
  readonly unit: 'entries' | 'bytes';
  readonly policyName: PolicyName;
  // Declared, not defined: a field first undefined and then an object would change the level's hidden class in its first calls (deoptimizing them).
  private declare policy: EvictionPolicy;
  private readonly sizeOf: ((value: unknown, key: string) => number) | undefined;
  private readonly rememberKeys: number | undefined;
  private readonly ghosts: boolean;
  /** Resident keys → id, by keyHash30. */
  private table = new KeyTable();
  /** Hash of a remembered (evicted) key → its reserved id. */
  private ghostIds = new GhostTable();
  /** Key of each id at 2·id (while resident) and its value at 2·id + 1, side by side so a hit reads one line; its length is twice the ids handed out. */
  private entries: unknown[] = [];
  private sizes = new Float64Array(INITIAL_IDS);
  /**
   * Per id, three numbers side by side (one cache line): at 3·id the keyHash30 of the key the
   * id was last given to; at 3·id + 1 and + 2 its older and newer neighbours in the FIFO of
   * remembered ids (oldest first, in the order they were evicted; NONE-terminated).
   */
  private meta = new Int32Array(3 * INITIAL_IDS);
  private oldest = NONE;
  private newest = NONE;
  private freeIds: number[] = [];
  /** The key of the last `get` that missed and its hash, until the next `set` or `clear` (hash -1: none): `set` of it needs no lookup. Always a string, so the field keeps one type. */
  private missedKey = '';
  private missedHash = -1;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  /**
   * A double from the start (reset() sets it to 0): it is summed from `sizes`, a Float64Array, and a
   * field that first held a small integer changed the level's hidden class at the first eviction,
   * deoptimizing get and set (seen with --trace-deopt).
   */
  private bytes = Number.MIN_VALUE;

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
    const hash = keyHash30(key);
    const id = this.table.find(key, hash, this.entries);
    if (id < 0) {
      this.misses++;
      this.missedKey = key;
      this.missedHash = hash;
      return undefined;
    }
    this.hits++;
    // In entry mode every size is 1, which is what the policy assumes without one.
    this.policy.access(id, this.sizeOf === undefined ? undefined : this.sizes[id]);
    return this.entries[2 * id + 1];
  }

  /** True when `key` is resident; does not count as an access. */
  has(key: string): boolean {
    return this.table.find(key, keyHash30(key), this.entries) >= 0;
  }

  /** Stores a value; the policy may evict others, or decline the new entry. Returns whether it is resident after. */
  set(key: string, value: unknown): boolean {
    // Only set and clear make a key resident, so the key of the last missing get is still absent.
    const absent = this.missedHash >= 0 && key === this.missedKey;
    const hash = absent ? this.missedHash : keyHash30(key);
    this.missedHash = -1;
    const size = this.sizeOf === undefined ? 1 : this.sizeOf(value, key);
    if (size > this.capacity) {
      this.delete(key);
      return false;
    }
    let id = absent ? -1 : this.table.find(key, hash, this.entries);
    if (id < 0) {
      id = this.admitId(key, hash);
      this.bytes += size;
    } else {
      this.bytes += size - this.sizes[id];
    }
    this.entries[2 * id + 1] = value;
    this.sizes[id] = size;
    this.policy.access(id, size, this.meta[3 * id]);
    return this.entries[2 * id] === key;
  }

  /** Removes `key`; true when it was resident. */
  delete(key: string): boolean {
    const hash = keyHash30(key);
    const id = this.table.find(key, hash, this.entries);
    if (id < 0) return false;
    this.policy.remove(id);
    this.table.remove(hash, id);
    this.bytes -= this.sizes[id];
    this.entries[2 * id] = undefined;
    this.entries[2 * id + 1] = undefined;
    this.freeIds.push(id);
    return true;
  }

  /** Empties the level (statistics are kept). */
  clear(): void {
    this.reset();
  }

  /** Counters since creation. */
  stats(): LevelStats {
    return { name: this.name, type: 'memory', hits: this.hits, misses: this.misses, evictions: this.evictions, bytes: this.bytes, entries: this.table.size };
  }

  private reset(): void {
    this.table = new KeyTable();
    this.ghostIds = new GhostTable();
    this.entries = [];
    this.sizes = new Float64Array(INITIAL_IDS);
    this.meta = new Int32Array(3 * INITIAL_IDS);
    this.oldest = NONE;
    this.newest = NONE;
    this.freeIds = [];
    this.missedHash = -1;
    this.bytes = 0;
    this.policy = createEvictionPolicy(this.policyName, {
      capacity: this.capacity,
      unit: this.unit,
      onEvict: (id) => this.onEvict(id),
      maxIdHint: this.unit === 'entries' ? Math.min(this.capacity * 2 + 16, 1 << 24) : 1024,
    });
  }

  /** The id of a key becoming resident: its remembered id when it was evicted lately, else a free or new one. */
  private admitId(key: string, hash: number): number {
    let id: number | undefined;
    if (this.ghostIds.size > 0) {
      const ghost = this.ghostIds.delete(hash);
      if (ghost >= 0) {
        id = ghost;
        this.unremember(id);
      }
    }
    id ??= this.freeIds.pop();
    if (id === undefined) {
      // A new id: the arrays stay dense (fast elements); typed ones double.
      id = this.entries.length >> 1;
      this.entries.push(key, undefined);
      if (id === this.sizes.length) this.growIds(id * 2);
    }
    this.table.insert(hash, id);
    this.entries[2 * id] = key;
    this.meta[3 * id] = hash;
    return id;
  }

  private growIds(n: number): void {
    const sizes = new Float64Array(n);
    sizes.set(this.sizes);
    this.sizes = sizes;
    this.meta = grownInt32(this.meta, 3 * n);
  }

  private onEvict(id: number): void {
    if (this.entries[2 * id] === undefined) return;
    this.evictions++;
    this.table.remove(this.meta[3 * id], id);
    this.entries[2 * id] = undefined;
    this.entries[2 * id + 1] = undefined;
    this.bytes -= this.sizes[id];
    const limit = this.rememberKeys ?? (this.ghosts ? Math.max(DEFAULT_REMEMBER_FACTOR * this.table.size, DEFAULT_REMEMBER_MIN) : 0);
    if (limit <= 0) {
      this.freeIds.push(id);
      return;
    }
    const meta = this.meta;
    const clash = this.ghostIds.set(meta[3 * id], id);
    if (clash >= 0) {
      this.unremember(clash);
      this.release(clash);
    }
    // Append to the FIFO as the newest remembered id.
    meta[3 * id + 1] = this.newest;
    meta[3 * id + 2] = NONE;
    if (this.newest === NONE) this.oldest = id;
    else meta[3 * this.newest + 2] = id;
    this.newest = id;
    while (this.ghostIds.size > limit) this.forgetOldest();
  }

  /** Takes a remembered id out of the FIFO. */
  private unremember(id: number): void {
    const meta = this.meta;
    const o = meta[3 * id + 1];
    const n = meta[3 * id + 2];
    if (o === NONE) this.oldest = n;
    else meta[3 * o + 2] = n;
    if (n === NONE) this.newest = o;
    else meta[3 * n + 1] = o;
  }

  /** Recycles an id: the policy drops its ghost history, the id becomes free. */
  private release(id: number): void {
    this.policy.remove(id);
    this.freeIds.push(id);
  }

  /** Recycles the id remembered longest. */
  private forgetOldest(): void {
    const id = this.oldest;
    this.unremember(id);
    this.ghostIds.delete(this.meta[3 * id]);
    this.release(id);
  }
}
