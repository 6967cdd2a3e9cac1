import { describe, expect, it } from 'vitest';
import { CacheTunerError, createPolicy, registerPolicy, simulate } from '../src/index.js';
import { fromIds } from './shared.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CacheTunerError);
    return (e as CacheTunerError).code;
  }
  return undefined;
}

describe('bad input', () => {
  const t = fromIds([1, 2, 3, 1]);
  it('an unknown policy names the value and the valid ones', () => {
    expect(() => simulate(t, { policies: ['lru', 'mru'], sizes: [2] })).toThrow(/unknown policy "mru"; valid policies: lru, fifo, clock/);
    expect(codeOf(() => createPolicy('nope', { capacity: 1 }))).toBe('UNKNOWN_POLICY');
  });
  it('a size <= 0 names the value', () => {
    expect(() => simulate(t, { policies: ['lru'], sizes: [10, 0] })).toThrow(/cache size 0 is not a number > 0/);
    expect(codeOf(() => createPolicy('lru', { capacity: -1 }))).toBe('INVALID_SIZE');
  });
  it('byte mode without sizes is a clear error', () => {
    expect(codeOf(() => simulate(t, { policies: ['lru'], sizes: [10], unit: 'bytes' }))).toBe('MISSING_SIZES');
  });
  it('belady outside the simulator says it needs the future', () => {
    expect(codeOf(() => createPolicy('belady', { capacity: 1 }))).toBe('MISSING_FUTURE');
  });
  it('a policy failing mid-run is reported with its name and size', () => {
    registerPolicy('broken-for-test', () => {
      throw new Error('boom');
    });
    expect(() => simulate(t, { policies: ['lru', 'broken-for-test'], sizes: [2] })).toThrow(/policy "broken-for-test" at size 2 failed: boom/);
  });
  it('byte mode reports the byte miss ratio', () => {
    const rows = simulate({ ...t, sizes: Uint32Array.from([5, 5, 5, 5]) }, { policies: ['lru'], sizes: [10], unit: 'bytes' });
    expect(rows[0]).toMatchObject({ hits: 0, misses: 4, missRatio: 1, byteMissRatio: 1 });
  });
});
