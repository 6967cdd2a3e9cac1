// The front: levels in order (typically memory, disk, redis). A get looks through them in
// order and copies a hit into the levels above; a set writes through to all. Values are
// encoded once for the byte levels. Faults of a level become 'warning' events.
import { EventEmitter } from 'node:events';
import { hitRateOf } from '@perf/cache-tuner';
import { assertKey, assertValue, decodeValue, encodeValue } from './codec.js';
import { DiskLevel } from './disk.js';
import type { DiskLevelOptions } from './disk.js';
import { CacheError } from './errors.js';
import { MemoryLevel } from './memory.js';
import type { MemoryLevelOptions } from './memory.js';
import { RedisLevel } from './redis.js';
import type { RedisLevelOptions } from './redis.js';
import type { AccessRecorder, CacheMetrics, CacheStats, CacheWarning } from './types.js';

/** One level's options; the `type` picks the level. */
export type LevelOptions = MemoryLevelOptions | DiskLevelOptions | RedisLevelOptions;

/** Options of {@link createCache}. */
export interface CacheOptions {
  /** Levels, fastest first. @default [{ type: 'memory' }] */
  levels?: LevelOptions[];
  /** Receives the key of every get, e.g. @perf/workload's TraceRecorder, so a real run yields a trace to tune from. @default none */
  recorder?: AccessRecorder;
}

type ByteLevel = DiskLevel | RedisLevel;
type Level = MemoryLevel | ByteLevel;

/** Events of a {@link Cache}. */
export interface CacheEvents {
  warning: [CacheWarning];
}

/** A multi-level cache. Create with {@link createCache}. */
export class Cache extends EventEmitter<CacheEvents> {
  /** The levels, in lookup order. */
  readonly levels: readonly Level[];
  private readonly recorder: AccessRecorder | undefined;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly hasByteLevels: boolean;
  private misses = 0;
  private closed = false;

  constructor(options: CacheOptions = {}) {
    super();
    const specs = options.levels ?? [{ type: 'memory' }];
    if (!Array.isArray(specs) || specs.length === 0) {
      throw new CacheError('CACHE_INVALID_OPTION', 'createCache: levels must be a non-empty array, e.g. [{ type: "memory" }]');
    }
    this.levels = specs.map((spec, i) => this.makeLevel(spec, i));
    this.hasByteLevels = this.levels.some((level) => level.type !== 'memory');
    this.recorder = options.recorder;
  }

  /** The value of `key`, or undefined when no level has it. */
  async get(key: string): Promise<unknown> {
    this.check('get', key);
    for (let i = 0; i < this.levels.length; i++) {
      const level = this.levels[i];
      if (level.type === 'memory') {
        const value = level.get(key);
        if (value !== undefined) {
          this.recorder?.record(key);
          if (i > 0) await this.promote(key, value, undefined, i);
          return value;
        }
        continue;
      }
      const bytes = await level.get(key);
      if (bytes === undefined) continue;
      let value: unknown;
      try {
        value = await decodeValue(bytes);
      } catch (error) {
        this.warn(level.name, { code: 'CACHE_DISK_CORRUPT_ENTRY', message: `level "${level.name}": the value of ${JSON.stringify(key)} could not be decoded (${String(error)}); served as a miss`, cause: error });
        continue;
      }
      this.recorder?.record(key);
      await this.promote(key, value, bytes, i);
      return value;
    }
    this.misses++;
    this.recorder?.record(key);
    return undefined;
  }

  /** Stores `value` in every level. Throws only for a bad key or value (CacheError). */
  async set(key: string, value: unknown): Promise<void> {
    this.check('set', key);
    assertValue(key, value, 'set');
    const encoded = this.hasByteLevels ? encodeValue(key, value) : undefined;
    const writes: Promise<void>[] = [];
    for (const level of this.levels) {
      if (level.type === 'memory') level.set(key, value);
      else writes.push(level.set(key, encoded!));
    }
    await Promise.all(writes);
  }

