// calibrate(): measure the real task in tinypool at worker counts chosen by a search, fit the
// USL, and say what pool (or the main thread) to use. Faults and the budget are results.
import { performance } from 'node:perf_hooks';
import { WorkerOptimizerError } from './errors.js';
import { fitUsl, type UslFit } from './fit.js';
import { batchSizeFor, coreCap, describeModel, goetzThreads, memoryCap, uvThreadpoolSize, type ModelResult } from './models.js';
import type { PoolMode } from './optimizer.js';
import { PoolRunner, type Fault, type FaultKind } from './pool.js';
import { recommendFromPoints, searchWorkerCounts } from './search.js';
import { resolveSystem, type ResolvedSystem } from './system.js';
import { DEFAULT_MAX_WORKERS, resolveCalibrateOptions, type CalibrateOptions } from './calibrate-options.js';
import { measureMainThread, type MainThreadResult } from './main-thread.js';

export interface CalibrationPoint {
  /** Tasks in flight (= busy workers). */
  readonly workers: number;
  /** Median of the samples, successful tasks per second (measured). */
  readonly throughput: number;
  /** Throughput of each measurement window. */
  readonly samples: readonly number[];
  readonly completed: number;
  /** Tasks that threw: counted, their time excluded from throughput. */
  readonly failed: number;
}

export type CalibrationOutcome = 'completed' | FaultKind | 'task-failed';

export interface CalibrationResult {
  /** 'completed', or why calibration stopped early (the figures then come from what was measured, or from a model). */
  readonly outcome: CalibrationOutcome;
  readonly recommendedWorkers: number;
  /** 'main-thread' when running inline measured faster than every pool. */
  readonly mode: PoolMode;
  readonly points: readonly CalibrationPoint[];
  /** USL fitted to the points; null with fewer than three worker counts. */
  readonly usl: UslFit | null;
  readonly batchSize: number;
  /** Round trip of the empty task with one in flight, ms (measured). */
  readonly dispatchOverheadMs: number | null;
  /** Mean in-worker time of one task with one worker, ms, and its compute (event loop active) part (measured). */
  readonly taskMs: number | null;
  readonly computeMs: number | null;
  /** Goetz's count from the measured wait and compute times. */
  readonly goetz: ModelResult | null;
  readonly mainThread: MainThreadResult | null;
  /** UV_THREADPOOL_SIZE to set for libuv-bound work (fs, crypto, zlib) at the recommended count. */
  readonly uvThreadpoolSize: number;
  readonly taskErrors: { readonly count: number; readonly firstMessage: string | null };
  /** A hung or crashed worker, or the budget running out; null when none. */
  readonly fault: Fault | null;
  /** True once every worker thread was terminated (always, on return). */
  readonly poolDestroyed: boolean;
  readonly budgetMs: number;
  readonly budgetUsedMs: number;
  readonly reason: string;
  readonly system: ResolvedSystem;
}

/** Tasks every thread runs before a count is measured (module import, JIT). */
const WARM_TASKS_PER_THREAD = 2;
/** Longest warm-up, in measurement windows. */
const WARM_MAX_WINDOWS = 10;
/** Two measurement windows within this share of each other end the repetitions early. */
const AGREEMENT = 0.1;
/** Kept back after the main-thread measurement, ms. */
const MAIN_THREAD_MARGIN_MS = 50;
/** Main-thread measurement length, in windows. */
const MAIN_THREAD_WINDOWS = 1.5;
const EMPTY_TASK_URL = new URL('../dist/empty-task.js', import.meta.url).href;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function loadTask(url: string): Promise<(input: unknown) => unknown> {
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (cause) {
    throw new WorkerOptimizerError('WORKER_OPTIMIZER_TASK_MODULE', `calibrate: cannot import the task module ${url}: ${cause instanceof Error ? cause.message : String(cause)}; pass a compiled .js/.mjs module (worker threads cannot load .ts)`, { cause });
  }
  if (typeof mod.default !== 'function') {
    throw new WorkerOptimizerError('WORKER_OPTIMIZER_TASK_MODULE', `calibrate: ${url} has no default-exported function; add \`export default function (input) { ... }\``);
  }
  return mod.default as (input: unknown) => unknown;
}

