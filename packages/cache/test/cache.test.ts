import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from '@perf/cache-tuner';
import { TraceRecorder } from '@perf/workload';
import { CacheError, createCache } from '../src/index.js';
import type { Cache, CacheWarning } from '../src/index.js';
import { sleep, tempDir } from './helpers.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function twoLevels(): Cache {
  const tmp = tempDir();
  const cache = createCache({ levels: [{ type: 'memory', maxEntries: 2, policy: 'lru' }, { type: 'disk', dir: tmp.dir, maxBytes: 1 << 20 }] });
  cleanups.push(tmp.remove, () => cache.close());
  return cache;
}

describe('createCache', () => {
  it('stores and returns Buffers, strings and structured values', async () => {
    const cache = twoLevels();
    await cache.set('buf', Buffer.from('bytes'));
    await cache.set('str', 'text');
    await cache.set('obj', { list: [1, 2], nested: { ok: true } });
    expect(await cache.get('buf')).toEqual(Buffer.from('bytes'));
    expect(await cache.get('str')).toBe('text');
    expect(await cache.get('obj')).toEqual({ list: [1, 2], nested: { ok: true } });
    expect(await cache.get('nope')).toBeUndefined();
    expect(await cache.has('str')).toBe(true);
    await cache.delete('str');
    expect(await cache.has('str')).toBe(false);
    await cache.clear();
    expect(await cache.get('buf')).toBeUndefined();
  });

  it('serves from disk what memory evicted, then promotes it, and counts per level', async () => {
    const cache = twoLevels();
    for (const k of ['a', 'b', 'c']) await cache.set(k, k); // memory holds b, c
    expect(await cache.get('a')).toBe('a'); // disk hit, promoted
    expect(cache.levels[0].type === 'memory' && (cache.levels[0] as { has(k: string): boolean }).has('a')).toBe(true);
    expect(await cache.get('a')).toBe('a'); // memory hit
    expect(await cache.get('zz')).toBeUndefined();
    const { levels } = cache.stats();
    expect(levels.map((l) => [l.name, l.type, l.hits, l.misses])).toEqual([
      ['memory', 'memory', 1, 2],
      ['disk', 'disk', 1, 1],
    ]);
    expect(levels[1].entries).toBe(3);
    expect(levels[1].bytes).toBeGreaterThan(0);
    expect(cache.metrics()).toEqual({ l1Hits: 1, l2Hits: 1, l3Hits: 0, misses: 1, hitRate: 2 / 3 });
  });

  it('getOrCompute computes once for concurrent misses of one key', async () => {
    const cache = createCache();
    let calls = 0;
    const compute = async (key: string): Promise<string> => {
      calls++;
      await sleep(20);
      return `v:${key}`;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute('k', compute)));
    expect(results).toEqual(Array(10).fill('v:k'));
    expect(calls).toBe(1);
    expect(await cache.getOrCompute('k', compute)).toBe('v:k');
    expect(calls).toBe(1);
  });

  it('getOrCompute does not cache a failure, and every waiter sees it', async () => {
    const cache = createCache();
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls++;
      await sleep(5);
      throw new Error('boom');
    };
    const settled = await Promise.allSettled([cache.getOrCompute('k', failing), cache.getOrCompute('k', failing)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(await cache.getOrCompute('k', () => 'ok')).toBe('ok');
  });

  it('records every get on the recorder', async () => {
    const seen: [string, unknown][] = [];
    const cache = createCache({ recorder: { record: (key, meta) => seen.push([key, meta]) } });
    await cache.set('a', 'x');
    await cache.get('a');
    await cache.get('b');
    expect(seen).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
  });

  it('a run recorded by TraceRecorder replays in the simulator to the misses the cache had', async () => {
    const recorder = new TraceRecorder();
    const cache = createCache({ levels: [{ type: 'memory', maxEntries: 50, policy: 's3fifo' }], recorder });
    for (let i = 0; i < 5_000; i++) {
      const key = `file-${(i * i) % 173}-${i % 7 === 0 ? i : 0}`;
      await cache.getOrCompute(key, () => key.length);
    }
    const trace = recorder.toTrace();
    expect(trace.requests).toBe(5_000);
    const [row] = simulate(trace, { policies: ['s3fifo'], sizes: [50] });
    expect(row.misses).toBe(cache.metrics().misses);
  });

  it('rejects keys and values of the wrong type with a code and the value named', async () => {
    const cache = twoLevels();
    const failure = async (p: Promise<unknown>): Promise<CacheError> => {
      try {
        await p;
      } catch (e) {
        return e as CacheError;
      }
      throw new Error('expected a rejection');
    };
    const badKey = await failure(cache.get(42 as unknown as string));
    expect(badKey).toBeInstanceOf(CacheError);
    expect(badKey.code).toBe('CACHE_INVALID_KEY');
    expect(badKey.message).toContain('number 42');
    expect((await failure(cache.set('', 'x'))).code).toBe('CACHE_INVALID_KEY');
    const undef = await failure(cache.set('k', undefined));
    expect(undef.code).toBe('CACHE_INVALID_VALUE');
    expect(undef.message).toContain('undefined');
    const fn = await failure(cache.set('k', function handler() {}));
    expect(fn.message).toContain('function handler');
    const deep = await failure(cache.set('k', { x: Symbol('s') }));
    expect(deep.code).toBe('CACHE_VALUE_NOT_SERIALIZABLE');
  });

  it('rejects unknown level types and use after close', async () => {
    expect(() => createCache({ levels: [{ type: 'tape' } as never] })).toThrow(/levels\[0\]\.type/);
    const cache = createCache();
    await cache.close();
    await expect(cache.get('k')).rejects.toMatchObject({ code: 'CACHE_CLOSED' });
  });

  it('emits warnings as events, never errors', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const warnings: CacheWarning[] = [];
    const cache = createCache({
      levels: [
        { type: 'memory' },
        { type: 'disk', dir: tmp.dir, maxBytes: 1 << 20, fs: { writeNew: () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) } },
      ],
    });
    cache.on('warning', (w) => warnings.push(w));
    await cache.set('a', 'x');
    await cache.set('b', 'y');
    expect(await cache.get('a')).toBe('x');
    expect(warnings.map((w) => [w.code, w.level])).toEqual([['CACHE_DISK_DISABLED', 'disk']]);
    await cache.close();
  });
});
