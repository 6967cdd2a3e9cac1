import { describe, expect, it } from 'vitest';
import { effectiveCap, nextRefinement, recommendFromPoints, recommendFromWellMeasured, recommendOnPlateau, searchWorkerCounts, uslThroughput, type UslCoefficients } from '../src/index.js';

function curve(c: UslCoefficients): { calls: number[]; measure: (n: number) => Promise<number> } {
  const calls: number[] = [];
  return { calls, measure: (n) => { calls.push(n); return Promise.resolve(uslThroughput(n, c).value); } };
}

describe('searchWorkerCounts', () => {
  it('doubles, measures a steep drop again, then refines around a USL peak (N* = 6.9) with 9 measurements instead of 32', async () => {
    const c = { sigma: 0.05, kappa: 0.02, lambda: 100 };
    const { calls, measure } = curve(c);
    const r = await searchWorkerCounts(measure, { maxWorkers: 32 });
    // X(16) = 244 is 25% below X(8) = 324: more than SEARCH_DIP (10%), so 16 is measured twice before doubling ends.
    expect(calls).toEqual([1, 2, 4, 8, 16, 16, 12, 10, 6]);
    expect(r.finished).toBe(true);
    const pick = recommendFromPoints(r.measured, 0.03);
    expect(pick).toBe(6);
    const best = Math.max(...Array.from({ length: 32 }, (_, i) => uslThroughput(i + 1, c).value));
    expect(uslThroughput(pick, c).value / best).toBeGreaterThan(0.99);
  });

  it('goes to maxWorkers for a linear curve and refines below it', async () => {
    const { calls, measure } = curve({ sigma: 0, kappa: 0, lambda: 10 });
    await searchWorkerCounts(measure, { maxWorkers: 32 });
    expect(calls).toEqual([1, 2, 4, 8, 16, 32, 24, 28]);
  });

  it('stops doubling at the first step that gains 5% or less, once measured again', async () => {
    const { calls, measure } = curve({ sigma: 0.9, kappa: 0, lambda: 10 });
    await searchWorkerCounts(measure, { maxWorkers: 32 });
    expect(calls.slice(0, 4)).toEqual([1, 2, 4, 4]);
    expect(calls).not.toContain(8);
  });

  it('stops when a measurement returns null', async () => {
    const calls: number[] = [];
    const r = await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(n === 4 ? null : n); }, { maxWorkers: 32 });
    expect(calls).toEqual([1, 2, 4]);
    expect(r.finished).toBe(false);
    expect([...r.measured.keys()]).toEqual([1, 2]);
  });
});

describe('nextRefinement', () => {
  it('probes the middle of the larger gap around the best, and stops when the gap is fine', () => {
    expect(nextRefinement(new Map([[1, 1], [2, 3], [4, 2]]), 32)).toBe(3);
    expect(nextRefinement(new Map([[1, 1], [2, 3], [3, 2]]), 32)).toBeNull();
  });
});

describe('recommendFromPoints', () => {
  it('takes the smallest count within the tolerance of the best, under the cap', () => {
    const m = new Map([[1, 100], [2, 190], [4, 200], [8, 201]]);
    expect(recommendFromPoints(m, 0.03)).toBe(4);
    expect(recommendFromPoints(m, 0.1)).toBe(2);
    expect(recommendFromPoints(m, 0.03, 2)).toBe(2);
  });
});

describe('recommendFromWellMeasured', () => {
  it('chooses among the counts measured with enough windows, when any under the cap are', () => {
    // 12 read high in two windows; 4, 5 and 8 were measured six times.
    const m = new Map([[4, 266], [5, 312], [8, 290], [12, 388], [16, 291]]);
    const windows = new Map([[4, 6], [5, 6], [8, 6], [12, 2], [16, 2]]);
    expect(recommendFromPoints(m, 0.03)).toBe(12);
    expect(recommendFromWellMeasured(m, windows, 0.03, Infinity, 4)).toBe(5);
    expect(recommendFromWellMeasured(m, windows, 0.1, Infinity, 4)).toBe(5);
    expect(recommendFromWellMeasured(m, windows, 0.2, Infinity, 4)).toBe(4);
    expect(recommendFromWellMeasured(m, windows, 0.03, 4, 4)).toBe(4);
    // None measured that often, or only one: all counts.
    expect(recommendFromWellMeasured(m, windows, 0.03, Infinity, 7)).toBe(12);
    expect(recommendFromWellMeasured(m, new Map([[16, 6]]), 0.03, Infinity, 4)).toBe(12);
  });
});

