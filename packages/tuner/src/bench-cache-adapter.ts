// A @perf/cache memory level as the benchmark suite's cache adapter (loaded in its child processes).
import { MemoryLevel } from '@perf/cache';

export function createCacheAdapter(capacity: number): { get(key: string): unknown; set(key: string, value: unknown): void } {
  const level = new MemoryLevel({ type: 'memory', maxEntries: capacity });
  return { get: (key) => level.get(key), set: (key, value) => { level.set(key, value); } };
}
