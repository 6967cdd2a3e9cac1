// Against a real redis-server: REDIS_URL in CI, else the one global-setup.ts started. Outage
// tests use a private server of their own, so stopping or pausing it touches no other test.
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createCache, RedisLevel, encodeValue } from '../src/index.js';
import type { CacheWarning } from '../src/index.js';
import { freePort, redisCommand, startRedisServer } from './redis-server.js';
import { sleep, tempDir } from './helpers.js';

const redisUrl = inject('redisUrl');
const prefix = `perf-cache-test:${process.pid}:${Date.now()}:`;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  const cache = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: prefix, timeoutMs: 5000 }] });
  await cache.clear();
  await cache.close();
});

describe('redis level (real server)', () => {
  it('stores, reads, checks, deletes and clears its own keys only', async () => {
    const warnings: CacheWarning[] = [];
    const cache = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: prefix, timeoutMs: 5000 }] });
    cache.on('warning', (w) => warnings.push(w));
    cleanups.push(() => cache.close());
    await cache.set('a', { n: 1 });
    await cache.set('b', Buffer.from([1, 2, 3]));
    expect(await cache.get('a')).toEqual({ n: 1 });
    expect(await cache.get('b')).toEqual(Buffer.from([1, 2, 3]));
    expect(await cache.has('a')).toBe(true);
    await cache.delete('a');
    expect(await cache.get('a')).toBeUndefined();
    const other = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: `other-${prefix}`, timeoutMs: 5000 }] });
    cleanups.push(() => other.close());
    await other.set('x', 'kept');
    await cache.clear();
    expect(await cache.get('b')).toBeUndefined();
    expect(await other.get('x')).toBe('kept');
    await other.clear();
    expect(warnings).toEqual([]);
    expect(cache.stats().levels[0]).toMatchObject({ name: 'redis', type: 'redis', hits: 2, misses: 2 });
  });

  it('expires entries after ttlMs', async () => {
    const port = Number(new URL(redisUrl).port || 6379);
    const long = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: prefix, ttlMs: 60_000, timeoutMs: 5000 }] });
    const short = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: prefix, ttlMs: 50, timeoutMs: 5000 }] });
    cleanups.push(() => long.close(), () => short.close());
    await long.set('long', 'lived');
    const pttl = Number((await redisCommand(port, `PTTL ${prefix}long`)).slice(1));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await short.set('short', 'lived');
    await sleep(150);
    expect(await short.get('short')).toBeUndefined();
    expect(await long.get('long')).toBe('lived');
  });

  it('compresses values when asked', async () => {
    const level = new RedisLevel({ type: 'redis', url: redisUrl, keyPrefix: prefix, compression: 'gzip', timeoutMs: 5000 });
    cleanups.push(() => level.close());
    const encoded = encodeValue('z', 'z'.repeat(100_000));
    await level.set('z', encoded);
    const stored = await level.get('z');
    expect(stored!.length).toBeLessThan(encoded.length / 50);
    const cache = createCache({ levels: [{ type: 'redis', url: redisUrl, keyPrefix: prefix, timeoutMs: 5000 }] });
    cleanups.push(() => cache.close());
    expect(await cache.get('z')).toBe('z'.repeat(100_000));
  });

  it('shares entries between two caches (two processes, one server)', async () => {
    const tmpA = tempDir();
    const tmpB = tempDir();
    cleanups.push(tmpA.remove, tmpB.remove);
    const levels = (dir: string) => [{ type: 'memory' as const }, { type: 'disk' as const, dir, maxBytes: 1 << 20 }, { type: 'redis' as const, url: redisUrl, keyPrefix: prefix, timeoutMs: 5000 }];
    const a = createCache({ levels: levels(tmpA.dir) });
    const b = createCache({ levels: levels(tmpB.dir) });
    cleanups.push(() => a.close(), () => b.close());
    await a.set('shared', 'from a');
    expect(await b.get('shared')).toBe('from a');
    expect(b.metrics()).toEqual({ l1Hits: 0, l2Hits: 0, l3Hits: 1, misses: 0, hitRate: 1 });
    expect(await b.get('shared')).toBe('from a'); // promoted to memory
    expect(b.metrics().l1Hits).toBe(1);
  });
});

describe('redis outages: the cache serves from other levels and warns, callers see no error', () => {
  const outageLevels = (url: string) => [{ type: 'memory' as const, maxEntries: 100 }, { type: 'redis' as const, url, keyPrefix: prefix, timeoutMs: 1000, retryAfterMs: 300 }];

  it('a closed port: warning once, memory still serves', async () => {
    const port = await freePort();
    const cache = createCache({ levels: outageLevels(`redis://127.0.0.1:${port}`) });
    cleanups.push(() => cache.close());
    const warnings: CacheWarning[] = [];
    cache.on('warning', (w) => warnings.push(w));
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.getOrCompute('c', () => 'computed')).toBe('computed');
    expect(warnings.map((w) => [w.code, w.level])).toEqual([['CACHE_REDIS_UNAVAILABLE', 'redis']]);
    expect(warnings[0].message).toContain(`127.0.0.1:${port}`);
  });

  it('a server stopped mid-run, then back: warns, serves from memory, recovers', async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const cache = createCache({ levels: outageLevels(server.url) });
    cleanups.push(() => cache.close());
    const warnings: CacheWarning[] = [];
    cache.on('warning', (w) => warnings.push(w));
    await cache.set('before', 'b');
    await server.stop();
    await cache.set('during', 'd');
    expect(await cache.get('before')).toBe('b');
    expect(await cache.get('during')).toBe('d');
    expect(await cache.get('never')).toBeUndefined();
    expect(warnings.map((w) => w.code)).toContain('CACHE_REDIS_UNAVAILABLE');
    const restarted = await startRedisServer(server.port);
    cleanups.push(() => restarted.stop());
    for (let i = 0; i < 60 && !(cache.levels[1] as RedisLevel).isAvailable; i++) {
      await sleep(100);
      await cache.get('probe');
    }
    await cache.set('after', 'a');
    expect(await redisCommand(server.port, `EXISTS ${prefix}after`)).toBe(':1');
    expect(warnings.slice(0, 2).map((w) => w.code)).toEqual(['CACHE_REDIS_UNAVAILABLE', 'CACHE_REDIS_RECOVERED']);
  });

  it('a paused server (CLIENT PAUSE): late replies count as an outage, the caller gets its value', async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const cache = createCache({ levels: outageLevels(server.url) });
    cleanups.push(() => cache.close());
    const warnings: CacheWarning[] = [];
    cache.on('warning', (w) => warnings.push(w));
    await cache.set('k', 'v');
    expect(await redisCommand(server.port, 'CLIENT PAUSE 2500 ALL')).toBe('+OK');
    expect(await cache.get('k')).toBe('v'); // memory
    expect(await cache.get('other')).toBeUndefined(); // redis is late: a miss, not an error
    await cache.set('x', 'y');
    expect(await cache.get('x')).toBe('y');
    expect(warnings.map((w) => w.code)).toEqual(['CACHE_REDIS_UNAVAILABLE']);
    expect(warnings[0].message).toMatch(/no reply within 1000 ms|aborted|timeout/i);
  });
});
