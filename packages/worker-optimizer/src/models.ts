// Pure scalability models. Each returns the value together with the model's name, its
// formula and the inputs it was given, so every figure downstream can say where it came from.
import { requireFraction, requireNonNegative, requirePositive, requirePositiveInteger } from './errors.js';

export type ModelName =
  | 'amdahl-with-dispatch-overhead'
  | 'usl'
  | 'usl-peak'
  | 'goetz'
  | 'mva'
  | 'core-cap'
  | 'memory-cap'
  | 'batch-size'
  | 'uv-threadpool';

/** A figure computed by a named model from stated inputs. */
export interface ModelResult {
  readonly value: number;
  readonly model: ModelName;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number>>;
}

/** Share of task time that dispatch overhead may take before tasks are batched. */
export const MAX_DISPATCH_OVERHEAD_FRACTION = 0.05;
/** Share of the effective memory limit that worker tasks may use; the rest is left to the main thread. */
export const DEFAULT_MEMORY_HEADROOM = 0.8;
/** libuv's own default thread-pool size. */
export const UV_THREADPOOL_DEFAULT = 4;
/** libuv's upper bound for UV_THREADPOOL_SIZE. */
export const UV_THREADPOOL_MAX = 1024;

// Rounding guard so that, e.g., 0.1 / (0.05 * 0.5) counts as exactly 4.
const EPSILON = 1e-9;

export interface AmdahlInput {
  readonly workers: number;
  /** Share of the work that cannot run in parallel, 0..1. */
  readonly serialFraction: number;
  /** Time of one task run inline, ms. */
  readonly taskMs: number;
  /** Per-task cost of handing a task to a worker and getting its result back, ms (paid serially by the dispatcher). */
  readonly overheadMs: number;
  /** Parallelism the hardware can give at most (e.g. a Goetz thread count); @default Infinity */
  readonly maxParallelism?: number;
}

/**
 * Amdahl's law with a per-task dispatch overhead, speedup against running the tasks inline:
 * S(N) = 1 / (s + (1 - s) / min(N, P) + o / t).
 */
export function amdahlSpeedup(input: AmdahlInput): ModelResult {
  const where = 'amdahlSpeedup';
  const workers = requirePositive(where, 'workers', input.workers);
  const s = requireFraction(where, 'serialFraction', input.serialFraction);
  const t = requirePositive(where, 'taskMs', input.taskMs);
  const o = requireNonNegative(where, 'overheadMs', input.overheadMs);
  const cap = input.maxParallelism ?? Infinity;
  requirePositive(where, 'maxParallelism', cap === Infinity ? 1 : cap);
  const parallel = Math.min(workers, cap);
  const value = 1 / (s + (1 - s) / parallel + o / t);
  const inputs: Record<string, number> = { workers, serialFraction: s, taskMs: t, overheadMs: o };
  if (cap !== Infinity) inputs.maxParallelism = cap;
  return { value, model: 'amdahl-with-dispatch-overhead', formula: 'S(N) = 1 / (s + (1 - s) / min(N, P) + o / t)', inputs };
}

export interface UslCoefficients {
  /** Contention (serialisation), 0..1. */
  readonly sigma: number;
  /** Coherency (crosstalk) cost, >= 0. */
  readonly kappa: number;
  /** Throughput of one worker, tasks per second. */
  readonly lambda: number;
}

