import { describe, expect, it } from 'vitest';
import { bootstrapRatioInterval, median, mulberry32, quantile, shuffled } from '../src/index.js';

describe('median and quantile', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('interpolates quantiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.5)).toBe(15);
    expect(quantile([10, 20], 0.9)).toBe(19);
  });
});

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('differs between seeds', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
  it('shuffles deterministically and keeps every item', () => {
    const s1 = shuffled([1, 2, 3, 4, 5, 6], mulberry32(7));
    const s2 = shuffled([1, 2, 3, 4, 5, 6], mulberry32(7));
    expect(s1).toEqual(s2);
    expect([...s1].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('bootstrapRatioInterval', () => {
  it('gives the exact ratio of medians and a degenerate interval on constant data', () => {
    const r = bootstrapRatioInterval([2, 2, 2], [4, 4, 4]);
    expect(r).toEqual({ ratio: 0.5, lower: 0.5, upper: 0.5, confidence: 0.95 });
  });
  it('is reproducible with a seed and brackets the point estimate', () => {
    const a = [100, 104, 98, 101, 103];
    const b = [90, 92, 88, 91, 95];
    const r1 = bootstrapRatioInterval(a, b, { seed: 9, resamples: 500 });
    const r2 = bootstrapRatioInterval(a, b, { seed: 9, resamples: 500 });
    expect(r1).toEqual(r2);
    expect(r1.ratio).toBeCloseTo(101 / 91, 12);
    expect(r1.lower).toBeLessThanOrEqual(r1.ratio);
    expect(r1.upper).toBeGreaterThanOrEqual(r1.ratio);
    // every resampled median is one of the data points, so the bounds are ratios of data points
    expect(r1.lower).toBeGreaterThanOrEqual(98 / 95);
    expect(r1.upper).toBeLessThanOrEqual(104 / 88);
  });
  it('keeps every resampled ratio within [min(a)/max(b), max(a)/min(b)]', () => {
    const r = bootstrapRatioInterval([1, 2], [1, 2], { seed: 3, resamples: 200, confidence: 0.999 });
    expect(r.lower).toBeGreaterThanOrEqual(0.5);
    expect(r.upper).toBeLessThanOrEqual(2);
  });
  it('returns NaN for an empty side', () => {
    expect(bootstrapRatioInterval([], [1]).lower).toBeNaN();
  });
});
