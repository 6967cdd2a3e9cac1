import { describe, expect, it } from 'vitest';
import { correctDelay, counterDelta, cpuFraction, defaultResolutionMs, effectiveMemoryLimit, hitRate, utilizationDelta } from '../src/index.js';

const ms = (x: number): number => x * 1e6;

describe('correctDelay', () => {
  it('subtracts the resolution from every location statistic and converts ns to ms', () => {
    const pct: Record<number, number> = { 50: ms(10.5), 90: ms(12), 99: ms(150) };
    const raw = { min: ms(10.1), max: ms(210), mean: ms(11), stddev: ms(3), count: 50, percentile: (p: number) => pct[p] ?? 0 };
    const d = correctDelay(raw, 10);
    expect(d.minMs).toBeCloseTo(0.1, 9);
    expect(d.meanMs).toBeCloseTo(1, 9);
    expect(d.p50Ms).toBeCloseTo(0.5, 9);
    expect(d.p90Ms).toBeCloseTo(2, 9);
    expect(d.p99Ms).toBeCloseTo(140, 9);
    expect(d.maxMs).toBeCloseTo(200, 9);
    expect(d.stddevMs).toBe(3);
    expect(d.count).toBe(50);
  });

  it('clamps at zero when a sample came in early', () => {
    const raw = { min: ms(9.5), max: ms(9.9), mean: ms(9.7), stddev: 0, count: 3, percentile: () => ms(9.8) };
    expect(correctDelay(raw, 10)).toEqual({ minMs: 0, meanMs: 0, stddevMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, count: 3 });
  });

  it('reads an empty histogram (min = 2^63, mean NaN) as all zeros', () => {
    const raw = { min: 9223372036854776000, max: 0, mean: Number.NaN, stddev: Number.NaN, count: 0, percentile: () => 0 };
    expect(correctDelay(raw, 10)).toEqual({ minMs: 0, meanMs: 0, stddevMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, count: 0 });
  });
});

describe('effectiveMemoryLimit', () => {
  const total = 16 * 2 ** 30;
  it('prefers the caller option', () => {
    expect(effectiveMemoryLimit({ optionBytes: 512, constrainedBytes: 1024, totalBytes: total })).toEqual({ bytes: 512, source: 'option' });
  });
  it('uses the cgroup limit when below physical memory', () => {
    expect(effectiveMemoryLimit({ constrainedBytes: 2 ** 30, totalBytes: total })).toEqual({ bytes: 2 ** 30, source: 'constrained' });
  });
  it('treats 0 and 2^64 (Node for "no limit") as unconstrained', () => {
    expect(effectiveMemoryLimit({ constrainedBytes: 0, totalBytes: total })).toEqual({ bytes: total, source: 'total' });
    expect(effectiveMemoryLimit({ constrainedBytes: 2 ** 64, totalBytes: total })).toEqual({ bytes: total, source: 'total' });
    expect(effectiveMemoryLimit({ constrainedBytes: undefined, totalBytes: total })).toEqual({ bytes: total, source: 'total' });
  });
});

describe('small formulas', () => {
  it('cpuFraction: µs of CPU over ms of wall as a share of one core', () => {
    expect(cpuFraction(3000, 1000, 400)).toBe(0.01);
    expect(cpuFraction(5, 5, 0)).toBe(0);
  });
  it('counterDelta: increase, or the new value after a reset', () => {
    expect(counterDelta(undefined, 7)).toBe(7);
    expect(counterDelta(10, 15)).toBe(5);
    expect(counterDelta(10, 3)).toBe(3);
  });
  it('hitRate: undefined without lookups', () => {
    expect(hitRate(3, 1)).toBe(0.75);
    expect(hitRate(0, 0)).toBeUndefined();
  });
  it('utilizationDelta: active share of the time between readings', () => {
    expect(utilizationDelta({ idle: 100, active: 50 }, { idle: 130, active: 120 })).toBe(0.7);
    expect(utilizationDelta({ idle: 1, active: 1 }, { idle: 1, active: 1 })).toBe(0);
  });
});

describe('defaultResolutionMs', () => {
  it('aims at 20 delay samples per window, within [10, 50] ms', () => {
    expect(defaultResolutionMs(1000)).toBe(50);
    expect(defaultResolutionMs(600)).toBe(30);
    expect(defaultResolutionMs(200)).toBe(10);
    expect(defaultResolutionMs(100)).toBe(10);
    expect(defaultResolutionMs(60_000)).toBe(50);
  });
});
