// One executor run in a fresh process, as a user would start it: `node dist/bench-child.js '<json>'`.
// Prints one JSON line with the run's figures (measured in this process).
import { createCache } from '@perf/cache';
import { runExecutor } from './executor.js';
import { listSourceFiles } from './corpus.js';

export interface ChildConfig {
  readonly root: string;
  readonly workers: number;
  readonly batchSize: number;
  readonly inlineBelow?: number;
  /** No cache when null. */
  readonly cache: null | { readonly dir: string; readonly memoryEntries: number; readonly diskBytes: number; readonly policy?: string };
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const files = await listSourceFiles(config.root);
const cache = config.cache
  ? createCache({
    levels: [
      { type: 'memory', maxEntries: config.cache.memoryEntries, ...(config.cache.policy ? { policy: config.cache.policy as 'lru' } : {}) },
      { type: 'disk', dir: config.cache.dir, maxBytes: config.cache.diskBytes, eviction: 'generation' },
    ],
  })
  : undefined;
const run = await runExecutor({ files, root: config.root, workers: config.workers, batchSize: config.batchSize, inlineBelow: config.inlineBelow ?? 0, ...(cache ? { cache } : {}) });
await cache?.close();
process.stdout.write(`${JSON.stringify(run)}\n`);
