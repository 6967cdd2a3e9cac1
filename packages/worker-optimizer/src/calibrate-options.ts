// Options of calibrate(), resolved once against named defaults.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { invalidOption, requireFraction, requirePositive, requirePositiveInteger } from './errors.js';
import type { SystemInputs } from './system.js';

export interface CalibrateOptions {
  /** The task module: a URL, a file: URL string, or a path (relative to the working directory); its default export is the worker function. */
  readonly task: string | URL;
  /** Inputs handed to the task in turn (structured-clonable); calibration cycles through them. */
  readonly inputs: readonly unknown[];
  /** Most tasks in flight the search may try. @default max(DEFAULT_MAX_WORKERS (32), 4 x effective cores), lowered by memoryPerTaskMb */
  readonly maxWorkers?: number;
  /** Hard bound on calibration wall time, ms. @default DEFAULT_BUDGET_MS (15000) */
  readonly budgetMs?: number;
  /** Length of one measurement window, ms. @default DEFAULT_WINDOW_MS (150) */
  readonly windowMs?: number;
  /** Most windows per worker count (the median is kept); two that agree within 10% end it early. @default DEFAULT_REPETITIONS (3) */
  readonly repetitions?: number;
  /** A task without a reply after this long counts as hung: the pool is destroyed. @default DEFAULT_TASK_TIMEOUT_MS (5000) */
  readonly taskTimeoutMs?: number;
  /** Fewer workers are recommended when their throughput is within this share of the best. @default DEFAULT_TOLERANCE (0.03) */
  readonly tolerance?: number;
  /** Also run the task inline on the main thread and say whether that beats every pool. @default true */
  readonly mainThread?: boolean;
  /** Never recommend more workers than Goetz's count from the measured wait and compute times (more only take CPU from other processes). @default true */
  readonly capByGoetz?: boolean;
  /**
   * Tasks tinypool hands one worker at once, in calibration and in toTinypoolOptions(): with 2,
   * the next task already waits in the worker when one ends, so the worker never idles through the
   * main thread's round trip (and an async task overlaps its waits). @default DEFAULT_CONCURRENT_TASKS_PER_WORKER (2)
   */
  readonly concurrentTasksPerWorker?: number;
  /** Inputs per task (pool.run call). @default measured: batchSizeFor(dispatch round trip, task time) */
  readonly batchSize?: number;
  /** Memory one task needs, MB; caps the tasks in flight (workers x concurrentTasksPerWorker) by the effective memory limit. @default undefined (no memory cap) */
  readonly memoryPerTaskMb?: number;
  /** Machine facts. @default probeSystem() of @perf/system-probe */
  readonly system?: SystemInputs;
  /** Clock, ms. @default performance.now */
  readonly now?: () => number;
}

export const DEFAULT_MAX_WORKERS = 32;
export const DEFAULT_BUDGET_MS = 15_000;
export const DEFAULT_WINDOW_MS = 150;
export const DEFAULT_REPETITIONS = 3;
export const DEFAULT_TASK_TIMEOUT_MS = 5_000;
export const DEFAULT_TOLERANCE = 0.03;
export const DEFAULT_CONCURRENT_TASKS_PER_WORKER = 2;
const MIN_BUDGET_MS = 500;

export interface ResolvedCalibrateOptions {
  readonly taskUrl: string;
  readonly inputs: readonly unknown[];
  readonly maxWorkers: number | undefined;
  readonly budgetMs: number;
  readonly windowMs: number;
  readonly repetitions: number;
  readonly taskTimeoutMs: number;
  readonly tolerance: number;
  readonly mainThread: boolean;
  readonly capByGoetz: boolean;
  readonly concurrentTasksPerWorker: number;
  readonly batchSize: number | undefined;
  readonly memoryPerTaskMb: number | undefined;
  readonly system: SystemInputs | undefined;
}

const WHERE = 'calibrate';

export function taskUrlOf(task: string | URL): string {
  if (task instanceof URL) return task.href;
  if (typeof task !== 'string' || task === '') throw invalidOption(WHERE, 'options.task', task, 'pass a module URL or a path to a .js/.mjs file whose default export is the task function');
  if (/^(file|data):/.test(task)) return task;
  return pathToFileURL(isAbsolute(task) ? task : resolve(task)).href;
}

export function resolveCalibrateOptions(o: CalibrateOptions): ResolvedCalibrateOptions {
  if (!Array.isArray(o.inputs) || o.inputs.length === 0) throw invalidOption(WHERE, 'options.inputs', o.inputs, 'pass a non-empty array of inputs for the task');
  const budgetMs = o.budgetMs ?? DEFAULT_BUDGET_MS;
  if (!(budgetMs >= MIN_BUDGET_MS) || !Number.isFinite(budgetMs)) throw invalidOption(WHERE, 'options.budgetMs', budgetMs, `pass a number of milliseconds of at least ${MIN_BUDGET_MS}`);
  return {
    taskUrl: taskUrlOf(o.task),
    inputs: o.inputs,
    maxWorkers: o.maxWorkers === undefined ? undefined : requirePositiveInteger(WHERE, 'options.maxWorkers', o.maxWorkers),
    budgetMs,
    windowMs: requirePositive(WHERE, 'options.windowMs', o.windowMs ?? DEFAULT_WINDOW_MS),
    repetitions: requirePositiveInteger(WHERE, 'options.repetitions', o.repetitions ?? DEFAULT_REPETITIONS),
    taskTimeoutMs: requirePositive(WHERE, 'options.taskTimeoutMs', o.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS),
    tolerance: requireFraction(WHERE, 'options.tolerance', o.tolerance ?? DEFAULT_TOLERANCE),
    mainThread: o.mainThread ?? true,
    capByGoetz: o.capByGoetz ?? true,
    concurrentTasksPerWorker: requirePositiveInteger(WHERE, 'options.concurrentTasksPerWorker', o.concurrentTasksPerWorker ?? DEFAULT_CONCURRENT_TASKS_PER_WORKER),
    batchSize: o.batchSize === undefined ? undefined : requirePositiveInteger(WHERE, 'options.batchSize', o.batchSize),
    memoryPerTaskMb: o.memoryPerTaskMb === undefined ? undefined : requirePositive(WHERE, 'options.memoryPerTaskMb', o.memoryPerTaskMb),
    system: o.system,
  };
}
