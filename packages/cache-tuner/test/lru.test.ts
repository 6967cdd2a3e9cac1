import { describe, expect, it } from 'vitest';
import { createPolicy } from '../src/index.js';

function run(name: string, capacity: number, seq: number[]): { hits: number; evicted: number[] } {
  const evicted: number[] = [];
  const p = createPolicy(name, { capacity, onEvict: (id) => evicted.push(id) });
  let hits = 0;
  for (const id of seq) if (p.access(id)) hits++;
  return { hits, evicted };
}

describe('lru', () => {
  it('evicts the least recently used entry', () => {
    expect(run('lru', 2, [1, 2, 1, 3, 2, 1])).toEqual({ hits: 1, evicted: [2, 1, 3] });
  });
  it('grows past maxIdHint', () => {
    const p = createPolicy('lru', { capacity: 3, maxIdHint: 4 });
    expect(p.access(100_000)).toBe(false);
    expect(p.access(100_000)).toBe(true);
    expect(p.contains(100_000)).toBe(true);
    expect(p.remove(100_000)).toBe(true);
    expect(p.contains(100_000)).toBe(false);
    expect(p.size).toBe(0);
  });
  it('counts bytes in byte mode and declines objects larger than the cache', () => {
    const evicted: number[] = [];
    const p = createPolicy('lru', { capacity: 10, unit: 'bytes', onEvict: (id) => evicted.push(id) });
    p.access(1, 4);
    p.access(2, 4);
    p.access(3, 4);
    expect(evicted).toEqual([1]);
    expect(p.used).toBe(8);
    expect(p.access(4, 11)).toBe(false);
    expect(evicted).toEqual([1, 4]);
    expect(p.access(2, 9)).toBe(true);
    expect(evicted).toEqual([1, 4, 3]);
    expect(p.used).toBe(9);
  });
});

describe('fifo', () => {
  it('ignores hits when choosing the victim', () => {
    expect(run('fifo', 2, [1, 2, 1, 3, 2, 1])).toEqual({ hits: 2, evicted: [1, 2] });
  });
});