describe('searchWorkerCounts minimum', () => {
  it('measures at least three counts even when doubling gains nothing, so the USL can be fitted', async () => {
    const calls: number[] = [];
    await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(10); }, { maxWorkers: 32 });
    // Each flat step is measured twice (it would end the doubling).
    expect(calls).toEqual([1, 2, 2, 4, 4]);
  });
});

describe('searchWorkerCounts with a model cap', () => {
  it('doubles through a noisy dip below the cap, and past the cap while it gains more than 5%', async () => {
    const calls: number[] = [];
    const noisy = new Map([[8, 50]]);
    const measure = (n: number): Promise<number> => { calls.push(n); return Promise.resolve(noisy.get(n) ?? 10 * n); };
    const r = await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 28 });
    expect(calls).toEqual([1, 2, 4, 8, 16, 28, 32]);
    // 32 measured 14% above everything at or under the cap: the measurement lifts the cap.
    expect(effectiveCap(r.measured, 28)).toBe(Infinity);
    expect(recommendFromPoints(r.measured, 0.03, effectiveCap(r.measured, 28))).toBe(32);
  });

  it('stops at the first step above the cap that gains 5% or less, and refines under the cap', async () => {
    const calls: number[] = [];
    const r = await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(Math.min(10 * n, 285)); }, { maxWorkers: 32, cap: () => 28 });
    // 32 gains under 5% over 28: measured again before it ends the doubling.
    expect(calls).toEqual([1, 2, 4, 8, 16, 28, 32, 32, 22, 25]);
    expect(effectiveCap(r.measured, 28)).toBe(28);
    expect(recommendFromPoints(r.measured, 0.03, 28)).toBe(28);
  });

  it('ends doubling under the cap after three steps in a row that gain nothing', async () => {
    const calls: number[] = [];
    await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(n >= 4 ? 40 : 10 * n); }, { maxWorkers: 64, cap: () => 60 });
    // Each flat step is measured twice before it counts as one of the three.
    expect(calls.slice(0, 9)).toEqual([1, 2, 4, 8, 8, 16, 16, 32, 32]);
    expect(calls).not.toContain(60);
  });

  it('goes past a low cap while throughput keeps rising by more than 5%', async () => {
    const { calls, measure } = curve({ sigma: 0, kappa: 0, lambda: 10 });
    await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 2 });
    expect(calls).toEqual([1, 2, 4, 8, 16, 32, 24, 28]);
  });

  it('keeps a hard cap (a task that does not wait): past it only to reach three counts, refinement under it', async () => {
    const { calls, measure } = curve({ sigma: 0, kappa: 0, lambda: 10 });
    await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 2, liftable: () => false });
    expect(calls).toEqual([1, 2, 4]);
  });

  it('measures past a low cap only to reach three counts when nothing gains', async () => {
    const { calls, measure } = curve({ sigma: 0.9, kappa: 0, lambda: 10 });
    const r = await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 2 });
    // X(4) gains under 5% over X(2): measured again (the cap is liftable), then doubling ends.
    expect(calls).toEqual([1, 2, 4, 4]);
    expect(effectiveCap(r.measured, 2)).toBe(2);
  });

  it('measures a single low outlier again: its median no longer ends the doubling', async () => {
    const calls: number[] = [];
    const seen = new Map<number, number[]>();
    // The first window at 16 reads 40 (a stall), the second 160; the search keeps the median of 40, 160.
    const measure = (n: number): Promise<number> => {
      calls.push(n);
      const xs = seen.get(n) ?? [];
      xs.push(n === 16 && xs.length === 0 ? 40 : 10 * n);
      seen.set(n, xs);
      return Promise.resolve(xs.reduce((a, b) => a + b, 0) / xs.length);
    };
    await searchWorkerCounts(measure, { maxWorkers: 32 });
    expect(calls.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 16, 32]);
  });
});

