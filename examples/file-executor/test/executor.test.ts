import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, copyCorpus, listSourceFiles, runExecutor } from '../src/index.js';

describe('file executor', () => {
  it('gives the same outputs serially, in a pool, and from the cache; a warm run transforms nothing', async () => {
    const root = await copyCorpus(join(await mkdtemp(join(tmpdir(), 'perf-exec-')), 'src'));
    const files = (await listSourceFiles(root)).slice(0, 40);
    const serial = await runExecutor({ files, root, workers: 0 });
    const pooled = await runExecutor({ files, root, workers: 2, batchSize: 4 });
    expect(pooled.outputDigest).toBe(serial.outputDigest);
    expect(pooled.workersStarted).toBe(2);

    const store = new Map<string, string>();
    const cache = { get: (k: string) => Promise.resolve(store.get(k)), set: (k: string, v: string) => Promise.resolve(void store.set(k, v)) };
    const cold = await runExecutor({ files, root, workers: 2, cache });
    expect(cold).toMatchObject({ hits: 0, misses: 40 });
    const warm = await runExecutor({ files, root, workers: 2, cache });
    expect(warm).toMatchObject({ hits: 40, misses: 0, workersStarted: 0, outputDigest: serial.outputDigest });

    // An edit changes that file's key only.
    const edited = files[3];
    await writeFile(edited, `${await readFile(edited, 'utf8')}\n// edited\n`);
    const afterEdit = await runExecutor({ files, root, workers: 2, cache });
    expect(afterEdit).toMatchObject({ hits: 39, misses: 1, workersStarted: 1 });
    expect(afterEdit.outputDigest).not.toBe(serial.outputDigest);
  });

  it('keys on content, path, tool version and config, not on time', () => {
    expect(cacheKey('a.ts', 'x')).toBe(cacheKey('a.ts', 'x'));
    expect(cacheKey('a.ts', 'x')).not.toBe(cacheKey('a.ts', 'y'));
    expect(cacheKey('a.ts', 'x')).not.toBe(cacheKey('b.ts', 'x'));
    expect(cacheKey('a.ts', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
