import { describe, expect, it } from 'vitest';
import { missRatioAt, missRatioCurve, simulate, stackDistanceHistogram } from '../src/index.js';
import { fromIds, trace } from './shared.js';

describe('stack distances', () => {
  it('counts distinct ids since the last request (exact small case)', () => {
    const t = fromIds([1, 2, 3, 1, 1, 2]);
    const h = stackDistanceHistogram(t.ids, t.uniqueKeys);
    expect(h.cold).toBe(3);
    expect(Array.from(h.counts.subarray(0, 4))).toEqual([0, 1, 0, 2]);
  });
});

describe('missRatioCurve', () => {
  it('exact: equals LRU simulation at every size it is asked', async () => {
    const t = await trace('lirs/sprite.trace.gz', 'lirs');
    const sizes = [1, 10, 100, 500, 1000, 2000, 7075];
    const curve = missRatioCurve(t, { method: 'exact', sizes });
    const rows = simulate(t, { policies: ['lru'], sizes });
    curve.points.forEach((p, i) => expect(p.missRatio).toBeCloseTo(rows[i].missRatio, 12));
    expect(missRatioAt(curve, 1234)).toBeCloseTo(simulate(t, { policies: ['lru'], sizes: [1234] })[0].missRatio, 12);
  });

  it('shards at rate 1 is the exact curve', async () => {
    const t = await trace('lirs/sprite.trace.gz', 'lirs');
    const sizes = [100, 1000];
    const exact = missRatioCurve(t, { method: 'exact', sizes });
    const full = missRatioCurve(t, { method: 'shards', rate: 1, sizes });
    full.points.forEach((p, i) => expect(p.missRatio).toBeCloseTo(exact.points[i].missRatio!, 10));
  });

  it('shards says "too few samples" instead of a number where rate x size is small, and bounds the rest', async () => {
    const t = await trace('scarab/scarab-recs.trace.gz', 'int64be');
    const curve = missRatioCurve(t, { method: 'shards', rate: 0.001, sizes: [1000, 100_000] });
    expect(curve.points[0]).toMatchObject({ status: 'too-few-samples', sampledObjects: 1 });
    expect(curve.points[0].missRatio).toBeUndefined();
    expect(curve.points[1].status).toBe('estimate');
    expect(curve.points[1].errorBound).toBeGreaterThan(0);
    expect(curve.errorModel).toContain('binomial');
  });

  it('fixed-size shards keeps the sample bounded and lands near the exact curve (scarab)', async () => {
    const t = await trace('scarab/scarab-recs.trace.gz', 'int64be');
    const sizes = [10_000, 50_000, 100_000];
    const exact = missRatioCurve(t, { method: 'exact', sizes });
    const s = missRatioCurve(t, { method: 'shards', sampleSize: 8192, sizes });
    expect(s.rate).toBeLessThan(0.05);
    s.points.forEach((p, i) => expect(Math.abs(p.missRatio! - exact.points[i].missRatio!)).toBeLessThan(p.errorBound!));
  });

  it('miniature simulation estimates other policies from a sampled trace', async () => {
    const t = await trace('scarab/scarab-recs.trace.gz', 'int64be');
    const mini = missRatioCurve(t, { method: 'miniature', policy: 's3fifo', rate: 0.1, sizes: [50_000] });
    const full = simulate(t, { policies: ['s3fifo'], sizes: [50_000] })[0];
    expect(Math.abs(mini.points[0].missRatio! - full.missRatio)).toBeLessThan(0.03);
  });
});
