// What calibrate() returns: the measured points, the models it consulted and why it chose the count.
import type { UslFit } from './fit.js';
import type { MainThreadResult } from './main-thread.js';
import type { ModelResult } from './models.js';
import type { PoolMode } from './optimizer.js';
import type { Fault, FaultKind } from './pool.js';
import type { ResolvedSystem } from './system.js';

export interface CalibrationPoint {
  /** Worker threads (tasks in flight: workers x concurrentTasksPerWorker). */
  readonly workers: number;
  /** Median of the samples not disturbed by outside load (all when none is), successful task runs (inputs) per second (measured). */
  readonly throughput: number;
  /** Throughput of each measurement window (a count measured again adds windows). */
  readonly samples: readonly number[];
  /** Outside load during each window, cores (busy CPU of the machine less this process's; null where /proc/stat is absent). */
  readonly outsideCores: readonly (number | null)[];
  /** Windows taken under an outside load markedly above the quietest of the calibration (left out of throughput when the count has other windows). */
  readonly disturbed: number;
  readonly completed: number;
  /** Task runs that threw: counted, excluded from throughput. */
  readonly failed: number;
}

export type CalibrationOutcome = 'completed' | FaultKind | 'task-failed';

export interface CalibrationResult {
  /** 'completed', or why calibration stopped early (the figures then come from what was measured, or from a model). */
  readonly outcome: CalibrationOutcome;
  /** Worker threads to use (with concurrentTasksPerWorker tasks handed to each, and inputs in batches of batchSize). */
  readonly recommendedWorkers: number;
  /** 'main-thread' when running inline measured faster than every pool. */
  readonly mode: PoolMode;
  /** Tasks handed to one worker at once, as measured: the next task waits in the worker, so the worker never idles for the main thread's round trip. */
  readonly concurrentTasksPerWorker: number;
  readonly points: readonly CalibrationPoint[];
  /** USL fitted to the points; null with fewer than three worker counts. */
  readonly usl: UslFit | null;
  /** Inputs per task (pool.run call), as measured: keeps the dispatch round trip under 5% of the batch's time. */
  readonly batchSize: number;
  /** Round trip of the empty task with one in flight, ms (measured). */
  readonly dispatchOverheadMs: number | null;
  /**
   * In-worker time of one input with one task in flight, ms, and its compute (event loop active)
   * part (measured after a warm-up, at least 7 runs): compute is the least seen (other threads
   * and a core waking from idle only add to it), taskMs that plus the median wait.
   */
  readonly taskMs: number | null;
  readonly computeMs: number | null;
  /** Goetz's count of tasks in flight from the measured wait and compute times. */
  readonly goetz: ModelResult | null;
  /** The worker count Goetz's count gives with concurrentTasksPerWorker tasks per worker (at least the cores); counts above it are recommended only when measured faster by more than 5%. */
  readonly goetzWorkers: number | null;
  /**
   * For a task that waits (wait >= 0.25 x compute): tasks in flight at which mean value analysis
   * (mvaInFlight: the measured wait and compute, the effective cores) reaches 98% of the cores'
   * capacity, and the worker count it gives (at least goetzWorkers). It replaces goetzWorkers as
   * the search's start and the cap (liftable by measurement as before): at Goetz's count, tasks
   * that want the cores at the same time leave 10-20% of the throughput unused. Null otherwise.
   */
  readonly queueing: ModelResult | null;
  readonly queueingWorkers: number | null;
  readonly mainThread: MainThreadResult | null;
  /** UV_THREADPOOL_SIZE to set for libuv-bound work (fs, crypto, zlib) at the recommended tasks in flight. */
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
  /**
   * The machine's outside load while calibration measured (busy CPU of the machine from
   * /proc/stat less this process's own CPU, per window; Linux only, null elsewhere): the quietest,
   * median and highest window, in cores; windows marked as disturbed (at least `thresholdCores`
   * above the quietest) and the windows measured again for them.
   */
  readonly outsideLoad: OutsideLoad | null;
}

export interface OutsideLoad {
  readonly quietCores: number;
  readonly medianCores: number;
  readonly maxCores: number;
  readonly windows: number;
  readonly disturbedWindows: number;
  readonly extraWindows: number;
  readonly thresholdCores: number;
}
