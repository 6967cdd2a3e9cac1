import { describe, expect, it } from 'vitest';
import { KeyTable } from '../src/key-table.js';

describe('KeyTable', () => {
  it('agrees with a Map through growth, shared hashes, long probe runs and deletions', () => {
    const table = new KeyTable();
    const reference = new Map<string, number>();
    /** Key of id i at 2i (the memory level keeps its value at 2i + 1). */
    const entries: unknown[] = [];
    const hashOf = new Map<string, number>();
    const free: number[] = [];
    let seed = 11;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    // Few distinct hashes, many sharing the same low bits and some shared by several keys, so
    // probe runs are long, wrap around, and a hash match alone does not identify a key.
    const hash = (key: string): number => hashOf.get(key) ?? hashOf.set(key, ((rand(1500) * 4096 + rand(3)) & 0x3fffffff) >>> 0).get(key)!;
    for (let step = 0; step < 150_000; step++) {
      const key = `k${rand(4000)}`;
      const h = hash(key);
      const found = table.find(key, h, entries);
      expect(found).toBe(reference.get(key) ?? -1);
      if (rand(2) === 0) {
        if (found < 0) {
          const id = free.pop() ?? entries.length >> 1;
          entries[2 * id] = key;
          entries[2 * id + 1] = id;
          table.insert(h, id);
          reference.set(key, id);
        }
      } else if (found >= 0) {
        expect(table.remove(h, found)).toBe(true);
        entries[2 * found] = undefined;
        free.push(found);
        reference.delete(key);
      } else {
        expect(table.remove(h, 999_999)).toBe(false);
      }
      expect(table.size).toBe(reference.size);
    }
    for (const [key, id] of reference) expect(table.find(key, hash(key), entries)).toBe(id);
  });
});
