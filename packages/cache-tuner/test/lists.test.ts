import { describe, expect, it } from 'vitest';
import { IdLists, PackedLists } from '../src/lists.js';
import { NIL } from '../src/policy.js';

/** Each list's slots from head to tail, read through the structure's own links. */
function order(heads: Int32Array, nextOf: (slot: number) => number, list: number): number[] {
  const out: number[] = [];
  for (let s = heads[list]; s !== NIL; s = nextOf(s)) out.push(s);
  return out;
}

describe('PackedLists', () => {
  it.each([
    ['weighted', true],
    ['unweighted (every slot weighs 1)', false],
  ])('%s: keeps the same lists, lengths and weights as IdLists under random pushes, moves and unlinks', (_, weighted) => {
    const slots = 64;
    const lists = 3;
    const packed = new PackedLists(lists, 8, weighted);
    const plain = new IdLists(lists, 8);
    packed.grow(slots);
    plain.grow(slots);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let step = 0; step < 20_000; step++) {
      const slot = random(slots);
      const list = 1 + random(lists);
      if (packed.where(slot) === 0) {
        const weight = weighted ? 1 + random(5) : 1;
        packed.pushHead(list, slot, weight);
        plain.pushHead(list, slot, weight);
        packed.setPayload(slot, slot * 7);
      } else if (random(4) === 0) {
        packed.unlink(slot);
        plain.unlink(slot);
      } else {
        packed.moveToHead(list, slot);
        plain.moveToHead(list, slot);
      }
      expect(packed.where(slot)).toBe(plain.where[slot]);
      if (packed.where(slot) !== 0) expect(packed.weightOf(slot)).toBe(plain.w[slot]);
    }
    for (let list = 1; list <= lists; list++) {
      expect(order(packed.head, (s) => packed.node[4 * s + 1], list)).toEqual(order(plain.head, (s) => plain.next[s], list));
      expect(packed.tail[list]).toBe(plain.tail[list]);
      expect(packed.len[list]).toBe(plain.len[list]);
      expect(packed.weight[list]).toBe(plain.weight[list]);
    }
    for (let slot = 0; slot < slots; slot++) if (packed.where(slot) !== 0) expect(packed.payload(slot)).toBe(slot * 7);
  });
});