/** Measures the task in a worker pool and recommends a worker count, batch size and mode. */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const o = resolveCalibrateOptions(options);
  const deadline = start + o.budgetMs;
  const system = await resolveSystem('calibrate', o.system);
  const fn = await loadTask(o.taskUrl);
  const memCap = o.memoryPerTaskMb === undefined ? null : memoryCap({ memoryLimitBytes: system.memoryLimitBytes, memoryPerTaskBytes: o.memoryPerTaskMb * 1024 * 1024 });
  const maxWorkers = Math.max(1, Math.min(o.maxWorkers ?? Math.max(DEFAULT_MAX_WORKERS, 4 * Math.ceil(system.effectiveCores)), memCap?.value ?? Infinity));
  const mainReserve = o.mainThread ? o.windowMs * MAIN_THREAD_WINDOWS : 0;
  const runner = new PoolRunner({ maxWorkers, taskTimeoutMs: o.taskTimeoutMs, deadline: deadline - mainReserve, now });

  let i = 0;
  const nextTask = () => ({ url: o.taskUrl, input: o.inputs[i++ % o.inputs.length] });
  const points: CalibrationPoint[] = [];
  let fault: Fault | null = null;
  let failedTotal = 0;
  let firstError: string | null = null;
  let taskFailed = false;
  let dispatchOverheadMs: number | null = null;
  let taskMs: number | null = null, computeMs: number | null = null;

  const measure = async (n: number): Promise<number | null> => {
    runner.limitThreads(n);
    const warm = await runner.warm(n, WARM_TASKS_PER_THREAD, WARM_MAX_WINDOWS * o.windowMs, nextTask);
    const samples: number[] = [];
    let completed = 0, failed = warm.failed, ms = 0, active = 0;
    firstError ??= warm.firstError;
    fault ??= warm.fault;
    for (let r = 0; r < o.repetitions && fault === null; r++) {
      const s = await runner.drive(n, o.windowMs, nextTask);
      if (s.fault !== null) { fault = s.fault; break; }
      samples.push(s.throughput);
      // Two windows that agree are enough; a third settles a disagreement.
      if (samples.length === 2 && Math.abs(samples[0] - samples[1]) <= AGREEMENT * Math.max(samples[0], samples[1])) r = o.repetitions;
      completed += s.completed; failed += s.failed; ms += s.taskMs * s.completed; active += s.activeMs * s.completed;
      firstError ??= s.firstError;
    }
    failedTotal += failed;
    if (samples.length === 0) return null;
    if (completed === 0) { taskFailed = true; return null; }
    if (n === 1) { taskMs = ms / completed; computeMs = active / completed; }
    const x = median(samples);
    points.push({ workers: n, throughput: x, samples, completed, failed });
    return x;
  };

  let usl: UslFit | null = null;
  try {
    const empty = () => ({ url: EMPTY_TASK_URL, input: null });
    await runner.drive(1, o.windowMs / 2, empty);
    const overhead = await runner.drive(1, o.windowMs, empty);
    fault ??= overhead.fault;
    if (fault === null && overhead.throughput > 0) dispatchOverheadMs = 1000 / overhead.throughput;
    if (fault === null) {
      const capNow = (): number => (o.capByGoetz ? goetzCap(goetzFrom(system.effectiveCores, taskMs, computeMs)) : Infinity);
      const search = await searchWorkerCounts(measure, { maxWorkers, cap: capNow });
      usl = tryFit(points);
      // Where the fitted curve peaks between two measured counts (and under the cap), measure that count too.
      const peak = usl === null || !Number.isFinite(usl.peakWorkers) ? null : Math.round(usl.peakWorkers);
      const counts = points.map((p) => p.workers);
      if (search.finished && peak !== null && peak <= Math.min(maxWorkers, capNow()) && !counts.includes(peak) && peak > Math.min(...counts) && peak < Math.max(...counts)) {
        if ((await measure(peak)) !== null) usl = tryFit(points);
      }
    }
  } finally {
    await runner.destroy();
  }

  const byCount = new Map(points.map((p) => [p.workers, p.throughput]));
  const goetz = goetzFrom(system.effectiveCores, taskMs, computeMs);
  const cap = o.capByGoetz ? goetzCap(goetz) : Infinity;
  const fallback = coreCap(system.effectiveCores);
  const recommendedWorkers = points.length > 0 ? recommendFromPoints(byCount, o.tolerance, cap) : Math.min(maxWorkers, fallback.value);
  const bestPool = points.length > 0 ? Math.max(...points.map((p) => p.throughput)) : 0;

  let mainThread: MainThreadResult | null = null;
  if (o.mainThread && fault === null && !taskFailed && taskMs !== null) {
    const left = deadline - MAIN_THREAD_MARGIN_MS - now();
    if (left > 3 * (taskMs as number)) mainThread = await measureMainThread(fn, o.inputs, Math.min(o.windowMs * MAIN_THREAD_WINDOWS, left), recommendedWorkers, bestPool, now);
  }
  const mode: PoolMode = mainThread?.beatsPool === true ? 'main-thread' : 'threads';
  const batch = dispatchOverheadMs !== null && taskMs !== null && taskMs > 0 ? batchSizeFor({ overheadMs: dispatchOverheadMs, taskMs }) : null;
  const uv = uvThreadpoolSize(recommendedWorkers);
  const outcome: CalibrationOutcome = (fault)?.kind ?? (taskFailed ? 'task-failed' : 'completed');

  const reasons: string[] = [];
  if (points.length === 0) reasons.push(`nothing measured (${outcome}): ${describeModel(fallback)}`);
  else reasons.push(`measured ${points.length} worker counts (${points.map((p) => p.workers).join(', ')}); smallest within ${o.tolerance * 100}% of the best measured throughput${cap !== Infinity ? `, at most ${cap}` : ''}`);
  if (goetz !== null) reasons.push(`${describeModel(goetz)} from measured compute and wait${o.capByGoetz ? ' (cap)' : ''}`);
  if (memCap !== null) reasons.push(describeModel(memCap));
  if (usl !== null) reasons.push(`USL fit sigma=${usl.sigma.toPrecision(3)} kappa=${usl.kappa.toPrecision(3)} lambda=${usl.lambda.toPrecision(4)} r2=${usl.r2.toFixed(3)}, peak N*=${usl.peakWorkers.toPrecision(3)}`);
  if (batch !== null) reasons.push(describeModel(batch));
  if (mainThread !== null) reasons.push(`main thread ${mainThread.throughput.toFixed(1)}/s vs best pool ${bestPool.toFixed(1)}/s (measured)`);
  if (fault !== null) reasons.push(`stopped: ${(fault).kind} at ${(fault).workers} in flight: ${(fault).message}; pool destroyed`);
  if (failedTotal > 0) reasons.push(`${failedTotal} task runs threw (excluded): ${firstError ?? ''}`);
  reasons.push(`system: ${system.source}`);

  return {
    outcome, recommendedWorkers, mode, points, usl, batchSize: batch?.value ?? 1, dispatchOverheadMs, taskMs, computeMs, goetz, mainThread,
    uvThreadpoolSize: uv.value, taskErrors: { count: failedTotal, firstMessage: firstError }, fault, poolDestroyed: true,
    budgetMs: o.budgetMs, budgetUsedMs: now() - start, reason: reasons.join('; '), system,
  };
}

/** Goetz's count from the in-worker wall time and its event-loop-active (compute) part; null before anything ran. */
function goetzFrom(cores: number, taskMs: number | null, computeMs: number | null): ModelResult | null {
  if (taskMs === null || computeMs === null || !(computeMs > 0)) return null;
  return goetzThreads({ cores, computeMs, waitMs: Math.max(0, taskMs - computeMs) });
}

function goetzCap(goetz: ModelResult | null): number {
  return goetz === null ? Infinity : Math.max(1, Math.round(goetz.value));
}

function tryFit(points: readonly CalibrationPoint[]): UslFit | null {
  const usable = points.filter((p) => p.throughput > 0);
  if (new Set(usable.map((p) => p.workers)).size < 3) return null;
  return fitUsl(usable);
}
