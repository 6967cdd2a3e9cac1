// WorkerPoolOptimizer: the seed's API, sized by stated models when nothing can be measured.
import { invalidOption, requireFraction, requireNonNegative, requirePositive, requirePositiveInteger } from './errors.js';
import {
  amdahlSpeedup, batchSizeFor, coreCap, describeModel, goetzThreads, memoryCap, uvThreadpoolSize,
  UV_THREADPOOL_DEFAULT, type ModelResult,
} from './models.js';
import { checkSystem, resolveSystem, systemFromOs, type ResolvedSystem, type SystemInputs } from './system.js';

/** Kinds of task, as in the seed. */
export const TaskType = {
  CPU_BOUND: 'cpu_bound',
  IO_BOUND: 'io_bound',
  MIXED: 'mixed',
} as const;
export type TaskType = (typeof TaskType)[keyof typeof TaskType];

/** Where tasks run. */
export type PoolMode = 'threads' | 'processes' | 'main-thread';

/**
 * Assumed wait/compute ratio per task type when the real times are not given. The seed's
 * rules of thumb (cores x 1, x 3, x 2) are Goetz's formula with these ratios; they are
 * assumptions, not measurements: pass waitMs and computeMs, or use calibrate().
 */
export const ASSUMED_WAIT_COMPUTE_RATIO: Readonly<Record<TaskType, number>> = { cpu_bound: 0, io_bound: 2, mixed: 1 };
/** Assumed share of work that stays serial. */
export const DEFAULT_SERIAL_FRACTION = 0.05;
/** Assumed task duration when none is given, ms. */
export const DEFAULT_TASK_DURATION_MS = 10;
/** Assumed per-task dispatch overhead to a worker thread, ms; calibrate() measures the real one. */
export const DEFAULT_DISPATCH_OVERHEAD_MS = 0.1;
/** Assumed memory per task when none is given, MB. */
export const DEFAULT_MEMORY_PER_TASK_MB = 50;
/** Sanity ceiling on worker counts from the models. */
export const DEFAULT_WORKER_CEILING = 64;
/** A pool must beat inline running by at least this factor, else the main thread is recommended. */
export const MIN_POOL_SPEEDUP = 1.1;

const MB = 1024 * 1024;

export interface WorkerPoolOptimizerOptions {
  /** Machine facts; @default os.availableParallelism() and os.totalmem() (use WorkerPoolOptimizer.create() for cgroup-aware figures) */
  readonly system?: SystemInputs;
  /** Share of work that stays serial. @default DEFAULT_SERIAL_FRACTION (0.05) */
  readonly serialFraction?: number;
  /** Per-task dispatch overhead, ms. @default DEFAULT_DISPATCH_OVERHEAD_MS (0.1, assumed) */
  readonly dispatchOverheadMs?: number;
  /** Upper bound on any worker count. @default DEFAULT_WORKER_CEILING (64) */
  readonly workerCeiling?: number;
  /** Tasks need process isolation (native crashes, process-wide state): mode 'processes' when a pool helps. @default false */
  readonly isolate?: boolean;
}

export interface OptimizeInput {
  readonly taskType: TaskType;
  /** @default DEFAULT_TASK_DURATION_MS (10) */
  readonly avgTaskDurationMs?: number;
  /** @default DEFAULT_MEMORY_PER_TASK_MB (50) */
  readonly memoryPerTaskMb?: number;
  /** Known wait time per task, ms (with computeMs, replaces the assumed ratio of the task type). */
  readonly waitMs?: number;
  /** Known compute time per task, ms. */
  readonly computeMs?: number;
}

export interface PoolConfig {
  readonly maxWorkers: number;
  readonly minWorkers: number;
  /** UV_THREADPOOL_SIZE to set for libuv-bound work. */
  readonly threadPoolSize: number;
  readonly processPoolSize: number;
  readonly mode: PoolMode;
  readonly batchSize: number;
  /** Speedup over inline running at maxWorkers, by the Amdahl model. */
  readonly speedup: number;
  /** Which models and inputs gave the figures, in words. */
  readonly reason: string;
  /** The model results behind the figures. */
  readonly models: readonly ModelResult[];
  readonly system: ResolvedSystem;
}

const WHERE = 'WorkerPoolOptimizer';

export class WorkerPoolOptimizer {
  readonly system: ResolvedSystem;
  readonly #serialFraction: number;
  readonly #overheadMs: number;
  readonly #ceiling: number;
  readonly #isolate: boolean;

  constructor(options: WorkerPoolOptimizerOptions = {}) {
    this.system = options.system === undefined ? systemFromOs() : checkSystem(WHERE, options.system);
    this.#serialFraction = requireFraction(WHERE, 'serialFraction', options.serialFraction ?? DEFAULT_SERIAL_FRACTION);
    this.#overheadMs = requireNonNegative(WHERE, 'dispatchOverheadMs', options.dispatchOverheadMs ?? DEFAULT_DISPATCH_OVERHEAD_MS);
    this.#ceiling = requirePositiveInteger(WHERE, 'workerCeiling', options.workerCeiling ?? DEFAULT_WORKER_CEILING);
    this.#isolate = options.isolate ?? false;
  }

  /** An optimizer whose machine facts come from @perf/system-probe (cgroup quota, affinity, memory limit). */
  static async create(options: WorkerPoolOptimizerOptions = {}): Promise<WorkerPoolOptimizer> {
    return new WorkerPoolOptimizer({ ...options, system: await resolveSystem(WHERE, options.system) });
  }

