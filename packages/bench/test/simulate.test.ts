import { describe, expect, it } from 'vitest';
import { DESIGNS, drawDistinct, naiveFalseAlarms, roundsPerTrial, simulateRounds } from '../bench/simulate.js';
import { mulberry32 } from '../src/index.js';

const opts = { perSide: 5, trials: 20, seed: 1, minEffect: 0.1, resamples: 200 };

describe('experiment simulation', () => {
  it('draws distinct processes', () => {
    const d = drawDistinct(12, 12, mulberry32(5));
    expect([...d].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(() => drawDistinct(3, 4, mulberry32(1))).toThrow(/cannot draw 4/);
  });
  it('needs 15 rounds per trial against a saved baseline, 10 side by side', () => {
    expect(roundsPerTrial('saved-baseline', 5)).toBe(15);
    expect(roundsPerTrial('side-by-side', 5)).toBe(10);
    expect(roundsPerTrial('paired', 5)).toBe(10);
  });
  it('calls identical constant rounds unchanged every time, in every design', () => {
    const pool = Array(20).fill(100) as number[];
    for (const design of DESIGNS) {
      const c = simulateRounds(pool, pool, { ...opts, design });
      expect(c.verdicts).toEqual({ regression: 0, improvement: 0, unchanged: 20, inconclusive: 0 });
      expect(c.first.unchanged).toBe(20);
    }
  });
  it('detects a clean 15% slowdown every time and confirms it, in every design', () => {
    const base = Array.from({ length: 20 }, (_, i) => 100 + (i % 3));
    const slow = base.map((x) => x / 1.15);
    for (const design of DESIGNS) expect(simulateRounds(base, slow, { ...opts, design }).verdicts.regression).toBe(20);
  });
  it('cancels load shared by a round only in the paired design', () => {
    // round i runs at speed s_i (load), both processes of a round alike; current is 15% slower
    const load = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 0.6));
    const base = load.map((s) => 100 * s);
    const slow = base.map((x) => x / 1.15);
    expect(simulateRounds(base, slow, { ...opts, design: 'paired' }).verdicts.regression).toBe(20);
  });
  it('rejects rounds that do not pair up', () => {
    expect(() => simulateRounds([1, 2], [1], { ...opts, design: 'paired' })).toThrow(/one value per round/);
  });
  it('counts the naive rule\'s alarms exactly', () => {
    expect(naiveFalseAlarms([100, 100, 100], 10, 0.05, 1)).toBe(0);
    expect(naiveFalseAlarms([100, 200], 10, 0.05, 1)).toBe(10);
  });
});
