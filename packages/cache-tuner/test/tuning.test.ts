import { describe, expect, it } from 'vitest';
import { CacheTuner, CacheTunerError, hitRateOf, simulate, toLruCacheOptions, ttlFromReuse, tuneFromTrace, tuneLevels } from '../src/index.js';
import { fromIds, trace } from './shared.js';

/** An executor that reads all of `files` every run, plus a few hot files each run. */
function scanEveryRun(files: number, runs: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (let f = 0; f < files; f++) out.push(f);
    for (let k = 0; k < 50; k++) out.push(files + (k % 5));
  }
  return out;
}

describe('CacheTuner (no trace: model-based)', () => {
  const tuner = new CacheTuner();
  const metrics = { l1Hits: 500, l2Hits: 300, l3Hits: 0, misses: 200 };
  it('computes the hit rate of the metrics', () => expect(hitRateOf(metrics)).toBe(0.8));
  it('tune names its model and grows toward the target within the memory', () => {
    const r = tuner.tune(metrics, 0.9, 1, { l1SizeMb: 10, l2SizeMb: 30, l3SizeMb: 60, evictionPolicy: 'lru' });
    expect(r.basis).toMatchObject({ kind: 'model' });
    // m0 = 0.2, mt = 0.1, beta = 0.5: size x (0.2 / 0.1)^2 = 400 MB.
    expect(r.config.l1SizeMb + r.config.l2SizeMb + r.config.l3SizeMb).toBeCloseTo(400, 6);
    expect(r.expectedHitRate).toBeCloseTo(0.9, 9);
    expect(tuner.tune(metrics, 0.99, 0.1).limitedByMemory).toBe(true);
  });
  it('estimateHitRate uses the uniform-access model', () => {
    const r = tuner.estimateHitRate({ l1SizeMb: 10, l2SizeMb: 10, l3SizeMb: 30, evictionPolicy: 'lru' }, 200);
    expect(r.hitRate).toBe(0.25);
    expect(r.basis.kind).toBe('model');
  });
  it('recommendAdjustments grows a cache that mostly misses', () => {
    const adj = tuner.recommendAdjustments({ l1SizeMb: 1, l2SizeMb: 1, l3SizeMb: 1, evictionPolicy: 'lru' }, { l1Hits: 10, l2Hits: 10, l3Hits: 0, misses: 80 });
    expect(adj.map((a) => a.action)).toContain('grow');
  });
  it('rejects a percentage where a share is expected', () => {
    expect(() => tuner.tune(metrics, 75, 1)).toThrow(CacheTunerError);
  });
});

describe('tuneFromTrace', () => {
  it('recommends a size past the cliff of a scan-every-run workload, never just below it', () => {
    const t = fromIds(scanEveryRun(1000, 30));
    const r = tuneFromTrace(t, { memoryBudgetBytes: 4096 * 2000, hitCostMs: 0.01, missCostMs: 5 });
    expect(r.cliffs.length).toBeGreaterThan(0);
    expect(r.size).toBeGreaterThanOrEqual(1005);
    expect(r.expectedHitRate).toBeGreaterThan(0.9);
    expect(r.basis.kind).toBe('trace');
  });
  it('stays well below a cliff beyond the budget (only the hot entries), never just below it', () => {
    const t = fromIds(scanEveryRun(1000, 30));
    const r = tuneFromTrace(t, { memoryBudgetBytes: 4096 * 900, hitCostMs: 0.01, missCostMs: 5 });
    expect(r.cliffs[0]).toBeGreaterThan(900);
    expect(r.size).toBeLessThanOrEqual(10);
    const scanOnly = tuneFromTrace(fromIds(scanEveryRun(1000, 30).filter((k) => k < 1000)), { memoryBudgetBytes: 4096 * 900, hitCostMs: 0.01, missCostMs: 5 });
    expect(scanOnly.size).toBe(0);
    expect(scanOnly.notes.join(' ')).toContain('cliff');
    expect(() => toLruCacheOptions(scanOnly)).toThrow(CacheTunerError);
  });
  it('gives a policy, an interval around the expected hit rate, a knee and marginal gains on a real trace', async () => {
    const t = await trace('lirs/sprite.trace.gz', 'lirs');
    const r = tuneFromTrace(t, { memoryBudgetBytes: 4096 * 3000, hitCostMs: 0.05, missCostMs: 2, targetHitRate: 0.9 });
    expect(r.size).toBeGreaterThan(0);
    expect(r.hitRateInterval[0]).toBeLessThanOrEqual(r.expectedHitRate);
    expect(r.hitRateInterval[1]).toBeGreaterThanOrEqual(r.expectedHitRate);
    expect(r.expectedHitRate).toBeCloseTo(1 - simulate(t, { policies: [r.policy], sizes: [r.size] })[0].missRatio, 12);
    expect(r.knee).toBeGreaterThan(1);
    expect(r.marginalGains.length).toBeGreaterThan(3);
    expect(toLruCacheOptions(r, { ttlMs: 60_000 })).toEqual({ max: r.size, ttl: 60_000 });
    expect(toLruCacheOptions(r, { bySize: true })).toEqual({ maxSize: r.sizeBytes });
  });
});

describe('tuneLevels', () => {
  it('gives L1 the hottest entries and the rest to L2 within budgets', async () => {
    const t = await trace('lirs/sprite.trace.gz', 'lirs');
    const r = tuneLevels(t, {
      levels: [
        { name: 'L1', latencyMs: 0.001, budgetBytes: 4096 * 200 },
        { name: 'L2', latencyMs: 0.5, budgetBytes: 4096 * 5000 },
      ],
      missCostMs: 10,
    });
    expect(r.levels[0].size).toBe(200);
    expect(r.levels[1].size).toBeGreaterThan(0);
    expect(r.levels[1].size).toBeLessThanOrEqual(5000);
    const served = r.levels[0].hitShare + r.levels[1].hitShare + r.missRatio;
    expect(served).toBeCloseTo(1, 9);
  });
});

describe('ttlFromReuse', () => {
  it('is the quantile of re-reference gaps that keeps the chosen share', () => {
    // gaps: 1 (a a), 2 (b x b), 4 (a .. a)
    const t = fromIds([1, 1, 2, 3, 2, 1]);
    expect(ttlFromReuse(t, { keepShare: 1 })).toEqual({ ttl: 4, unit: 'requests', reuses: 3 });
    expect(ttlFromReuse(t, { keepShare: 0.5 }).ttl).toBe(2);
  });
});
