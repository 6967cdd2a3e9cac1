import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import Tinypool from 'tinypool';
import { COMPILER_OPTIONS, toolVersion, transformBatch, type TransformInput, type TransformOutput } from './transform.js';

/** The part of a cache the executor uses (a @perf/cache instance fits). */
export interface ExecutorCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
}

export interface ExecutorOptions {
  /** Absolute paths of the files to transform. */
  readonly files: readonly string[];
  /** Root the cache keys' paths are relative to. */
  readonly root: string;
  /** Worker threads for the misses; 0 runs them on the main thread. */
  readonly workers: number;
  /** Files per task sent to a worker. @default 8 */
  readonly batchSize?: number;
  /** Content-hash cache; none means every file is transformed. */
  readonly cache?: ExecutorCache;
  /** Fewer misses than this run on the main thread: a pool's start-up (threads, compiler load) would cost more. @default 0 */
  readonly inlineBelow?: number;
}

export interface ExecutorRun {
  readonly files: number;
  readonly hits: number;
  readonly misses: number;
  readonly workersStarted: number;
  readonly wallMs: number;
  /** Order-independent digest of every output, to check that configurations agree. */
  readonly outputDigest: string;
}

const DEFAULT_BATCH_SIZE = 8;
const KEY_PREFIX = `${toolVersion()}|${JSON.stringify(COMPILER_OPTIONS)}|`;

/** Content hash + tool version + config: mtime would be wrong (npm tarballs stamp every file alike). */
export function cacheKey(relativePath: string, source: string): string {
  return createHash('sha256').update(KEY_PREFIX).update(relativePath).update('\0').update(source).digest('hex');
}

/** One run of the executor over every file: cache checked on the main thread, workers only for the misses. */
export async function runExecutor(options: ExecutorOptions): Promise<ExecutorRun> {
  const start = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const inputs: TransformInput[] = await Promise.all(
    options.files.map(async (file) => ({ path: relative(options.root, file), source: await readFile(file, 'utf8') })),
  );
  const keys = inputs.map((input) => cacheKey(input.path, input.source));
  const outputs = new Array<string | undefined>(inputs.length);
  const missing: number[] = [];
  if (options.cache) {
    const found = await Promise.all(keys.map((key) => options.cache!.get(key)));
    found.forEach((value, i) => {
      // Anything but a string output (a foreign or damaged entry) is treated as a miss.
      if (typeof value === 'string') outputs[i] = value;
      else missing.push(i);
    });
  } else {
    for (let i = 0; i < inputs.length; i++) missing.push(i);
  }

  let workersStarted = 0;
  if (missing.length > 0) {
    const batches: number[][] = [];
    for (let i = 0; i < missing.length; i += batchSize) batches.push(missing.slice(i, i + batchSize));
    const usePool = options.workers > 0 && missing.length >= (options.inlineBelow ?? 0);
    const results: TransformOutput[][] = usePool
      ? await runInPool(batches.map((b) => b.map((i) => inputs[i])), Math.min(options.workers, batches.length), (n) => { workersStarted = n; })
      : batches.map((b) => transformBatch(b.map((i) => inputs[i])));
    const stores: Promise<unknown>[] = [];
    batches.forEach((batch, b) => batch.forEach((index, j) => {
      const output = results[b][j].output;
      outputs[index] = output;
      if (options.cache) stores.push(options.cache.set(keys[index], output));
    }));
    await Promise.all(stores);
  }

  const digest = createHash('sha256');
  for (const output of outputs) digest.update(createHash('sha256').update(output ?? '').digest());
  return {
    files: inputs.length,
    hits: inputs.length - missing.length,
    misses: missing.length,
    workersStarted,
    wallMs: performance.now() - start,
    outputDigest: digest.digest('hex'),
  };
}

async function runInPool(batches: TransformInput[][], workers: number, started: (n: number) => void): Promise<TransformOutput[][]> {
  const pool = new Tinypool({
    filename: new URL('../dist/transform-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  started(workers);
  try {
    return await Promise.all(batches.map((batch) => pool.run(batch) as Promise<TransformOutput[]>));
  } finally {
    await pool.destroy();
  }
}
