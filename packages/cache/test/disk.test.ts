import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache, DiskLevel, encodeValue } from '../src/index.js';
import type { CacheWarning, DiskLevelOptions } from '../src/index.js';
import { entryName } from '../src/disk-format.js';
import { tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function level(options: Partial<DiskLevelOptions> = {}): { disk: DiskLevel; dir: string; warnings: Omit<CacheWarning, 'level'>[] } {
  const dir = options.dir ?? tempDir().dir;
  cleanups.push(() => tempDirRemove(dir));
  const warnings: Omit<CacheWarning, 'level'>[] = [];
  const disk = new DiskLevel({ type: 'disk', maxBytes: 1 << 20, ...options, dir }, (w) => warnings.push(w));
  return { disk, dir, warnings };
}
function tempDirRemove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
const enc = (v: unknown): Buffer => encodeValue('k', v);
function entryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
}

describe('disk level', () => {
  it('stores one file per entry named by the key hash, inside the folder', async () => {
    const { disk, dir } = level();
    await disk.set('../../escape', enc('x'));
    await disk.set('plain', enc('y'));
    const files = entryFiles(dir);
    expect(files.sort()).toEqual([join(dir, entryName('../../escape').slice(0, 2), entryName('../../escape')), join(dir, entryName('plain').slice(0, 2), entryName('plain'))].sort());
    expect(await disk.get('../../escape')).toEqual(enc('x'));
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('serves a damaged entry as a miss, removes the file, and warns', async () => {
    const { disk, dir, warnings } = level();
    await disk.set('k', enc('value'));
    const [file] = entryFiles(dir);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    expect(await disk.get('k')).toBeUndefined();
    expect(entryFiles(dir)).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['CACHE_DISK_CORRUPT_ENTRY']);
    expect(disk.stats()).toMatchObject({ hits: 0, misses: 1, entries: 0 });
  });

  it('serves a truncated (torn) file as a miss', async () => {
    const { disk, dir } = level();
    await disk.set('k', enc(Buffer.alloc(5000, 7)));
    const [file] = entryFiles(dir);
    writeFileSync(file, readFileSync(file).subarray(0, 3000));
    expect(await disk.get('k')).toBeUndefined();
  });

  it('keeps the byte budget by evicting least recently used files', async () => {
    let clock = 1_000_000;
    const { disk, dir } = level({ maxBytes: 10_000, now: () => clock });
    await disk.whenReady();
    for (let i = 0; i < 30; i++) {
      clock += 1000;
      await disk.set(`k${i}`, enc(Buffer.alloc(1000, i)));
      if (i >= 1) {
        clock += 1000;
        await disk.get('k0'); // k0 stays hot
      }
    }
    const total = entryFiles(dir).reduce((sum, f) => sum + statSync(f).size, 0);
    expect(total).toBeLessThanOrEqual(10_000);
    expect(disk.stats().bytes).toBe(total);
    expect(await disk.get('k0')).toEqual(enc(Buffer.alloc(1000, 0)));
    expect(await disk.get('k29')).toEqual(enc(Buffer.alloc(1000, 29)));
    expect(await disk.get('k5')).toBeUndefined();
    expect(disk.stats().evictions).toBeGreaterThan(0);
  });

  it('evicts by generation: entries unused in the last N runs go at a run start', async () => {
    let clock = 1_000_000;
    const tick = (): number => (clock += 1000);
    const { disk, dir } = level({ eviction: 'generation', generations: 2, now: tick });
    await disk.whenReady();
    await disk.set('old', enc('o'));
    await disk.set('kept', enc('k'));
    await disk.beginRun(); // run 2
    expect(await disk.get('kept')).toBeDefined();
    await disk.beginRun('build-3'); // run 3: 'old' was unused in runs 2 and 3
    expect(await disk.has('old')).toBe(false);
    expect(await disk.has('kept')).toBe(true);
    // Another process of the same build joins run 3 through runs.log (no new run)...
    const joined = new DiskLevel({ type: 'disk', dir, maxBytes: 1 << 20, eviction: 'generation', generations: 2, now: tick, runId: 'build-3' });
    await joined.whenReady();
    expect(await joined.has('kept')).toBe(true);
    // ...while a process of a new build starts run 4: 'kept' was unused in runs 3 and 4.
    const next = new DiskLevel({ type: 'disk', dir, maxBytes: 1 << 20, eviction: 'generation', generations: 2, now: tick });
    await next.whenReady();
    expect(await next.has('kept')).toBe(false);
  });

  it.each([
    ['lru', 0],
    ['generation', 1],
  ] as const)('an executor-like run over more files than fit: %s', async (eviction, expectHits) => {
    // Every run looks up the same 40 files in order; the budget holds about 30 of them.
    let clock = 1_000_000;
    const value = enc(Buffer.alloc(500, 1));
    const fileBytes = 16 + 'file-00'.length + value.length;
    const { disk } = level({ maxBytes: fileBytes * 30, eviction, generations: 2, now: () => (clock += 10) });
    await disk.whenReady();
    let hits = 0;
    for (let run = 0; run < 4; run++) {
      if (run > 0) await disk.beginRun();
      for (let f = 0; f < 40; f++) {
        const key = `file-${String(f).padStart(2, '0')}`;
        if ((await disk.get(key)) !== undefined) {
          if (run > 0) hits++;
        } else {
          await disk.set(key, value);
        }
      }
    }
    if (expectHits === 0) expect(hits).toBe(0);
    else expect(hits).toBeGreaterThan(40 * 3 * 0.5);
    expect(disk.stats().bytes).toBeLessThanOrEqual(fileBytes * 30);
  });

  it('evicts by age', async () => {
    let clock = 1_000_000;
    const { disk } = level({ maxAgeMs: 10_000, now: () => clock });
    await disk.whenReady();
    await disk.set('a', enc('a'));
    clock += 5_000;
    await disk.set('b', enc('b'));
    clock += 6_000;
    await disk.beginRun();
    expect(await disk.has('a')).toBe(false);
    expect(await disk.has('b')).toBe(true);
  });

  it('compresses when asked and reads it back', async () => {
    const { disk, dir } = level({ compression: 'brotli' });
    const value = enc('repetitive '.repeat(5000));
    await disk.set('k', value);
    expect(statSync(entryFiles(dir)[0]).size).toBeLessThan(value.length / 10);
    const stored = await disk.get('k');
    expect(stored!.length).toBeLessThan(value.length);
    const cache = createCache({ levels: [{ type: 'disk', dir, maxBytes: 1 << 20 }] });
    expect(await cache.get('k')).toBe('repetitive '.repeat(5000));
    await cache.close();
  });

  it.each(['ENOSPC', 'EROFS', 'EACCES'])('disables itself with one warning on %s, and still reads', async (code) => {
    let fail = false;
    const { disk, warnings } = level({
      fs: {
        writeNew: async (path, data, durable) => {
          if (fail) throw Object.assign(new Error(`${code}: simulated`), { code });
          const { nodeDiskFs } = await import('../src/disk-fs.js');
          return nodeDiskFs.writeNew(path, data, durable);
        },
      },
    });
    await disk.set('before', enc('b'));
    fail = true;
    await disk.set('x', enc('x'));
    await disk.set('y', enc('y'));
    expect(disk.isWritable).toBe(false);
    expect(warnings.map((w) => w.code)).toEqual(['CACHE_DISK_DISABLED']);
    expect(warnings[0].message).toContain(code);
    expect(await disk.get('before')).toEqual(enc('b'));
    expect(await disk.get('x')).toBeUndefined();
  });

  it('disables itself when the folder cannot be created', async () => {
    const { dir } = level();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'not a folder');
    const warnings: Omit<CacheWarning, 'level'>[] = [];
    const disk = new DiskLevel({ type: 'disk', dir: join(blocker, 'cache'), maxBytes: 1000 }, (w) => warnings.push(w));
    await disk.set('k', enc('v'));
    expect(await disk.get('k')).toBeUndefined();
    expect(warnings.length).toBeGreaterThan(0);
  });
});
