import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrace, lruMissRatioCurve, lruMissRatios, StackDistanceCounter, stackDistanceHistogram } from '../src/index.js';
import { sharedDir, tracePath } from './shared.js';

/** Brute-force Mattson: move-to-front list. */
function naive(ids: number[]): { cold: number; counts: number[] } {
  const stack: number[] = [];
  const counts: number[] = [];
  let cold = 0;
  for (const id of ids) {
    const d = stack.indexOf(id);
    if (d < 0) cold++;
    else {
      counts[d] = (counts[d] ?? 0) + 1;
      stack.splice(d, 1);
    }
    stack.unshift(id);
  }
  return { cold, counts: Array.from(counts, (c) => c ?? 0) };
}

describe('stack distances', () => {
  it('counts a hand-built sequence exactly', () => {
    // a b c a b b d a
    const h = stackDistanceHistogram({ ids: [0, 1, 2, 0, 1, 1, 3, 0] });
    expect(h.requests).toBe(8);
    expect(h.coldMisses).toBe(4);
    // a: 2 (b, c), b: 2 (c, a), b: 0, a: 2 (b, d)
    expect([...h.counts]).toEqual([1, 0, 3]);
    expect(lruMissRatios(h, [0, 1, 2, 3, 100])).toEqual([1, 7 / 8, 7 / 8, 4 / 8, 4 / 8]);
    expect([...lruMissRatioCurve(h)]).toEqual([1, 7 / 8, 7 / 8, 4 / 8]);
  });

  it('matches a brute-force Mattson stack on random ids, across tree compactions', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const ids = Array.from({ length: 20_000 }, () => Math.floor(rand() * rand() * 300));
    const expected = naive(ids);
    // small expected size forces growth and many compactions
    const counter = new StackDistanceCounter(1);
    for (let i = 0; i < ids.length; i += 777) counter.addAll(ids.slice(i, i + 777));
    const h = counter.histogram();
    expect(h.coldMisses).toBe(expected.cold);
    expect([...h.counts]).toEqual(expected.counts);
  });

  const ref = JSON.parse(readFileSync(`${sharedDir()}reference/libcachesim-miss-ratios.json`, 'utf8')) as {
    traces: Record<string, { requests: number; miss_ratio: { LRU: Record<string, number> } }>;
  };
  const traces: [string, string, string][] = [
    ['lirs_sprite', 'lirs/sprite.trace.gz', 'lirs'],
    ['cloud_physics_w106', 'cloud_physics/w106.trace.gz', 'uint32be'],
    ['scarab_scarab-recs', 'scarab/scarab-recs.trace.gz', 'int64be'],
  ];
  for (const [name, file, format] of traces) {
    it(`reproduces libCacheSim's LRU miss ratios on ${name} to 4 decimals`, async () => {
      const t = await loadTrace(tracePath(file), { format });
      const row = ref.traces[name].miss_ratio.LRU;
      const sizes = Object.keys(row).map(Number);
      const h = stackDistanceHistogram(t);
      expect(h.requests).toBe(ref.traces[name].requests);
      const mine = lruMissRatios(h, sizes).map((r) => Number(r.toFixed(4)));
      expect(mine).toEqual(sizes.map((s) => row[String(s)]));
    });
  }
});
