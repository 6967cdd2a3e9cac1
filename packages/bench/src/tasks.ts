import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Tinypool from 'tinypool';
import type { CacheAdapter } from './caches.js';

/** One benchmark: tinybench calls `fn`; throughput = opsPerCall / latency. */
export interface TaskDefinition {
  readonly name: string;
  readonly group: 'cache' | 'parallel' | 'memory' | 'io';
  readonly unit: 'ops/s' | 'MB/s';
  readonly opsPerCall: number;
  readonly fn: () => unknown;
  readonly beforeAll?: () => void | Promise<void>;
  readonly afterAll?: () => void | Promise<void>;
}

/** Sizes that differ between quick and full runs. */
export interface TaskSizes {
  readonly cacheKeys: number;
  readonly cacheBatch: number;
  readonly poolTasks: number;
  readonly spinIterations: number;
  readonly allocObjects: number;
  readonly ioBytes: number;
}

export const FULL_SIZES: TaskSizes = { cacheKeys: 10_000, cacheBatch: 1000, poolTasks: 16, spinIterations: 200_000, allocObjects: 10_000, ioBytes: 1 << 20 };
export const QUICK_SIZES: TaskSizes = { cacheKeys: 2000, cacheBatch: 200, poolTasks: 8, spinIterations: 50_000, allocObjects: 2000, ioBytes: 1 << 16 };

/** Write, read-hit and miss benchmarks for one cache implementation. */
export function cacheTasks(label: string, make: (capacity: number) => Promise<CacheAdapter>, sizes: TaskSizes): TaskDefinition[] {
  const keys = Array.from({ length: sizes.cacheKeys }, (_, i) => `key:${i}`);
  const absent = Array.from({ length: sizes.cacheKeys }, (_, i) => `absent:${i}`);
  const batch = sizes.cacheBatch;
  let cursor = 0;
  const next = (): number => { const c = cursor; cursor = (cursor + batch) % keys.length; return c; };
  let writeCache: CacheAdapter | undefined;
  let readCache: CacheAdapter | undefined;
  const filled = async (): Promise<CacheAdapter> => {
    const c = await make(keys.length);
    for (const k of keys) c.set(k, k);
    return c;
  };
  return [
    {
      name: `cache/${label}/write`, group: 'cache', unit: 'ops/s', opsPerCall: batch,
      // capacity is half the key space, so writes evict
      beforeAll: async () => { writeCache = await make(keys.length >> 1); },
      fn: () => { const c = next(); for (let i = 0; i < batch; i++) writeCache!.set(keys[(c + i) % keys.length], i); },
    },
    {
      name: `cache/${label}/read-hit`, group: 'cache', unit: 'ops/s', opsPerCall: batch,
      beforeAll: async () => { readCache = await filled(); },
      fn: () => {
        const c = next();
        let hits = 0;
        for (let i = 0; i < batch; i++) if (readCache!.get(keys[(c + i) % keys.length]) !== undefined) hits++;
        return hits;
      },
    },
    {
      name: `cache/${label}/miss`, group: 'cache', unit: 'ops/s', opsPerCall: batch,
      beforeAll: async () => { readCache = await filled(); },
      fn: () => {
        const c = next();
        let misses = 0;
        for (let i = 0; i < batch; i++) if (readCache!.get(absent[(c + i) % absent.length]) === undefined) misses++;
        return misses;
      },
    },
  ];
}

const spinInline = (iterations: number): number => {
  let x = 2463534242;
  for (let i = 0; i < iterations; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
  return x >>> 0;
};

/** A serial reference and a tinypool pool per size, each running `poolTasks` CPU tasks per call. */
export function parallelTasks(poolSizes: readonly number[], sizes: TaskSizes, workerFile: URL): TaskDefinition[] {
  const input = { iterations: sizes.spinIterations };
  const tasks: TaskDefinition[] = [{
    name: 'parallel/serial', group: 'parallel', unit: 'ops/s', opsPerCall: sizes.poolTasks,
    fn: () => { let s = 0; for (let i = 0; i < sizes.poolTasks; i++) s ^= spinInline(input.iterations); return s; },
  }];
  for (const threads of poolSizes) {
    let pool: Tinypool | undefined;
    tasks.push({
      name: `parallel/tinypool-${threads}`, group: 'parallel', unit: 'ops/s', opsPerCall: sizes.poolTasks,
      beforeAll: async () => {
        pool = new Tinypool({ filename: workerFile.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
        await Promise.all(Array.from({ length: threads }, () => pool!.run({ iterations: 1 })));
      },
      afterAll: async () => { await pool?.destroy(); pool = undefined; },
      fn: () => Promise.all(Array.from({ length: sizes.poolTasks }, () => pool!.run(input) as Promise<number>)),
    });
  }
  return tasks;
}

let sink: unknown;
/** Last allocation, readable so the work is observable. */
export const allocationSink = (): unknown => sink;

/** Short-lived allocation: small objects and 64 KiB buffers. */
export function memoryTasks(sizes: TaskSizes): TaskDefinition[] {
  return [
    {
      name: 'memory/small-objects', group: 'memory', unit: 'ops/s', opsPerCall: sizes.allocObjects,
      // kept in a module-level sink so V8 cannot elide the allocation
      fn: () => { const out = new Array<{ id: number; tag: string }>(sizes.allocObjects); for (let i = 0; i < out.length; i++) out[i] = { id: i, tag: 't' }; sink = out; },
    },
    {
      name: 'memory/buffers-64k', group: 'memory', unit: 'MB/s', opsPerCall: (16 * 65536) / 1e6,
      fn: () => { let s = 0; for (let i = 0; i < 16; i++) s += Buffer.alloc(65536).length; return s; },
    },
  ];
}

/** Write then read back a temp file of `ioBytes`; MB/s counts both directions. */
export function ioTasks(sizes: TaskSizes): TaskDefinition[] {
  let dir = '';
  const payload = Buffer.alloc(sizes.ioBytes, 7);
  return [{
    name: 'io/file-write-read', group: 'io', unit: 'MB/s', opsPerCall: (2 * sizes.ioBytes) / 1e6,
    beforeAll: () => { dir = mkdtempSync(join(tmpdir(), 'perf-bench-io-')); },
    afterAll: () => { rmSync(dir, { recursive: true, force: true }); },
    fn: () => { const f = join(dir, 'blob'); writeFileSync(f, payload); return readFileSync(f).length; },
  }];
}