  /** True when some level holds `key` (not counted as an access). */
  async has(key: string): Promise<boolean> {
    this.check('has', key);
    for (const level of this.levels) {
      if (level.type === 'memory' ? level.has(key) : await level.has(key)) return true;
    }
    return false;
  }

  /** Removes `key` from every level. */
  async delete(key: string): Promise<void> {
    this.check('delete', key);
    await Promise.all(this.levels.map(async (level) => {
      await level.delete(key);
    }));
  }

  /** Removes every entry from every level. */
  async clear(): Promise<void> {
    this.check('clear');
    await Promise.all(this.levels.map(async (level) => {
      await level.clear();
    }));
  }

  /** The cached value, or `compute(key)` stored and returned; concurrent calls for one key compute once. A failed compute is not cached. */
  getOrCompute<T>(key: string, compute: (key: string) => T | Promise<T>): Promise<T> {
    this.check('getOrCompute', key);
    const running = this.inflight.get(key);
    if (running !== undefined) return running as Promise<T>;
    const work = (async () => {
      const cached = await this.get(key);
      if (cached !== undefined) return cached as T;
      const value = await compute(key);
      await this.set(key, value);
      return value;
    })();
    this.inflight.set(key, work);
    const done = (): void => {
      this.inflight.delete(key);
    };
    work.then(done, done);
    return work;
  }

  /** Starts a new run on disk levels (generation eviction counts runs). */
  async beginRun(runId?: string): Promise<void> {
    for (const level of this.levels) if (level.type === 'disk') await level.beginRun(runId);
  }

  /** Per-level counters, in level order. */
  stats(): CacheStats {
    return { levels: this.levels.map((level) => level.stats()) };
  }

  /** Hits per level and misses of the whole cache, as @perf/cache-tuner's CacheMetrics (l1..l3 = first three levels, l3 includes any further ones; hitRate in 0..1). */
  metrics(): Required<CacheMetrics> {
    const hits = this.levels.map((level) => level.stats().hits);
    const metrics = {
      l1Hits: hits[0] ?? 0,
      l2Hits: hits[1] ?? 0,
      l3Hits: hits.slice(2).reduce((a, b) => a + b, 0),
      misses: this.misses,
    };
    return { ...metrics, hitRate: hitRateOf(metrics) };
  }

  /** Waits for disk levels to finish opening. */
  async ready(): Promise<void> {
    for (const level of this.levels) if (level.type === 'disk') await level.whenReady();
  }

  /** Closes connections and waits for pending disk work. Later calls throw CACHE_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inflight.values()]);
    for (const level of this.levels) if (level.type !== 'memory') await level.close();
  }

  private async promote(key: string, value: unknown, bytes: Buffer | undefined, found: number): Promise<void> {
    let encoded = bytes;
    const writes: Promise<void>[] = [];
    for (let j = 0; j < found; j++) {
      const level = this.levels[j];
      if (level.type === 'memory') {
        level.set(key, value);
      } else {
        encoded ??= encodeValue(key, value);
        writes.push(level.set(key, encoded));
      }
    }
    await Promise.all(writes);
  }

  private makeLevel(spec: LevelOptions, i: number): Level {
    const warn = (warning: Omit<CacheWarning, 'level'>): void => this.warn(spec.name ?? spec.type, warning);
    switch (spec.type) {
      case 'memory':
        return new MemoryLevel(spec);
      case 'disk':
        return new DiskLevel(spec, warn);
      case 'redis':
        return new RedisLevel(spec, warn);
      default:
        throw new CacheError('CACHE_INVALID_OPTION', `createCache: levels[${i}].type must be 'memory', 'disk' or 'redis', got ${JSON.stringify((spec as { type?: unknown }).type)}`);
    }
  }

  private warn(level: string, warning: Omit<CacheWarning, 'level'>): void {
    this.emit('warning', { ...warning, level });
  }

  private check(op: string, key?: unknown): void {
    if (this.closed) throw new CacheError('CACHE_CLOSED', `${op}: this cache was closed; create a new one with createCache()`);
    if (op !== 'clear') assertKey(key, op);
  }
}

/** Creates a multi-level cache. */
export function createCache(options: CacheOptions = {}): Cache {
  return new Cache(options);
}
