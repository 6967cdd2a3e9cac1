import { describe, expect, it } from 'vitest';
import { compareSamples, confirmComparison, decideVerdict } from '../src/index.js';

describe('decideVerdict (10% gate: slower when speedup <= 1/1.1, faster when >= 1.1)', () => {
  it('calls a regression only when the effect passes the gate and the interval excludes 1', () => {
    expect(decideVerdict(0.85, [0.8, 0.9]).verdict).toBe('regression');
    expect(decideVerdict(1 / 1.1, [0.85, 0.99]).verdict).toBe('regression');
    // big effect, not significant
    expect(decideVerdict(0.85, [0.7, 1.02]).verdict).toBe('inconclusive');
    // significant, effect below the gate, interval reaching beyond the gate
    expect(decideVerdict(0.95, [0.88, 0.98]).verdict).toBe('inconclusive');
  });
  it('calls an improvement symmetrically in run time', () => {
    expect(decideVerdict(1.2, [1.12, 1.3]).verdict).toBe('improvement');
    expect(decideVerdict(1.1, [1.01, 1.2]).verdict).toBe('improvement');
    expect(decideVerdict(1.09, [1.01, 1.2]).verdict).toBe('inconclusive');
  });
  it('calls unchanged when the whole interval lies inside the gates', () => {
    expect(decideVerdict(1.0, [0.95, 1.05]).verdict).toBe('unchanged');
    expect(decideVerdict(0.96, [0.92, 0.99]).verdict).toBe('unchanged');
    expect(decideVerdict(1.0, [0.9, 1.05]).verdict).toBe('inconclusive');
  });
  it('honours another minimum effect', () => {
    expect(decideVerdict(0.97, [0.95, 0.99], 0.02).verdict).toBe('regression');
    expect(decideVerdict(0.97, [0.96, 0.99], 0.05).verdict).toBe('unchanged');
    expect(decideVerdict(0.97, [0.95, 0.99], 0.05).verdict).toBe('inconclusive');
  });
  it('never guesses on non-finite input', () => {
    expect(decideVerdict(Number.NaN, [0.5, 0.6]).verdict).toBe('inconclusive');
  });
});

describe('compareSamples', () => {
  it('measures throughput speedup as current over baseline medians', () => {
    const c = compareSamples('x', [100, 101, 99, 100, 100], [80, 81, 79, 80, 80]);
    expect(c.speedup).toBe(0.8);
    expect(c.verdict).toBe('regression');
    expect(c.interval[1]).toBeLessThan(1);
    expect(c.samples).toEqual({ baseline: 5, current: 5 });
  });
  it('inverts for times (lower is better)', () => {
    const c = compareSamples('t', [10, 10, 10], [8, 8, 8], { higherIsBetter: false });
    expect(c.speedup).toBe(1.25);
    expect(c.interval).toEqual([1.25, 1.25]);
    expect(c.verdict).toBe('improvement');
  });
  it('says unchanged for identical tight data', () => {
    expect(compareSamples('x', [100, 101, 99], [100, 99, 101]).verdict).toBe('unchanged');
  });
  it('says inconclusive on wide noise instead of guessing', () => {
    const c = compareSamples('x', [100, 60, 140, 90, 120], [70, 130, 95, 150, 55]);
    expect(c.verdict).toBe('inconclusive');
  });
  it('needs at least two processes per side', () => {
    const c = compareSamples('x', [100], [50, 50]);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/too few processes/);
  });
});

describe('confirmComparison', () => {
  const flagged = compareSamples('x', [100, 100, 100], [80, 80, 80]);
  it('keeps a regression the re-run agrees with', () => {
    const c = confirmComparison(flagged, compareSamples('x', [100, 100, 100], [79, 80, 81]));
    expect(c.verdict).toBe('regression');
    expect(c.confirmed).toBe(true);
  });
  it('turns an unconfirmed flag into inconclusive', () => {
    const c = confirmComparison(flagged, compareSamples('x', [100, 100, 100], [100, 99, 101]));
    expect(c.verdict).toBe('inconclusive');
    expect(c.confirmed).toBe(false);
    expect(c.reason).toMatch(/not confirmed/);
  });
  it('leaves unflagged verdicts alone', () => {
    const same = compareSamples('x', [1, 1], [1, 1]);
    expect(confirmComparison(same, flagged)).toBe(same);
  });
});
