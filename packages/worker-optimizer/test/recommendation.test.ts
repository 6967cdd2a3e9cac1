import { describe, expect, it } from 'vitest';
import { GOETZ_LIFT_MIN_WAIT, plateauCeiling, PLATEAU_CEILING, PLATEAU_MIN_WAIT, searchRange, SEARCH_CEILING } from '../src/recommendation.js';
import { recommendFromWellMeasured, recommendOnPlateau } from '../src/search.js';

describe('plateauCeiling', () => {
  it('raises a task that waits at least PLATEAU_MIN_WAIT times its compute up to PLATEAU_CEILING times the model count', () => {
    expect(PLATEAU_MIN_WAIT).toBe(4);
    expect(plateauCeiling(20, 21)).toBe(PLATEAU_CEILING * 21);
    expect(plateauCeiling(4, 5)).toBe(10);
  });

  it('raises a task that waits less, from GOETZ_LIFT_MIN_WAIT, up to the model count only', () => {
    expect(GOETZ_LIFT_MIN_WAIT).toBe(0.25);
    // The mixed reference task (wait / compute about 1-1.6).
    expect(plateauCeiling(1.6, 5)).toBe(5);
    expect(plateauCeiling(3.99, 5)).toBe(5);
    expect(plateauCeiling(0.25, 3)).toBe(3);
  });

  it('does not apply to a task that hardly waits, or without a model count', () => {
    expect(plateauCeiling(0.2, 2)).toBe(0);
    expect(plateauCeiling(0, 2)).toBe(0);
    expect(plateauCeiling(Number.NaN, 2)).toBe(0);
    expect(plateauCeiling(20, null)).toBe(0);
  });
});

describe('searchRange', () => {
  it('searches 1..maxWorkers without a model count', () => {
    expect(searchRange(null, 0, 32)).toEqual({ first: 1, max: 32 });
  });

  it('starts a task the plateau rule may raise above the model count at the top of the range', () => {
    expect(SEARCH_CEILING).toBe(2);
    // The waiting reference task at 17:33 UTC: model 25, plateau ceiling 50, at most 32 workers.
    expect(searchRange(25, plateauCeiling(24.3, 25), 32)).toEqual({ first: 32, max: 32 });
    expect(searchRange(14, plateauCeiling(20, 14), 32)).toEqual({ first: 28, max: 28 });
  });

  it('starts a task that waits less than PLATEAU_MIN_WAIT x its compute at the model count', () => {
    // The mixed reference task: model 5, wait / compute 1.6.
    expect(searchRange(5, plateauCeiling(1.6, 5), 32)).toEqual({ first: 5, max: 10 });
    expect(searchRange(40, plateauCeiling(2, 40), 32)).toEqual({ first: 32, max: 32 });
  });
});

describe('the mixed reference task of 2026-11-29 17:20 UTC (model count 5)', () => {
  // Calibration's points: workers -> inputs/s, and windows per count.
  const measured = new Map([[5, 318.3], [10, 360.7], [2, 359.7], [4, 368.5]]);
  const windows = new Map([[5, 3], [10, 3], [2, 7], [4, 4]]);

  it('without the plateau rule: the smallest well-measured count within 3% of the best, 2', () => {
    expect(recommendFromWellMeasured(measured, windows, 0.03, 5, 4)).toBe(2);
  });

  it('with the plateau rule up to the model count: the largest well-measured count within 10% of the best, 4', () => {
    expect(recommendOnPlateau(measured, windows, 0.03, 0.1, 5, 4, plateauCeiling(1.6, 5))).toBe(4);
  });
});
