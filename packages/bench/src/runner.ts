import { Bench } from 'tinybench';
import { BUILTIN_CACHES, DEFAULT_CACHE_EXPORT, type CacheAdapter, type CacheFactory, type CacheSource } from './caches.js';
import { opsPerSecond, type Estimator } from './measure.js';
import { mulberry32, shuffled } from './stats.js';
import { cacheTasks, FULL_SIZES, ioTasks, memoryTasks, parallelTasks, QUICK_SIZES, type TaskDefinition } from './tasks.js';

/** What one process runs; JSON-serialisable except function cache factories (inline only). */
export interface RunConfig {
  readonly quick: boolean;
  /** Builtin name (`lru-cache`, `Map`), module spec, or (inline only) a factory. */
  readonly caches: Readonly<Record<string, string | CacheSource>>;
  readonly poolSizes: readonly number[];
  /** Regular expression source; only matching benchmark names run. */
  readonly only?: string;
  readonly time: number;
  readonly warmupTime: number;
  readonly estimator: Estimator;
  /** Seed of this process's task order. */
  readonly seed: number;
}

export type TaskOutcome =
  | { readonly ok: true; readonly value: number; readonly unit: string }
  | { readonly ok: false; readonly error: string; readonly unit: string };

export interface ProcessRun {
  /** Task names in the order they ran. */
  readonly order: readonly string[];
  readonly results: Readonly<Record<string, TaskOutcome>>;
}

async function resolveFactory(name: string, source: string | CacheSource): Promise<CacheFactory> {
  if (typeof source === 'function') return source;
  if (typeof source === 'string') {
    const builtin = BUILTIN_CACHES[source];
    if (builtin === undefined) throw new Error(`cache '${name}': unknown builtin '${source}' (known: ${Object.keys(BUILTIN_CACHES).join(', ')})`);
    return builtin;
  }
  const mod = (await import(source.module)) as Record<string, unknown>;
  const exported = mod[source.export ?? DEFAULT_CACHE_EXPORT];
  if (typeof exported !== 'function') {
    throw new Error(`cache '${name}': ${source.module} has no function export '${source.export ?? DEFAULT_CACHE_EXPORT}'`);
  }
  return exported as CacheFactory;
}

/** Every task the config asks for, unfiltered and unshuffled; a cache whose source cannot load gives one failing task. */
export async function buildTasks(config: RunConfig, workerFile: URL): Promise<TaskDefinition[]> {
  const sizes = config.quick ? QUICK_SIZES : FULL_SIZES;
  const tasks: TaskDefinition[] = [];
  for (const [label, source] of Object.entries(config.caches)) {
    let factory: CacheFactory;
    try {
      factory = await resolveFactory(label, source);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      tasks.push({ name: `cache/${label}/load`, group: 'cache', unit: 'ops/s', opsPerCall: 1, fn: () => { throw new Error(message); } });
      continue;
    }
    const make = async (capacity: number): Promise<CacheAdapter> => factory(capacity);
    tasks.push(...cacheTasks(label, make, sizes));
  }
  tasks.push(...parallelTasks(config.poolSizes, sizes, workerFile), ...memoryTasks(sizes), ...ioTasks(sizes));
  return tasks;
}

/** Run one task alone with tinybench; any throw (setup, body, teardown) becomes a failed outcome. */
export async function runTask(task: TaskDefinition, config: RunConfig): Promise<TaskOutcome> {
  try {
    await task.beforeAll?.();
    try {
      const bench = new Bench({ time: config.time, warmupTime: config.warmupTime, throws: true });
      bench.add(task.name, task.fn);
      await bench.run();
      const result = bench.tasks[0].result;
      if (result.state !== 'completed') return { ok: false, error: `tinybench state ${result.state}`, unit: task.unit };
      const latency = config.estimator === 'min' && result.latency.min > 0 ? result.latency.min : result.latency.p50;
      return { ok: true, value: opsPerSecond(latency, task.opsPerCall), unit: task.unit };
    } finally {
      await task.afterAll?.();
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), unit: task.unit };
  }
}

/** One process's work: build, filter, shuffle (seeded), run every task; never throws for a task. */
export async function runProcess(config: RunConfig, workerFile: URL): Promise<ProcessRun> {
  const only = config.only === undefined ? undefined : new RegExp(config.only);
  const tasks = shuffled((await buildTasks(config, workerFile)).filter((t) => only === undefined || only.test(t.name)), mulberry32(config.seed));
  const results: Record<string, TaskOutcome> = {};
  for (const task of tasks) results[task.name] = await runTask(task, config);
  return { order: tasks.map((t) => t.name), results };
}
