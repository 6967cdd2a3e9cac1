import { describe, expect, it } from 'vitest';
import { plateauCeiling, PLATEAU_CEILING, PLATEAU_MIN_WAIT } from '../src/recommendation.js';

describe('plateauCeiling', () => {
  it('raises only tasks that wait at least PLATEAU_MIN_WAIT times their compute', () => {
    expect(PLATEAU_MIN_WAIT).toBe(4);
    expect(plateauCeiling(20, 21)).toBe(PLATEAU_CEILING * 21);
    expect(plateauCeiling(4, 5)).toBe(10);
    // The mixed reference task (wait / compute about 1-1.6): no plateau rule.
    expect(plateauCeiling(1.6, 5)).toBe(0);
    expect(plateauCeiling(3.99, 5)).toBe(0);
  });

  it('needs the model count', () => {
    expect(plateauCeiling(20, null)).toBe(0);
  });
});
