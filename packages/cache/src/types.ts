// Shapes shared by the levels and the front.
export type { CacheMetrics } from '@perf/cache-tuner';

/** Counters of one level, the shape @perf/monitor reads. */
export interface LevelStats {
  name: string;
  type: 'memory' | 'disk' | 'redis';
  hits: number;
  misses: number;
  evictions: number;
  /** Bytes held (disk: as last scanned plus this process's changes; redis: written by this process and not deleted). */
  bytes: number;
  /** Entries held (same caveats as bytes). */
  entries: number;
}

/** What `cache.stats()` returns. */
export interface CacheStats {
  levels: LevelStats[];
}

/** Anything with a `record(key, meta)` method, such as @perf/workload's TraceRecorder. */
export interface AccessRecorder {
  record(key: string, meta?: { size?: number; op?: string; time?: number }): void;
}

/** Codes of warning events: a level degraded, the caller's call still succeeded. */
export type CacheWarningCode =
  | 'CACHE_DISK_DISABLED'
  | 'CACHE_DISK_CORRUPT_ENTRY'
  | 'CACHE_DISK_IO'
  | 'CACHE_REDIS_UNAVAILABLE'
  | 'CACHE_REDIS_RECOVERED';

/** Payload of the `warning` event. */
export interface CacheWarning {
  code: CacheWarningCode;
  level: string;
  message: string;
  cause?: unknown;
}