  /** Goetz's thread count for the task type (assumed ratio) or the given wait and compute times. */
  #goetz(taskType: TaskType, waitMs?: number, computeMs?: number): ModelResult {
    checkTaskType(taskType);
    if (waitMs !== undefined && computeMs !== undefined) return goetzThreads({ cores: this.system.effectiveCores, waitMs, computeMs });
    return goetzThreads({ cores: this.system.effectiveCores, waitMs: ASSUMED_WAIT_COMPUTE_RATIO[taskType], computeMs: 1 });
  }

  #speedup(workers: number, goetz: ModelResult, taskMs: number, overheadMs: number): ModelResult {
    return amdahlSpeedup({ workers, serialFraction: this.#serialFraction, taskMs, overheadMs, maxParallelism: goetz.value });
  }

  /** Speedup over inline running with `numWorkers` workers (Amdahl with dispatch overhead, parallelism capped by Goetz). */
  calculateSpeedup(numWorkers: number, taskType: TaskType, overheadMs: number = this.#overheadMs): number {
    return this.#speedup(numWorkers, this.#goetz(taskType), DEFAULT_TASK_DURATION_MS, overheadMs).value;
  }

  /** The smallest worker count reaching the model's best speedup, and that speedup. */
  findOptimalWorkerCount(taskType: TaskType, maxWorkers: number = this.#ceiling): [number, number] {
    requirePositiveInteger(WHERE, 'maxWorkers', maxWorkers);
    const goetz = this.#goetz(taskType);
    return bestCount(maxWorkers, (n) => this.#speedup(n, goetz, DEFAULT_TASK_DURATION_MS, this.#overheadMs).value);
  }

  /** A pool configuration from the models, with the reason for each figure. */
  optimize(input: OptimizeInput): PoolConfig {
    const taskMs = requirePositive(WHERE, 'avgTaskDurationMs', input.avgTaskDurationMs ?? DEFAULT_TASK_DURATION_MS);
    const memMb = requirePositive(WHERE, 'memoryPerTaskMb', input.memoryPerTaskMb ?? DEFAULT_MEMORY_PER_TASK_MB);
    if ((input.waitMs === undefined) !== (input.computeMs === undefined)) {
      throw invalidOption(WHERE, 'waitMs/computeMs', { waitMs: input.waitMs, computeMs: input.computeMs }, 'pass both (measured wait and compute per task) or neither');
    }
    const goetz = this.#goetz(input.taskType, input.waitMs, input.computeMs);
    const cores = coreCap(this.system.effectiveCores);
    const memory = memoryCap({ memoryLimitBytes: this.system.memoryLimitBytes, memoryPerTaskBytes: memMb * MB });
    const cap = Math.max(1, Math.min(this.#ceiling, memory.value));
    const [best, speedup] = bestCount(cap, (n) => this.#speedup(n, goetz, taskMs, this.#overheadMs).value);
    const speedupModel = this.#speedup(best, goetz, taskMs, this.#overheadMs);
    const batch = batchSizeFor({ overheadMs: this.#overheadMs, taskMs });
    const waits = goetz.value > cores.value;
    const uv = waits ? uvThreadpoolSize(best) : uvThreadpoolSize(UV_THREADPOOL_DEFAULT);
    const processPoolSize = Math.max(1, Math.min(cores.value, memory.value));
    const mode: PoolMode = speedup < MIN_POOL_SPEEDUP ? 'main-thread' : this.#isolate ? 'processes' : 'threads';
    const maxWorkers = mode === 'processes' ? Math.min(best, processPoolSize) : best;
    const minWorkers = Math.min(maxWorkers, cores.value);
    const reasons = [
      `${describeModel(goetz)}${input.waitMs === undefined ? ` (wait/compute ratio ${ASSUMED_WAIT_COMPUTE_RATIO[input.taskType]} assumed for ${input.taskType})` : ''}`,
      `${describeModel(memory)}${memory.value < 1 ? ' (not even one task fits: capped at 1)' : ''}`,
      `ceiling ${this.#ceiling}`,
      `${describeModel(speedupModel)}: smallest count reaching the best speedup up to ${cap}`,
      mode === 'main-thread' ? `speedup below ${MIN_POOL_SPEEDUP}: run on the main thread` : `mode ${mode}${this.#isolate ? ' (isolation asked for)' : ''}`,
      `minWorkers = min(maxWorkers, ${describeModel(cores)})`,
      describeModel(batch),
      `${describeModel(uv)}${waits ? '' : ' (no waiting: libuv default)'}`,
      `system: ${this.system.source}`,
    ];
    return {
      maxWorkers, minWorkers, threadPoolSize: uv.value, processPoolSize, mode, batchSize: batch.value, speedup,
      reason: reasons.join('; '), models: [goetz, cores, memory, speedupModel, batch, uv], system: this.system,
    };
  }
}

function checkTaskType(t: TaskType): void {
  if (!Object.values(TaskType).includes(t)) throw invalidOption(WHERE, 'taskType', t, `pass one of ${Object.values(TaskType).join(', ')} (TaskType.CPU_BOUND ...)`);
}

/** Smallest n in 1..max whose score is within 1e-9 (relative) of the best score. */
function bestCount(max: number, score: (n: number) => number): [number, number] {
  const scores = Array.from({ length: max }, (_, i) => score(i + 1));
  const top = Math.max(...scores);
  const i = scores.findIndex((s) => s >= top * (1 - 1e-9));
  return [i + 1, scores[i]];
}
