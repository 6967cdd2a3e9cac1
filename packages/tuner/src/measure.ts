import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import Tinypool from 'tinypool';
import { createCache } from '@perf/cache';
import { poolBreakEven } from './estimate.js';
import { TunerError } from './errors.js';
import { median } from './stats.js';

/** What was measured, side by side in this process. */
export interface MeasuredRun {
  readonly baselineMs: number[];
  readonly tunedMs: number[];
  /** Per-item serial time of the task on the main thread in the first pass after its load (as a fresh run sees it), ms. */
  readonly computeMs: number;
  /** Per-item cost of a cache hit (key hash + get), ms; median over the repetitions. */
  readonly hitMs: number;
  /** Per-item cost a miss adds besides the work (key hash + get + set), ms; median over the repetitions. */
  readonly missOverheadMs: number;
  /** First call of the task on the main thread, less one warm call: module and compiler load, ms. */
  readonly loadMs: number;
  /** Pool start-up (first task on a fresh pool, less one task's work) and tear-down, ms; median over the repetitions. */
  readonly fixedMs: number;
  readonly cachedItems: number;
  /**
   * Every input once through a fresh pool of `workers` (start-up to tear-down), ms; null without workers.
   * Fresh workers pay what a fresh run pays: loading the task and running it before it is optimised.
   */
  readonly freshPoolMs: number | null;
  /**
   * The pool's realised speedup over the serial first pass: items * computeMs / (freshPoolMs - fixedMs);
   * null without workers. Below 1 the pool never pays, whatever the steady-state scaling fit says.
   */
  readonly freshPoolSpeedup: number | null;
}

/** Repetitions per side; every per-item cost is the median over them (one disturbed pass must not steer the estimate). */
export const MEASURE_REPETITIONS = 3;

type TaskFn = (input: unknown) => unknown;

export function taskUrl(task: string | URL): string {
  if (task instanceof URL) return task.href;
  if (/^[a-z]+:/i.test(task)) return task;
  return pathToFileURL(isAbsolute(task) ? task : resolve(task)).href;
}

export async function loadTask(task: string | URL): Promise<TaskFn> {
  const url = taskUrl(task);
  let mod: { default?: unknown };
  try {
    mod = await import(url) as { default?: unknown };
  } catch (error) {
    throw new TunerError('TUNER_TASK', `cannot load the task module ${url}: ${(error as Error).message}`, { hint: 'give --task a JavaScript module (.js/.mjs) whose default export is the worker function', cause: error });
  }
  if (typeof mod.default !== 'function') {
    throw new TunerError('TUNER_TASK', `the task module ${url} has no default export function`, { hint: 'export the worker function as the module default: export default function (input) { ... }' });
  }
  return mod.default as TaskFn;
}

const keyOf = (input: unknown): string => createHash('sha256').update(JSON.stringify(input) ?? 'undefined').digest('hex');

/**
 * Baseline: every input run serially on the main thread, no cache. Tuned: a @perf/cache memory
 * level holding `hitRatio` of the inputs (the estimate's hit ratio), misses run in a tinypool pool
 * of `workers`, or inline for 0 workers or when the model's break-even says the pool would not pay
 * at the speedup a fresh pool realised over every input. Sides alternate, `repetitions` each.
 */
