import { LRUCache } from 'lru-cache';

/** The two methods the cache benchmarks drive. */
export interface CacheAdapter {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Builds an empty cache holding at most `capacity` entries. */
export type CacheFactory = (capacity: number) => CacheAdapter | Promise<CacheAdapter>;

/**
 * A cache implementation to benchmark: a factory (runs only with `isolation: 'inline'`), or a module
 * whose named export (default `createCacheAdapter`) is a factory, importable in a fresh process.
 */
export type CacheSource = CacheFactory | { readonly module: string; readonly export?: string };

export const DEFAULT_CACHE_EXPORT = 'createCacheAdapter';

/** lru-cache with `max: capacity`. */
export const lruCacheAdapter: CacheFactory = (capacity) => {
  const cache = new LRUCache<string, NonNullable<unknown>>({ max: capacity });
  return { get: (k) => cache.get(k), set: (k, v) => { cache.set(k, v ?? false); } };
};

/** A plain Map that deletes its oldest insertion when full (FIFO, the "just a Map" reference). */
export const mapAdapter: CacheFactory = (capacity) => {
  const map = new Map<string, unknown>();
  return {
    get: (k) => map.get(k),
    set: (k, v) => {
      if (!map.has(k) && map.size >= capacity) map.delete(map.keys().next().value!);
      map.set(k, v);
    },
  };
};

/** Built-in implementations, addressable by these names from a child process. */
export const BUILTIN_CACHES: Readonly<Record<string, CacheFactory>> = { 'lru-cache': lruCacheAdapter, Map: mapAdapter };
