import { describe, expect, it } from 'vitest';
import { estimateSpeedup, poolBreakEven, uslSpeedup } from '../src/estimate.js';

describe('estimateSpeedup (cache-and-pool-v1)', () => {
  it('gives exact figures from its inputs', () => {
    const e = estimateSpeedup({ hitRatio: 0.9, computeMs: 10, hitMs: 0.5, missOverheadMs: 1, parallelSpeedup: 2, fixedMs: 100, items: 100 });
    // baseline 1000 ms; hits 90 * 0.5 = 45; misses 10 * 1 = 10; work min(100 + 10 * 10 / 2, 10 * 10) = 100 (inline)
    expect(e.baselineMs).toBe(1000);
    expect(e.tunedMs).toBeCloseTo(155, 10);
    expect(e.speedup).toBeCloseTo(1000 / 155, 10);
    expect(e.model).toBe('cache-and-pool-v1');
    expect(e.inputs.hitRatio).toBe(0.9);
  });

  it('uses the pool when it pays for its fixed cost', () => {
    const e = estimateSpeedup({ hitRatio: 0, computeMs: 10, hitMs: 0.5, missOverheadMs: 1, parallelSpeedup: 2, fixedMs: 50, items: 100 });
    // work min(50 + 1000 / 2, 1000) = 550; tuned 100 * 1 + 550
    expect(e.tunedMs).toBe(650);
    expect(e.speedup).toBeCloseTo(1000 / 650, 10);
  });

  it('is below 1 when nothing hits and the cache costs more than parallelism gains', () => {
    const e = estimateSpeedup({ hitRatio: 0, computeMs: 10, hitMs: 0.5, missOverheadMs: 1, parallelSpeedup: 1, fixedMs: 50, items: 10 });
    expect(e.tunedMs).toBe(10 + 100);
    expect(e.speedup).toBeCloseTo(100 / 110, 10);
  });

  it('charges an inline run with misses the one-time load of the work, and nothing when all hit', () => {
    const e = estimateSpeedup({ hitRatio: 0.9, computeMs: 10, hitMs: 0.5, missOverheadMs: 1, parallelSpeedup: 2, fixedMs: 100, items: 100, loadMs: 30 });
    expect(e.tunedMs).toBeCloseTo(45 + 10 + 130, 10);
    const all = estimateSpeedup({ hitRatio: 1, computeMs: 10, hitMs: 0.5, missOverheadMs: 1, parallelSpeedup: 2, fixedMs: 100, items: 100, loadMs: 30 });
    expect(all.tunedMs).toBeCloseTo(50, 10);
    // The serial baseline of a fresh run pays the load once too.
    expect(e.baselineMs).toBeCloseTo(30 + 1000, 10);
  });

  it('puts the pool break-even where the model switches from inline to the pool', () => {
    const base = { computeMs: 10, parallelSpeedup: 2, fixedMs: 100, loadMs: 30 };
    // 100 + m * 5 < 30 + m * 10  <=>  m > 14
    expect(poolBreakEven(base)).toBe(15);
    const cost = (m: number, pool: boolean): number => (pool ? 100 + (m * 10) / 2 : 30 + m * 10);
    expect(cost(15, true)).toBeLessThan(cost(15, false));
    expect(cost(14, true)).toBeGreaterThanOrEqual(cost(14, false));
    expect(poolBreakEven({ ...base, parallelSpeedup: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(poolBreakEven({ ...base, parallelSpeedup: 0.8 })).toBe(Number.POSITIVE_INFINITY);
    expect(poolBreakEven({ ...base, fixedMs: 10 })).toBe(0);
  });

  it('clamps the hit ratio to 0..1', () => {
    const e = estimateSpeedup({ hitRatio: 1.5, computeMs: 4, hitMs: 1, missOverheadMs: 0, parallelSpeedup: 1, fixedMs: 0, items: 2 });
    expect(e.tunedMs).toBe(2);
  });
});

describe('uslSpeedup', () => {
  it('is linear without contention or coherency', () => {
    expect(uslSpeedup(8, 0, 0)).toBe(8);
  });
  it('follows X(n) = n / (1 + sigma (n - 1) + kappa n (n - 1))', () => {
    expect(uslSpeedup(4, 0.1, 0.01)).toBeCloseTo(4 / (1 + 0.3 + 0.12), 12);
    expect(uslSpeedup(1, 0.5, 0.5)).toBe(1);
  });
});
