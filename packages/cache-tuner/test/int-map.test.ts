import { describe, expect, it } from 'vitest';
import { IntIdMap } from '../src/int-map.js';

describe('IntIdMap', () => {
  it('agrees with a Map through growth, clustered keys and deletions', () => {
    const map = new IntIdMap(4);
    const reference = new Map<number, number>();
    let seed = 5;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let step = 0; step < 150_000; step++) {
      // Negative and positive keys, few of them, so probe runs collide and wrap.
      const key = (rand(3000) - 1500) * 65536;
      const op = rand(3);
      if (op === 0) {
        if (!reference.has(key)) {
          map.add(key, step);
          reference.set(key, step);
        }
      } else if (op === 1) {
        map.delete(key);
        reference.delete(key);
      }
      expect(map.get(key)).toBe(reference.get(key) ?? -1);
      expect(map.size).toBe(reference.size);
    }
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
  });
});