describe('searchWorkerCounts from a start count', () => {
  it('starts at the given count and grows past the cap by the given factor', async () => {
    const { calls, measure } = curve({ sigma: 0, kappa: 0, lambda: 10 });
    await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 12, start: 12 });
    expect(calls.slice(0, 3)).toEqual([12, 24, 32]);
  });

  it('halves down from the start while the smallest measured count is the best', async () => {
    const calls: number[] = [];
    const measure = (n: number): Promise<number> => { calls.push(n); return Promise.resolve(n <= 3 ? 100 : 100 - n); };
    const r = await searchWorkerCounts(measure, { maxWorkers: 32, cap: () => 12, start: 12 });
    // 24 drops by more than 10%: measured again; 32 too (three counts for the fit); then halving.
    expect(calls.slice(0, 2)).toEqual([12, 24]);
    expect(calls.indexOf(6)).toBeGreaterThan(calls.indexOf(32));
    expect(calls).toContain(3);
    expect(recommendFromPoints(r.measured, 0.03, 12)).toBeLessThanOrEqual(3);
  });

  it('started at the top and halved once, refines above a liftable cap until three counts are measured', async () => {
    // The waiting reference task at 18:25 UTC: top 32, model count (cap) 19; 32 read within 5% of 16.
    const rates = new Map([[32, 1000], [16, 990], [24, 1010]]);
    const calls: number[] = [];
    await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(rates.get(n) ?? 900); }, { maxWorkers: 32, cap: () => 19, start: 32, refineSteps: 2 });
    // 24 is above the cap: measured for the third count only; with three counts, refinement stays under the cap (19) again.
    expect(calls).toEqual([32, 16, 24]);
  });
});

describe('recommendOnPlateau', () => {
  // The waiting reference task at 12:48 UTC: 22 workers led on their windows; larger counts within noise.
  const measured = new Map([[16, 1010], [22, 1389], [27, 1290], [32, 1262], [24, 1200]]);
  const windows = new Map([[16, 2], [22, 6], [27, 5], [32, 4], [24, 2]]);

  it('raises the smallest-within-tolerance count to the largest well-measured count within the band of the best', () => {
    expect(recommendFromWellMeasured(measured, windows, 0.03, Infinity, 4)).toBe(22);
    // Band 10%: 27 (1290 >= 1250.1) and 32 (1262) are on the plateau; 24 has 2 windows only.
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, Infinity, 4)).toBe(32);
    // Up to a ceiling (2 x the model's count): 27.
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, Infinity, 4, 30)).toBe(27);
    // A narrower band: 27 only (1290 >= 1278.9 > 1262).
    expect(recommendOnPlateau(measured, windows, 0.03, 0.08, Infinity, 4)).toBe(27);
  });

  it('never goes below the count recommendFromWellMeasured gives; goes above the cap up to the ceiling', () => {
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, Infinity, 4, 16)).toBe(22);
    // Cap 18 (the model's count): the base is 16 (1010/s, the only count under it); 32 is on the plateau of 22.
    expect(recommendFromWellMeasured(measured, windows, 0.03, 18, 4)).toBe(16);
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, 18, 4, 36)).toBe(32);
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, 18, 4, 30)).toBe(27);
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, 18, 4, 18)).toBe(16);
    // Fewer than two well-measured counts: all counts count (24 at 1200 is below the band).
    expect(recommendOnPlateau(measured, new Map(), 0.03, 0.1, Infinity, 4)).toBe(32);
    expect(recommendOnPlateau(new Map([[4, 100]]), new Map(), 0.03, 0.1)).toBe(4);
  });
});

describe('searchWorkerCounts above the cap', () => {
  // Flat within noise above the model's count (5): steps of +8% and +6.5%.
  const rates = new Map([[5, 100], [10, 108], [20, 115], [32, 120]]);
  const run = async (options: Partial<Parameters<typeof searchWorkerCounts>[1]>): Promise<number[]> => {
    const calls: number[] = [];
    await searchWorkerCounts((n) => { calls.push(n); return Promise.resolve(rates.get(n) ?? 110); }, { maxWorkers: 32, cap: () => 5, start: 5, refineSteps: 0, ...options });
    return calls;
  };

  it('doubles on gains above minGain by default, up to maxWorkers', async () => {
    // 108 > 105 and 115 > 113.4 go on; 120 <= 120.75 is measured again and ends it.
    expect(await run({})).toEqual([5, 10, 20, 32, 32]);
  });

  it('with minGainAboveCap, steps above the cap must gain more than it (each measured again when they do not)', async () => {
    // 108 <= 110: 10 measured again; a third count is still measured for the fit; 115 <= 118.8 ends it.
    expect(await run({ minGainAboveCap: 0.1 })).toEqual([5, 10, 10, 20, 20]);
  });
});
