// Adapter: any cache whose `stats()` returns per-level counters (the shape @perf/cache exposes).
import { counterDelta, hitRate } from './stats.js';
import type { MonitorSource } from './types.js';

/** Lifetime counters of one cache level, as `@perf/cache`'s `cache.stats().levels[i]`. */
export interface CacheLevelStatsLike {
  name: string;
  type: string;
  hits: number;
  misses: number;
  evictions: number;
  bytes: number;
  entries: number;
}

/** Anything with `stats(): { levels }`, such as a `@perf/cache` Cache. */
export interface CacheStatsProvider {
  stats(): { levels: readonly CacheLevelStatsLike[] };
}

interface Counters {
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * Windowed per-level cache metrics from lifetime counters: for each level `L`, the keys
 * `L.hits`, `L.misses`, `L.lookups`, `L.evictions` (increases in the window), `L.bytes`,
 * `L.entries` (current) and `L.hitRate` (window hits / window lookups; absent without lookups).
 * The first window counts from when the source was created.
 */
export function cacheSource(name: string, cache: CacheStatsProvider): MonitorSource {
  const previous = new Map<string, Counters>();
  for (const level of cache.stats().levels) {
    previous.set(level.name, { hits: level.hits, misses: level.misses, evictions: level.evictions });
  }
  return {
    name,
    kind: 'cache',
    collect() {
      const out: Record<string, number> = {};
      for (const level of cache.stats().levels) {
        const prev = previous.get(level.name);
        const hits = counterDelta(prev?.hits, level.hits);
        const misses = counterDelta(prev?.misses, level.misses);
        const evictions = counterDelta(prev?.evictions, level.evictions);
        previous.set(level.name, { hits: level.hits, misses: level.misses, evictions: level.evictions });
        const key = level.name;
        out[`${key}.hits`] = hits;
        out[`${key}.misses`] = misses;
        out[`${key}.lookups`] = hits + misses;
        out[`${key}.evictions`] = evictions;
        out[`${key}.bytes`] = level.bytes;
        out[`${key}.entries`] = level.entries;
        const rate = hitRate(hits, misses);
        if (rate !== undefined) out[`${key}.hitRate`] = rate;
      }
      return out;
    },
  };
}

/** A source from a name and a function; `kind` picks the default alert rules (see Thresholds). */
export function defineSource(
  name: string,
  collect: (windowMs: number) => Record<string, number>,
  kind: MonitorSource['kind'] = 'custom',
): MonitorSource {
  return { name, kind, collect };
}
