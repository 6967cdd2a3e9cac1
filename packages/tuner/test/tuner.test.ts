import { describe, expect, it } from 'vitest';
import { applyTarget } from '../src/config.js';
import { curveSizes, planCache } from '../src/cache-plan.js';
import type { OptimalConfig } from '../src/types.js';

const base: OptimalConfig = {
  cache: { levels: [{ name: 'l1', type: 'memory', maxBytes: 100 }, { name: 'l2', type: 'disk', maxBytes: 300 }], policy: 'lru', ttlMs: null, targetHitRate: 0.7, expectedHitRatio: null, source: 'profile' },
  parallel: { mode: 'threads', maxWorkers: 4, minWorkers: 1, batchSize: 16, queueSize: 256, uvThreadpoolSize: 4, source: 'model', reason: 'r' },
  resources: { memoryLimitBytes: 1000, cpuLimit: 2 },
};

describe('targets change the result in stated ways', () => {
  it('throughput keeps the configuration', () => {
    expect(applyTarget('throughput', base)).toBe(base);
  });
  it('latency: batch 1, queue = workers, L1 at least a quarter of the cache bytes', () => {
    const c = applyTarget('latency', base);
    expect(c.parallel).toMatchObject({ batchSize: 1, queueSize: 4, maxWorkers: 4 });
    expect(c.cache.levels[0].maxBytes).toBe(100);
    const small = applyTarget('latency', { ...base, cache: { ...base.cache, levels: [{ name: 'l1', type: 'memory', maxBytes: 10 }, { name: 'l2', type: 'disk', maxBytes: 390 }] } });
    expect(small.cache.levels[0].maxBytes).toBe(100);
  });
  it('memory: half the workers (rounded up), half the cache bytes', () => {
    const c = applyTarget('memory', base);
    expect(c.parallel.maxWorkers).toBe(2);
    expect(c.cache.levels.map((l) => l.maxBytes)).toEqual([50, 150]);
  });
});

describe('planCache', () => {
  // A loop over 100 keys, 20 times: every policy misses everything below 100 entries (a cliff).
  const ids = new Uint32Array(2000).map((_, i) => i % 100);
  const loop = { requests: ids.length, uniqueKeys: 100, ids };

  it('picks a size past the cliff of a scan-every-run workload, never just below it', () => {
    const plan = planCache(loop, 'throughput');
    expect(plan.chosenSize).toBe(100);
    expect(plan.hitRatio).toBeCloseTo(0.95, 10);
    const lru = plan.curves.find((c) => c.policy === 'lru')!;
    for (const p of lru.points) if (p.size < 100) expect(p.missRatio).toBe(1);
  });

  it('log-spaces the curve sizes up to the distinct keys', () => {
    expect(curveSizes(100_000, 4)).toEqual([100, 1000, 10_000, 100_000]);
    expect(curveSizes(5, 3)).toEqual([1, 2, 5]);
  });
});
