import type { ResolvedProfile } from '@perf/profiles';
import type { CacheConfig, OptimalConfig, ParallelConfig, TargetMetric } from './types.js';

/**
 * Inputs the speedup model uses when nothing was measured. They are stated in every estimate
 * (SpeedupEstimate.inputs) and replaced by measured figures when the tuner runs benchmarks.
 */
export const ASSUMED_COSTS = {
  /** One item's work, ms (the seed's default task duration). */
  computeMs: 10,
  /** A memory-level hit, ms. */
  hitMs: 0.01,
  /** Key hash + lookup + store on a miss, ms. */
  missOverheadMs: 0.02,
  /** Items per run. */
  items: 1000,
} as const;

export function cacheFromProfile(profile: ResolvedProfile): CacheConfig {
  const levels: CacheConfig['levels'][number][] = [{ name: 'l1', type: 'memory', maxBytes: profile.cache.l1Bytes, policy: profile.cache.policy }];
  if (profile.cache.l2Bytes !== null) levels.push({ name: 'l2', type: 'disk', maxBytes: profile.cache.l2Bytes });
  if (profile.cache.l3Bytes !== null) levels.push({ name: 'l3', type: 'disk', maxBytes: profile.cache.l3Bytes });
  return {
    levels, policy: profile.cache.policy, ttlMs: profile.cache.ttlMs, targetHitRate: profile.cache.targetHitRate / 100,
    expectedHitRatio: null, source: 'profile',
  };
}

export function parallelFromProfile(profile: ResolvedProfile): ParallelConfig {
  const w = profile.workers;
  return {
    mode: w.mode, maxWorkers: w.max, minWorkers: w.min, batchSize: w.batchSize, queueSize: w.queueSize,
    uvThreadpoolSize: w.threads, source: 'profile', reason: `profile ${profile.name ?? ''}`.trim(),
  };
}

/** Latency: smaller batches and queues, more of the byte budget in L1. Memory: fewer workers (caches already at the knee). */
export function applyTarget(target: TargetMetric, config: OptimalConfig): OptimalConfig {
  if (target === 'throughput') return config;
  if (target === 'latency') {
    const total = config.cache.levels.reduce((sum, l) => sum + l.maxBytes, 0);
    return {
      ...config,
      cache: { ...config.cache, levels: config.cache.levels.map((l) => (l.name === 'l1' ? { ...l, maxBytes: Math.max(l.maxBytes, Math.round(total * 0.25)) } : l)) },
      parallel: { ...config.parallel, batchSize: 1, queueSize: Math.max(1, config.parallel.maxWorkers), reason: `${config.parallel.reason}; latency target: batch 1, queue = workers` },
    };
  }
  const workers = Math.max(1, Math.ceil(config.parallel.maxWorkers / 2));
  return {
    ...config,
    cache: { ...config.cache, levels: config.cache.levels.map((l) => ({ ...l, maxBytes: Math.round(l.maxBytes / 2) })) },
    parallel: { ...config.parallel, maxWorkers: workers, minWorkers: Math.min(config.parallel.minWorkers, workers), reason: `${config.parallel.reason}; memory target: half the workers, half the cache bytes` },
  };
}
