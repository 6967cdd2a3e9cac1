import { describe, expect, it } from 'vitest';
import {
  analyzeTrace,
  generateTrace,
  keyFrequencies,
  loadTrace,
  SpaceSaving,
  workingSet,
  zipfFit,
} from '../src/index.js';
import { tracePath } from './shared.js';

describe('analyzeTrace', () => {
  it('counts requests, keys and one-hit wonders exactly', () => {
    const t = { requests: 7, uniqueKeys: 4, ids: Uint32Array.from([0, 1, 0, 2, 0, 1, 3]) };
    const a = analyzeTrace(t, { window: 3 });
    expect(a.requests).toBe(7);
    expect(a.uniqueKeys).toBe(4);
    expect(a.oneHitWonders).toBe(2);
    expect(a.oneHitWonderRatio).toBe(0.5);
    expect([...a.workingSet.sizes]).toEqual([2, 3, 1]);
    expect(a.workingSet.max).toBe(3);
    expect(a.workingSet.mean).toBe(2);
    expect(a.hotKeys[0]).toEqual({ id: 0, count: 3, error: 0, guaranteed: 3 });
    expect(a.stackDistances.coldMisses).toBe(4);
  });

  it('labels a generated scan as sequential-scan', () => {
    const p = analyzeTrace(generateTrace({ kind: 'scan', requests: 20_000 })).pattern;
    expect(p.kind).toBe('sequential-scan');
    expect(p.confidence).toBeGreaterThan(0.9);
    expect(p.evidence.firstAccessRatio).toBe(1);
  });

  it('labels a generated loop as loop and finds its length', () => {
    const p = analyzeTrace(generateTrace({ kind: 'loop', requests: 30_000, keys: 700 })).pattern;
    expect(p.kind).toBe('loop');
    expect(p.evidence.dominantDistance).toBe(699);
    expect(p.confidence).toBeGreaterThan(0.9);
  });

  for (const alpha of [0.7, 1.0, 1.3]) {
    it(`labels a generated Zipf(${alpha}) trace as zipfian and recovers alpha within 0.1`, () => {
      const a = analyzeTrace(generateTrace({ kind: 'zipf', requests: 200_000, keys: 10_000, alpha, seed: 3 }));
      expect(a.pattern.kind).toBe('zipfian');
      expect(Math.abs(a.zipf.alpha - alpha)).toBeLessThan(0.1);
      expect(a.zipf.rSquared).toBeGreaterThan(0.95);
    });
  }

  it('labels a generated uniform trace as uniform', () => {
    const p = analyzeTrace(generateTrace({ kind: 'uniform', requests: 100_000, keys: 2_000, seed: 5 })).pattern;
    expect(p.kind).toBe('uniform');
    expect(p.evidence.dispersionIndex).toBeGreaterThan(0.5);
    expect(p.evidence.dispersionIndex).toBeLessThan(2);
  });

  it('labels the LIRS loop trace as a loop over 1,011 keys', async () => {
    const a = analyzeTrace(await loadTrace(tracePath('lirs/loop.trace.gz'), { format: 'lirs' }));
    expect(a.pattern.kind).toBe('loop');
    expect(a.pattern.evidence.dominantDistance).toBe(1010);
  });
});

describe('Space-Saving', () => {
  it('keeps every key above requests/k with counts within its error bound', () => {
    const t = generateTrace({ kind: 'zipf', requests: 100_000, keys: 20_000, alpha: 1, seed: 9 });
    const exact = keyFrequencies(t.ids, t.uniqueKeys);
    const ss = new SpaceSaving(200);
    ss.addAll(t.ids);
    const bound = ss.errorBound;
    expect(bound).toBe(500);
    const reported = new Map(ss.top().map((h) => [h.id, h]));
    for (let id = 0; id < exact.length; id++) {
      const h = reported.get(id);
      if (exact[id] > bound) expect(h).toBeDefined();
      if (h) {
        expect(h.count).toBeGreaterThanOrEqual(exact[id]);
        expect(h.count - exact[id]).toBeLessThanOrEqual(h.error);
        expect(h.error).toBeLessThanOrEqual(bound);
      }
    }
  });
});

describe('pure statistics', () => {
  it('fits alpha 1 exactly on an ideal 1/rank curve', () => {
    const freq = Array.from({ length: 1000 }, (_, r) => 100_000 / (r + 1));
    const z = zipfFit(freq);
    expect(z.alpha).toBeCloseTo(1, 10);
    expect(z.rSquared).toBeCloseTo(1, 10);
  });

  it('gives alpha 0 when no key has enough requests', () => {
    expect(zipfFit([1, 1, 1, 2]).alpha).toBe(0);
  });

  it('counts distinct keys per window', () => {
    expect([...workingSet([0, 0, 1, 2, 2, 2, 3], 4, 2).sizes]).toEqual([1, 2, 1, 1]);
  });
});
