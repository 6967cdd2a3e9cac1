import { describe, expect, it } from 'vitest';
import { cacheSource, createMonitor } from '../src/index.js';
import type { CacheLevelStatsLike } from '../src/index.js';
import { waitForEvent } from './helpers.js';

/** A small real LRU with the per-level stats shape @perf/cache exposes. */
class TinyLru {
  readonly map = new Map<number, number>();
  hits = 0;
  misses = 0;
  evictions = 0;
  constructor(readonly capacity: number) {}
  get(key: number): number {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.hits += 1;
      this.map.delete(key);
      this.map.set(key, v);
      return v;
    }
    this.misses += 1;
    this.map.set(key, key * 2);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as number;
      this.map.delete(oldest);
      this.evictions += 1;
    }
    return key * 2;
  }
  stats(): { levels: CacheLevelStatsLike[] } {
    return { levels: [{ name: 'memory', type: 'memory', hits: this.hits, misses: this.misses, evictions: this.evictions,
      bytes: this.map.size * 16, entries: this.map.size }] };
  }
}

describe('cacheSource', () => {
  it('reports per-level window deltas and hit rate from lifetime counters (exact counts)', () => {
    const levels: CacheLevelStatsLike[] = [
      { name: 'memory', type: 'memory', hits: 10, misses: 10, evictions: 1, bytes: 100, entries: 5 },
      { name: 'disk', type: 'disk', hits: 0, misses: 0, evictions: 0, bytes: 0, entries: 0 },
    ];
    const source = cacheSource('c', { stats: () => ({ levels }) });
    expect(source.kind).toBe('cache');
    Object.assign(levels[0] ?? {}, { hits: 40, misses: 20, evictions: 4, bytes: 300, entries: 9 });
    expect(source.collect(1000)).toEqual({
      'memory.hits': 30, 'memory.misses': 10, 'memory.lookups': 40, 'memory.evictions': 3, 'memory.bytes': 300,
      'memory.entries': 9, 'memory.hitRate': 0.75,
      'disk.hits': 0, 'disk.misses': 0, 'disk.lookups': 0, 'disk.evictions': 0, 'disk.bytes': 0, 'disk.entries': 0,
    });
    // Counters reset (e.g. a new cache instance): the new value is the increase.
    Object.assign(levels[0] ?? {}, { hits: 1, misses: 3, evictions: 0 });
    expect(source.collect(1000)).toMatchObject({ 'memory.hits': 1, 'memory.misses': 3, 'memory.hitRate': 0.25 });
  });

  it('a cache with a poor hit rate raises the hit-rate alert, and it resolves when the hit rate recovers', async () => {
    const lru = new TinyLru(16);
    let keySpace = 10_000; // far larger than the cache: almost every lookup misses
    const load = setInterval(() => {
      for (let i = 0; i < 200; i += 1) lru.get(Math.floor(Math.random() * keySpace));
    }, 5);
    const monitor = createMonitor({ intervalMs: 100, sources: [cacheSource('lru', lru)],
      thresholds: { eventLoopDelayP99Ms: false } }).start();
    try {
      const alert = await waitForEvent(monitor, 'alert', (a) => a.rule === 'cacheHitRate');
      expect(alert.id).toBe('cacheHitRate:lru/memory');
      expect(alert.metric).toBe('sources.lru.memory.hitRate');
      expect(alert.value).toBeLessThan(0.7);
      expect(alert.threshold).toBe(0.7);
      keySpace = 8; // fits in the cache: almost every lookup hits
      const resolved = await waitForEvent(monitor, 'resolved', (a) => a.rule === 'cacheHitRate');
      expect(resolved.value).toBeGreaterThanOrEqual(0.77);
      const last = monitor.snapshot();
      expect(last?.sources.lru?.['memory.lookups']).toBeGreaterThan(0);
    } finally {
      clearInterval(load);
      monitor.stop();
    }
  });
});
