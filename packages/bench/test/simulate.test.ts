import { describe, expect, it } from 'vitest';
import { drawDistinct, naiveFalseAlarms, simulateTrials } from '../bench/simulate.js';
import { mulberry32 } from '../src/index.js';

const opts = { perSide: 5, trials: 20, seed: 1, minEffect: 0.1, resamples: 200 };

describe('experiment simulation', () => {
  it('draws distinct processes', () => {
    const d = drawDistinct(12, 12, mulberry32(5));
    expect([...d].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(() => drawDistinct(3, 4, mulberry32(1))).toThrow(/cannot draw 4/);
  });
  it('calls identical constant pools unchanged every time, with or without re-run', () => {
    const pool = Array(20).fill(100) as number[];
    expect(simulateTrials(pool, pool, { ...opts, rerun: false }).verdicts).toEqual({ regression: 0, improvement: 0, unchanged: 20, inconclusive: 0 });
    expect(simulateTrials(pool, pool, { ...opts, rerun: true }).verdicts.unchanged).toBe(20);
  });
  it('detects a clean 15% slowdown every time and confirms it', () => {
    const base = Array.from({ length: 20 }, (_, i) => 100 + (i % 3));
    const slow = base.map((x) => x / 1.15);
    expect(simulateTrials(base, slow, { ...opts, rerun: true }).verdicts.regression).toBe(20);
  });
  it('counts the naive rule\'s alarms exactly', () => {
    expect(naiveFalseAlarms([100, 100, 100], 10, 0.05, 1)).toBe(0);
    expect(naiveFalseAlarms([100, 200], 10, 0.05, 1)).toBe(10);
  });
});
