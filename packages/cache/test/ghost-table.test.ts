import { describe, expect, it } from 'vitest';
import { GhostTable } from '../src/ghost-table.js';
import { keyHash30 } from '../src/key-hash.js';

describe('GhostTable', () => {
  it('agrees with a Map through growth, collisions in probe runs and deletions', () => {
    const table = new GhostTable();
    const reference = new Map<number, number>();
    let seed = 7;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let step = 0; step < 200_000; step++) {
      // Few distinct hashes sharing low bits, so probe runs are long and wrap around.
      const hash = (rand(3000) * 1024 + rand(4)) & 0x3fffffff;
      const op = rand(3);
      if (op === 0) {
        expect(table.set(hash, step)).toBe(reference.get(hash) ?? -1);
        reference.set(hash, step);
      } else if (op === 1) {
        expect(table.delete(hash)).toBe(reference.get(hash) ?? -1);
        reference.delete(hash);
      } else {
        expect(table.get(hash)).toBe(reference.get(hash) ?? -1);
      }
      expect(table.size).toBe(reference.size);
    }
    for (const [hash, id] of reference) expect(table.get(hash)).toBe(id);
  });

  it('hashes keys into 30 bits', () => {
    for (const key of ['', 'a', 'key:123', 'x'.repeat(1000)]) {
      const h = keyHash30(key);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30).toBe(true);
    }
    expect(keyHash30('a')).not.toBe(keyHash30('b'));
  });
});
