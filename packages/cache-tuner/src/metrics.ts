/** Hit counts of a cache hierarchy, as @perf/cache reports them (the seed's `CacheMetrics`). */
export interface CacheMetrics {
  readonly l1Hits: number;
  readonly l2Hits: number;
  readonly l3Hits: number;
  readonly misses: number;
  /** Hits / requests in 0..1 (0 when there were no requests). Computed by `hitRateOf` when absent. */
  readonly hitRate?: number;
}

/** Hits of all levels over all requests, in 0..1 (0 for no requests). */
export function hitRateOf(m: Pick<CacheMetrics, 'l1Hits' | 'l2Hits' | 'l3Hits' | 'misses'>): number {
  const hits = m.l1Hits + m.l2Hits + m.l3Hits;
  const total = hits + m.misses;
  return total === 0 ? 0 : hits / total;
}