export async function measureSpeedup(options: {
  task: string | URL; inputs: readonly unknown[]; workers: number; hitRatio: number; repetitions?: number;
}): Promise<MeasuredRun> {
  const fn = await loadTask(options.task);
  const inputs = options.inputs;
  const n = inputs.length;
  const every = options.hitRatio > 0 ? 1 / options.hitRatio : Number.POSITIVE_INFINITY;
  const cachedIndex = new Set<number>();
  for (let x = 0; x < n && cachedIndex.size < Math.round(options.hitRatio * n); x += every) cachedIndex.add(Math.floor(x));
  let firstCallMs = 0;
  if (n > 0) {
    const start = performance.now();
    await runInput(fn, inputs[0], options.task);
    firstCallMs = performance.now() - start;
  }
  const baselineMs: number[] = [];
  const tunedMs: number[] = [];
  const results: unknown[] = new Array(n);
  const fixed: number[] = [];
  const hit: number[] = [];
  const missOverhead: number[] = [];
  let startupMs = 0;
  let freshPoolMs: number | null = null;
  // The fresh pool's realised speedup (measured in the first repetition) decides whether the tuned run starts a pool.
  let poolSpeedup = 1;
  for (let rep = 0; rep < (options.repetitions ?? MEASURE_REPETITIONS); rep++) {
    let start = performance.now();
    for (let i = 0; i < n; i++) results[i] = await runInput(fn, inputs[i], options.task);
    baselineMs.push(performance.now() - start);

    if (options.workers > 0 && n > 0) {
      // A fresh pool's first task pays for thread start and the task module's load: a fixed cost per run.
      const probePool = new Tinypool({ filename: taskUrl(options.task), minThreads: options.workers, maxThreads: options.workers });
      const probeStart = performance.now();
      await probePool.run(inputs[0]);
      startupMs = Math.max(0, performance.now() - probeStart - (baselineMs[baselineMs.length - 1] / n));
      await probePool.destroy();
      if (rep === 0) {
        freshPoolMs = await timeFreshPool(options.task, inputs, options.workers);
        poolSpeedup = realisedSpeedup(baselineMs[0], freshPoolMs, startupMs);
      }
    }
    const cache = createCache({ levels: [{ type: 'memory', maxEntries: Math.max(1, n) }] });
    const keys = inputs.map(keyOf);
    for (const i of cachedIndex) await cache.set(keys[i], results[i] ?? null);
    start = performance.now();
    // As the model and the executor do: start the pool only when the misses' work exceeds its start-up.
    const misses = n - cachedIndex.size;
    const computeEach = baselineMs[0] / Math.max(1, n);
    const loadEach = Math.max(0, firstCallMs - computeEach);
    const breakEven = poolBreakEven({ computeMs: computeEach, parallelSpeedup: poolSpeedup, fixedMs: startupMs, loadMs: loadEach });
    const pool = options.workers > 0 && misses >= breakEven
      ? new Tinypool({ filename: taskUrl(options.task), minThreads: options.workers, maxThreads: options.workers })
      : undefined;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const key = keyOf(inputs[i]);
      if ((await cache.get(key)) !== undefined) continue;
      const store = async (value: unknown): Promise<void> => { await cache.set(key, value ?? null); };
      if (pool) pending.push((pool.run(inputs[i]) as Promise<unknown>).then(store));
      else await store(await fn(inputs[i]));
    }
    await Promise.all(pending);
    const destroyStart = performance.now();
    await pool?.destroy();
    tunedMs.push(performance.now() - start);
    fixed.push(startupMs + (performance.now() - destroyStart));

    // Per-item cache costs, measured on the same cache.
    start = performance.now();
    for (let i = 0; i < n; i++) await cache.get(keyOf(inputs[i]));
    hit.push((performance.now() - start) / Math.max(1, n));
    const fresh = createCache({ levels: [{ type: 'memory', maxEntries: Math.max(1, n) }] });
    start = performance.now();
    for (let i = 0; i < n; i++) {
      const key = keyOf(inputs[i]);
      if ((await fresh.get(key)) === undefined) await fresh.set(key, results[i] ?? null);
    }
    missOverhead.push((performance.now() - start) / Math.max(1, n));
    await cache.close();
    await fresh.close();
  }
  // The first pass after the load is what a fresh run pays per item (code not yet optimised);
  // later passes in this process run warmer than any real run of a tool would.
  const computeMs = (baselineMs[0] ?? 0) / Math.max(1, n);
  const fixedMs = median(fixed);
  return {
    baselineMs, tunedMs, computeMs, cachedItems: cachedIndex.size,
    freshPoolMs, freshPoolSpeedup: freshPoolMs === null ? null : realisedSpeedup(baselineMs[0] ?? 0, freshPoolMs, fixedMs),
    hitMs: median(hit), missOverheadMs: median(missOverhead), fixedMs,
    loadMs: Math.max(0, firstCallMs - computeMs),
  };
}


/** Every input once through a fresh pool, start-up to tear-down, ms. */
async function timeFreshPool(task: string | URL, inputs: readonly unknown[], workers: number): Promise<number> {
  const start = performance.now();
  const pool = new Tinypool({ filename: taskUrl(task), minThreads: workers, maxThreads: workers });
  try {
    await Promise.all(inputs.map((input) => pool.run(input) as Promise<unknown>));
  } finally {
    await pool.destroy();
  }
  return performance.now() - start;
}

/** Serial work over the pool's time less its fixed cost (a small floor keeps it finite). */
function realisedSpeedup(serialMs: number, poolMs: number, fixedMs: number): number {
  return serialMs / Math.max(poolMs - fixedMs, serialMs / MAX_REALISED_SPEEDUP);
}

/** A pool that spends almost nothing beyond its fixed cost reads as this speedup, not infinity. */
const MAX_REALISED_SPEEDUP = 64;

/** Runs the task on one input; a throw names the input, so the user can fix the task or drop the input. */
async function runInput(fn: TaskFn, input: unknown, task: string | URL): Promise<unknown> {
  try {
    return await fn(input);
  } catch (error) {
    const shown = (JSON.stringify(input) ?? String(input)).slice(0, 200);
    throw new TunerError('TUNER_TASK', `the task ${taskUrl(task)} threw on the input ${shown}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'fix the task for that input, or leave the input out (--inputs FILE takes a JSON array)', cause: error,
    });
  }
}