/** The Universal Scalability Law: X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)). */
export function uslThroughput(workers: number, usl: UslCoefficients): ModelResult {
  const n = requirePositive('uslThroughput', 'workers', workers);
  const { sigma, kappa, lambda } = usl;
  const value = (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  return { value, model: 'usl', formula: 'X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))', inputs: { workers: n, sigma, kappa, lambda } };
}

/** Worker count at which the USL throughput peaks: N* = sqrt((1 - sigma) / kappa); Infinity when kappa is 0. */
export function uslPeak(usl: Pick<UslCoefficients, 'sigma' | 'kappa'>): ModelResult {
  const sigma = requireFraction('uslPeak', 'sigma', usl.sigma);
  const kappa = requireNonNegative('uslPeak', 'kappa', usl.kappa);
  const value = kappa === 0 ? Infinity : Math.sqrt((1 - sigma) / kappa);
  return { value, model: 'usl-peak', formula: 'N* = sqrt((1 - sigma) / kappa)', inputs: { sigma, kappa } };
}

export interface GoetzInput {
  readonly cores: number;
  /** Time a task waits (I/O, timers), ms. */
  readonly waitMs: number;
  /** Time a task computes, ms. */
  readonly computeMs: number;
  /** Target CPU utilisation, 0..1. @default 1 */
  readonly targetUtilization?: number;
}

/** Goetz (Java Concurrency in Practice): threads = cores x U x (1 + wait / compute). */
export function goetzThreads(input: GoetzInput): ModelResult {
  const where = 'goetzThreads';
  const cores = requirePositive(where, 'cores', input.cores);
  const waitMs = requireNonNegative(where, 'waitMs', input.waitMs);
  const computeMs = requirePositive(where, 'computeMs', input.computeMs);
  const u = requireFraction(where, 'targetUtilization', input.targetUtilization ?? 1);
  const value = cores * u * (1 + waitMs / computeMs);
  return { value, model: 'goetz', formula: 'threads = cores x U x (1 + wait / compute)', inputs: { cores, targetUtilization: u, waitMs, computeMs } };
}

export interface QueueingInput {
  readonly cores: number;
  /** Time a task waits (timers, I/O) per run, ms. */
  readonly waitMs: number;
  /** Time a task computes per run, ms. */
  readonly computeMs: number;
}

/** Share of the cores' capacity mvaInFlight aims at. */
export const DEFAULT_MVA_UTILIZATION = 0.98;
const MVA_MAX_IN_FLIGHT = 1 << 16;

/**
 * Throughput (runs per second) with `inFlight` tasks, each computing `computeMs` on `cores` cores
 * and waiting `waitMs`: exact mean value analysis of a closed queueing network, the cores as one
 * queue of computeMs / cores plus a delay of computeMs (cores - 1) / cores (Seidmann's
 * approximation of a multi-server station). Unlike Goetz's count, it says how much throughput is
 * lost to tasks that happen to want the cores at the same time: at Goetz's count, 80-90% of
 * cores / computeMs.
 */
export function mvaThroughput(inFlight: number, input: QueueingInput): ModelResult {
  const where = 'mvaThroughput';
  const n = requirePositiveInteger(where, 'inFlight', inFlight);
  const { cores, waitMs, computeMs } = queueingInputs(where, input);
  let x = 0, q = 0;
  const d = computeMs / cores, z = waitMs + (computeMs * (cores - 1)) / cores;
  for (let k = 1; k <= n; k++) {
    const r = d * (1 + q);
    x = k / (r + z);
    q = x * r;
  }
  return { value: x * 1000, model: 'mva', formula: 'MVA: R = (c/P)(1 + Q(n-1)), X(n) = n / (R + w + c(P-1)/P), Q(n) = X(n) R', inputs: { inFlight: n, cores, waitMs, computeMs } };
}

/** The fewest tasks in flight at which mvaThroughput reaches `targetUtilization` of cores / computeMs. */
export function mvaInFlight(input: QueueingInput & { readonly targetUtilization?: number }): ModelResult {
  const where = 'mvaInFlight';
  const { cores, waitMs, computeMs } = queueingInputs(where, input);
  const u = requireFraction(where, 'targetUtilization', input.targetUtilization ?? DEFAULT_MVA_UTILIZATION);
  const target = (u * cores) / computeMs;
  const d = computeMs / cores, z = waitMs + (computeMs * (cores - 1)) / cores;
  let x = 0, q = 0, n = 0;
  while (n < MVA_MAX_IN_FLIGHT && x < target - EPSILON) {
    n++;
    const r = d * (1 + q);
    x = n / (r + z);
    q = x * r;
  }
  return { value: n, model: 'mva', formula: 'fewest n with MVA X(n) >= U x cores / compute', inputs: { cores, waitMs, computeMs, targetUtilization: u } };
}

function queueingInputs(where: string, input: QueueingInput): QueueingInput {
  return { cores: requirePositive(where, 'cores', input.cores), waitMs: requireNonNegative(where, 'waitMs', input.waitMs), computeMs: requirePositive(where, 'computeMs', input.computeMs) };
}

/** Workers that can compute at once: the effective core count (cgroup quota and affinity), at least 1. */
export function coreCap(effectiveCores: number): ModelResult {
  const cores = requirePositive('coreCap', 'effectiveCores', effectiveCores);
  return { value: Math.max(1, Math.floor(cores + EPSILON)), model: 'core-cap', formula: 'max(1, floor(effectiveCores))', inputs: { effectiveCores: cores } };
}

export interface MemoryCapInput {
  readonly memoryLimitBytes: number;
  readonly memoryPerTaskBytes: number;
  /** Share of the limit tasks may use. @default DEFAULT_MEMORY_HEADROOM (0.8) */
  readonly headroom?: number;
}

/** Tasks that fit in memory at once: floor(limit x headroom / memory per task); 0 means not even one fits. */
export function memoryCap(input: MemoryCapInput): ModelResult {
  const where = 'memoryCap';
  const limit = requirePositive(where, 'memoryLimitBytes', input.memoryLimitBytes);
  const perTask = requirePositive(where, 'memoryPerTaskBytes', input.memoryPerTaskBytes);
  const headroom = requireFraction(where, 'headroom', input.headroom ?? DEFAULT_MEMORY_HEADROOM);
  const value = Math.floor((limit * headroom) / perTask + EPSILON);
  return { value, model: 'memory-cap', formula: 'floor(memoryLimit x headroom / memoryPerTask)', inputs: { memoryLimitBytes: limit, memoryPerTaskBytes: perTask, headroom } };
}

export interface BatchSizeInput {
  /** Per-dispatch overhead, ms. */
  readonly overheadMs: number;
  /** Time of one task, ms. */
  readonly taskMs: number;
  /** Largest share of task time overhead may take. @default MAX_DISPATCH_OVERHEAD_FRACTION (0.05) */
  readonly maxOverheadFraction?: number;
}

/** Tasks per dispatch so overhead stays under the given share of task time: max(1, ceil(o / (f t))). */
export function batchSizeFor(input: BatchSizeInput): ModelResult {
  const where = 'batchSizeFor';
  const o = requireNonNegative(where, 'overheadMs', input.overheadMs);
  const t = requirePositive(where, 'taskMs', input.taskMs);
  const f = requireFraction(where, 'maxOverheadFraction', input.maxOverheadFraction ?? MAX_DISPATCH_OVERHEAD_FRACTION);
  requirePositive(where, 'maxOverheadFraction', f);
  const value = Math.max(1, Math.ceil(o / (f * t) - EPSILON));
  return { value, model: 'batch-size', formula: 'max(1, ceil(overhead / (fraction x task)))', inputs: { overheadMs: o, taskMs: t, maxOverheadFraction: f } };
}

/**
 * UV_THREADPOOL_SIZE for libuv-bound work (fs, crypto, zlib): one libuv thread per task that
 * can be in flight at once, never below libuv's default of 4 nor above its limit of 1024.
 */
export function uvThreadpoolSize(concurrentTasks: number): ModelResult {
  const n = requirePositiveInteger('uvThreadpoolSize', 'concurrentTasks', concurrentTasks);
  const value = Math.min(UV_THREADPOOL_MAX, Math.max(UV_THREADPOOL_DEFAULT, n));
  return { value, model: 'uv-threadpool', formula: 'clamp(concurrentTasks, 4, 1024)', inputs: { concurrentTasks: n } };
}

/** "model(inputs) = value" for reasons and reports. */
export function describeModel(r: ModelResult): string {
  const inputs = Object.entries(r.inputs).map(([k, v]) => `${k}=${formatNumber(v)}`).join(', ');
  return `${r.model}(${inputs}) = ${formatNumber(r.value)}`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}
