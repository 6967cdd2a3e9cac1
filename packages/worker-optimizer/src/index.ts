export {
  amdahlSpeedup, uslThroughput, uslPeak, goetzThreads, mvaThroughput, mvaInFlight, DEFAULT_MVA_UTILIZATION, coreCap, memoryCap, batchSizeFor, uvThreadpoolSize, describeModel,
  MAX_DISPATCH_OVERHEAD_FRACTION, DEFAULT_MEMORY_HEADROOM, UV_THREADPOOL_DEFAULT, UV_THREADPOOL_MAX,
} from './models.js';
export type { ModelName, ModelResult, AmdahlInput, UslCoefficients, GoetzInput, QueueingInput, MemoryCapInput, BatchSizeInput } from './models.js';
export { fitUsl } from './fit.js';
export type { ThroughputPoint, UslFit } from './fit.js';
export {
  WorkerPoolOptimizer, TaskType, ASSUMED_WAIT_COMPUTE_RATIO, DEFAULT_SERIAL_FRACTION, DEFAULT_TASK_DURATION_MS,
  DEFAULT_DISPATCH_OVERHEAD_MS, DEFAULT_MEMORY_PER_TASK_MB, DEFAULT_WORKER_CEILING, MIN_POOL_SPEEDUP,
} from './optimizer.js';
export type { PoolMode, PoolConfig, OptimizeInput, WorkerPoolOptimizerOptions } from './optimizer.js';
export { calibrate } from './calibrate.js';
export type { CalibrationResult, CalibrationPoint, CalibrationOutcome, OutsideLoad } from './calibration-result.js';
export { OUTSIDE_LOAD_CHANGE_CORES, OUTSIDE_LOAD_CHANGE_SHARE } from './outside-load.js';
export { PLATEAU_MIN_WAIT } from './recommendation.js';
export {
  DEFAULT_MAX_WORKERS, DEFAULT_BUDGET_MS, DEFAULT_WINDOW_MS, DEFAULT_REPETITIONS, DEFAULT_TASK_TIMEOUT_MS, DEFAULT_TOLERANCE, DEFAULT_CONCURRENT_TASKS_PER_WORKER,
} from './calibrate-options.js';
export type { CalibrateOptions } from './calibrate-options.js';
export type { MainThreadResult } from './main-thread.js';
export type { Fault, FaultKind } from './pool.js';
export { searchWorkerCounts, nextRefinement, recommendFromPoints, recommendFromWellMeasured, recommendOnPlateau, SEARCH_MIN_GAIN, SEARCH_REFINE_STEPS, SEARCH_RESOLUTION, SEARCH_MIN_COUNTS, SEARCH_PATIENCE, SEARCH_DIP, effectiveCap } from './search.js';
export type { Measure, SearchOptions, SearchResult } from './search.js';
export { toTinypoolOptions, toPiscinaOptions } from './adapters.js';
export type { Sizing, PiscinaSizingOptions } from './adapters.js';
export { systemFromProfile, systemFromOs, resolveSystem } from './system.js';
export type { SystemInputs, ResolvedSystem } from './system.js';
export { WorkerOptimizerError } from './errors.js';
export type { WorkerOptimizerErrorCode } from './errors.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/worker-optimizer';
