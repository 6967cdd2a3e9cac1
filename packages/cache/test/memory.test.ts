import { describe, expect, it } from 'vitest';
import { CacheError, MemoryLevel, POLICY_NAMES } from '../src/index.js';
import { lirsKeys, replayMissRatio } from './helpers.js';

describe('memory level', () => {
  it('LRU: exact hits, misses and evictions on a hand-built sequence', () => {
    const m = new MemoryLevel({ maxEntries: 2, policy: 'lru' });
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now most recent
    m.set('c', 3); // evicts b
    expect(m.get('b')).toBeUndefined();
    expect(m.get('c')).toBe(3);
    expect(m.get('a')).toBe(1);
    expect(m.stats()).toEqual({ name: 'memory', type: 'memory', hits: 3, misses: 1, evictions: 1, bytes: 2, entries: 2 });
  });

  it('counts bytes with sizeOf and keeps within maxBytes', () => {
    const m = new MemoryLevel({ maxBytes: 100, policy: 'lru' });
    m.set('a', Buffer.alloc(40));
    m.set('b', Buffer.alloc(40));
    m.set('c', Buffer.alloc(40)); // 120 > 100: a goes
    expect(m.has('a')).toBe(false);
    expect(m.stats().bytes).toBe(80);
    expect(m.set('huge', Buffer.alloc(101))).toBe(false);
    expect(m.has('huge')).toBe(false);
    m.set('b', 'x'.repeat(5)); // strings count 2 bytes per unit
    expect(m.stats().bytes).toBe(50);
  });

  it('updates, deletes and clears', () => {
    const m = new MemoryLevel({ maxEntries: 10 });
    m.set('a', 1);
    m.set('a', 2);
    expect(m.get('a')).toBe(2);
    expect(m.stats().entries).toBe(1);
    expect(m.delete('a')).toBe(true);
    expect(m.delete('a')).toBe(false);
    expect(m.has('a')).toBe(false);
    m.set('b', 1);
    m.clear();
    expect(m.get('b')).toBeUndefined();
    expect(m.stats().entries).toBe(0);
    expect(m.stats().bytes).toBe(0);
  });

  it('recycles ids of long-forgotten keys and stays correct', () => {
    const m = new MemoryLevel({ maxEntries: 10, policy: 'lru', rememberKeys: 20 });
    for (let i = 0; i < 10_000; i++) m.set(`k${i}`, i);
    for (let i = 9_990; i < 10_000; i++) expect(m.get(`k${i}`)).toBe(i);
    expect(m.get('k0')).toBeUndefined();
    expect(m.stats().entries).toBe(10);
    // ids stay bounded: resident + remembered + recycled
    expect((m as unknown as { entries: unknown[] }).entries.length / 2).toBeLessThanOrEqual(10 + 20 + 2);
  });

  it('rejects bad options with a code', () => {
    expect(() => new MemoryLevel({ maxEntries: 0 })).toThrow(CacheError);
    expect(() => new MemoryLevel({ maxEntries: 1, maxBytes: 1 })).toThrow(/not both/);
    expect(() => new MemoryLevel({ policy: 'fifo' as 'lru' })).toThrow(/unknown policy "fifo"/);
  });

  it('every policy keeps within its entry budget and serves what it holds', () => {
    for (const policy of POLICY_NAMES) {
      const m = new MemoryLevel({ maxEntries: 50, policy });
      for (let i = 0; i < 5_000; i++) {
        const key = `k${(i * 7919) % 300}`;
        const v = m.get(key);
        if (v === undefined) m.set(key, key);
        else expect(v).toBe(key);
      }
      expect(m.stats().entries).toBeLessThanOrEqual(50);
    }
  });
});

describe('memory level against the reference (libCacheSim, lirs/sprite)', () => {
  const keys = lirsKeys('sprite');
  // ../shared/reference/README.md: LRU miss ratios on lirs_sprite by cache size in objects.
  it.each([
    [100, 0.7842],
    [500, 0.217],
    [1000, 0.0936],
    [2000, 0.0652],
  ])('LRU at %i objects misses %f', (size, expected) => {
    const ratio = replayMissRatio(new MemoryLevel({ maxEntries: size, policy: 'lru' }), keys);
    expect(ratio).toBeCloseTo(expected, 4);
  });
});
