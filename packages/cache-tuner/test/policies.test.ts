import { describe, expect, it } from 'vitest';
import { createPolicy, nextAccessIndex, policyNames, simulate } from '../src/index.js';

function run(name: string, capacity: number, seq: number[]): { hits: number; evicted: number[] } {
  const evicted: number[] = [];
  const nextAccess = nextAccessIndex(Uint32Array.from(seq));
  const p = createPolicy(name, { capacity, onEvict: (id) => evicted.push(id), nextAccess });
  let hits = 0;
  for (const id of seq) if (p.access(id)) hits++;
  return { hits, evicted };
}

// A deterministic pseudo-random skewed sequence.
function skewed(n: number, keys: number, seed = 7): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const u = x / 2 ** 32;
    out.push(Math.floor(keys * u * u * u));
  }
  return out;
}

describe.each(policyNames())('policy %s (shared suite)', (name) => {
  const seq = skewed(20_000, 2_000);
  const nextAccess = nextAccessIndex(Uint32Array.from(seq));

  it('never holds more than its capacity, and reports every entry that leaves', () => {
    const resident = new Set<number>();
    const p = createPolicy(name, { capacity: 100, nextAccess, onEvict: (id) => resident.delete(id) });
    for (const id of seq) {
      const hit = p.access(id);
      if (hit && name !== 'lirs') expect(resident.has(id)).toBe(true);
      if (p.contains(id)) resident.add(id);
      if (p.size > 100 || p.used > 100) expect.fail(`${name} holds ${p.size} entries (${p.used} used) over capacity 100`);
    }
    if (name !== 'lirs') for (const id of resident) expect(p.contains(id)).toBe(true);
  });

  it('replay counts the same hits as access one by one', () => {
    const a = createPolicy(name, { capacity: 64, nextAccess });
    const b = createPolicy(name, { capacity: 64, nextAccess });
    let hits = 0;
    for (const id of seq) if (a.access(id)) hits++;
    expect(b.replay(Uint32Array.from(seq))).toBe(hits);
    expect(hits).toBeGreaterThan(0);
  });

  it('hits a repeated id, removes it on request, and grows past maxIdHint', () => {
    const p = createPolicy(name, { capacity: 8, maxIdHint: 16, nextAccess: nextAccessIndex(Uint32Array.from([70_000, 70_000, 70_000])) });
    expect(p.access(70_000)).toBe(false);
    expect(p.access(70_000)).toBe(true);
    expect(p.contains(70_000)).toBe(true);
    expect(p.remove(70_000)).toBe(true);
    expect(p.contains(70_000)).toBe(false);
  });

  it('keeps byte capacity and declines objects larger than the cache', () => {
    const evicted: number[] = [];
    const sizes = [3, 5, 2, 7, 11, 4, 6];
    const ids = Uint32Array.from([1, 2, 3, 4, 5, 6, 1]);
    const p = createPolicy(name, { capacity: 10, unit: 'bytes', onEvict: (id) => evicted.push(id), nextAccess: nextAccessIndex(ids) });
    for (let i = 0; i < ids.length; i++) {
      p.access(ids[i], sizes[i]);
      expect(p.used).toBeLessThanOrEqual(10);
    }
    expect(p.contains(5)).toBe(false);
    expect(evicted).toContain(5);
  });
});

describe('exact scenarios', () => {
  it('clock gives a second chance to referenced entries', () => {
    // 1 2 3 fill; 1 hit sets its bit; 4 evicts 2 (1 is spared and cleared); 1 hits again.
    expect(run('clock', 3, [1, 2, 3, 1, 4, 1, 2])).toEqual({ hits: 2, evicted: [2, 3] });
  });
  it('sieve keeps visited entries in place and moves its hand', () => {
    expect(run('sieve', 3, [1, 2, 3, 1, 4, 5, 1])).toEqual({ hits: 2, evicted: [2, 3] });
  });
  it('lfu evicts the least frequent, the oldest among ties, and forgets counts', () => {
    expect(run('lfu', 2, [1, 1, 2, 3, 2, 3])).toEqual({ hits: 1, evicted: [2, 3, 2] });
  });
  it('belady evicts the entry needed farthest in the future', () => {
    expect(run('belady', 2, [1, 2, 3, 1, 2, 3])).toEqual({ hits: 2, evicted: [2, 1] });
  });
  it('s3fifo sends one-hit wonders to the ghost and admits ghost hits into main', () => {
    const r = run('s3fifo', 10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 1]);
    expect(r.evicted).toEqual([1, 2]);
    expect(r.hits).toBe(1);
  });
  it('arc moves an entry hit twice into T2 and survives a scan', () => {
    const p = createPolicy('arc', { capacity: 4 });
    for (const id of [1, 1, 2, 2]) p.access(id);
    for (let id = 100; id < 110; id++) p.access(id);
    expect(p.contains(1) || p.contains(2)).toBe(true);
  });
  it('wtinylfu keeps a frequent entry through a scan that lru loses it to', () => {
    const seq = [1, 1, 1, 1, 1];
    for (let id = 100; id < 400; id++) seq.push(id, 1);
    const lru = createPolicy('lru', { capacity: 50 });
    const w = createPolicy('wtinylfu', { capacity: 50 });
    for (const id of seq) {
      lru.access(id);
      w.access(id);
    }
    expect(w.contains(1)).toBe(true);
    expect(run('wtinylfu', 50, seq).hits).toBeGreaterThanOrEqual(run('lru', 50, seq).hits);
  });
});

describe('wtinylfu counts key hashes (keyHash), so ids may be recycled', () => {
  // A Zipf-like sequence over 400 keys, cache of 40: enough evictions and admissions duels.
  const keys = Array.from({ length: 20_000 }, (_, i) => Math.floor(400 * Math.pow(((i * 7919) % 10_007) / 10_007, 3)));
  const trace = { ids: Uint32Array.from(keys), requests: keys.length, uniqueKeys: 400 };

  it('gives the same hits with keyHash = id as without it', () => {
    const hashes = Uint32Array.from(keys);
    const [plain] = simulate(trace, { policies: ['wtinylfu'], sizes: [40] });
    const [hashed] = simulate({ ...trace, hashes }, { policies: ['wtinylfu'], sizes: [40] });
    expect(hashed.hits).toBe(plain.hits);
  });

  it('gives the same hits when a runtime recycles ids at once and passes the key as keyHash', () => {
    const [expected] = simulate({ ...trace, hashes: Uint32Array.from(keys) }, { policies: ['wtinylfu'], sizes: [40] });
    // A runtime: key → id while resident; an evicted key's id is reused by the next new key.
    const idOf = new Map<number, number>();
    const keyOfId: number[] = [];
    const free: number[] = [];
    const policy = createPolicy('wtinylfu', {
      capacity: 40,
      onEvict: (id) => {
        idOf.delete(keyOfId[id]);
        free.push(id);
      },
    });
    let hits = 0;
    for (const key of keys) {
      let id = idOf.get(key);
      if (id === undefined) {
        id = free.pop() ?? keyOfId.length;
        keyOfId[id] = key;
        idOf.set(key, id);
      }
      if (policy.access(id, undefined, key)) hits++;
    }
    expect(hits).toBe(expected.hits);
    expect(idOf.size).toBe(policy.size);
  });

  it('rejects hashes of the wrong length with INVALID_OPTION', () => {
    expect(() => simulate({ ...trace, hashes: new Uint32Array(3) }, { policies: ['wtinylfu'], sizes: [40] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
