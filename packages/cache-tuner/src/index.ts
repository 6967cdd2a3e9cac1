/** Package name, for diagnostics. */
export const packageName = '@perf/cache-tuner';

export { CacheTunerError } from './errors.js';
export type { CacheTunerErrorCode } from './errors.js';
export { DEFAULT_MAX_ID_HINT, NO_NEXT_ACCESS } from './policy.js';
export type { CapacityUnit, Policy, PolicyOptions } from './policy.js';
export { createPolicy, isOfflinePolicy, policyNames, registerPolicy } from './registry.js';
export type { PolicyFactory, PolicyName } from './registry.js';
export type { CacheMetrics } from './metrics.js';
export { hitRateOf } from './metrics.js';
export { SIMULATE_CHUNK, simulate, validateSimulation } from './simulate.js';
export type { SimTrace, SimulateOptions, SimulationRow } from './simulate.js';
export { nextAccessIndex } from './policies/belady.js';
export { FrequencySketch, SKETCH_SAMPLE_FACTOR } from './sketch.js';
export { DEFAULT_HILL_CLIMBER, WTINYLFU_PROTECTED_RATIO, WTINYLFU_WINDOW_RATIO } from './policies/wtinylfu.js';
export type { HillClimberSettings } from './policies/wtinylfu.js';
export { LIRS_HIR_RATIO } from './policies/lirs.js';
export { S3FIFO_GHOST_RATIO, S3FIFO_MOVE_TO_MAIN, S3FIFO_SMALL_RATIO } from './policies/s3fifo.js';
export { TWO_Q_IN_RATIO, TWO_Q_OUT_RATIO } from './policies/twoq.js';
export { DEFAULT_CURVE_POINTS, DEFAULT_MIN_SAMPLED_OBJECTS, DEFAULT_MINIATURE_RATE, DEFAULT_SHARDS_RATE, ERROR_BOUND_Z } from './curve.js';
export type { CurvePoint, MissRatioCurve, MissRatioCurveOptions } from './curve.js';
export { missRatioAt, missRatioCurve, sizeGrid } from './mrc.js';
export { missRatiosFromHistogram, stackDistanceHistogram, StackWalker } from './stack.js';
export type { StackHistogram } from './stack.js';
export { CacheTuner, DEFAULT_CURRENT_SIZE_MB, LEVEL_SPLIT, POWER_LAW_BETA, totalSizeMb } from './seed-tuner.js';
export type { Adjustment, CacheConfig, EstimateBasis, TuneResult } from './seed-tuner.js';
export {
  CLIFF_DROP,
  CLIFF_SPAN,
  DEFAULT_OBJECT_BYTES,
  DEFAULT_TUNE_POLICIES,
  findCliffs,
  INTERVAL_SEGMENTS,
  kneeOf,
  MIN_MARGINAL_GAIN,
  toLruCacheOptions,
  ttlFromReuse,
  tuneFromTrace,
  tuneLevels,
} from './tune-trace.js';
export type { CacheLevelSpec, LevelPlan, MarginalStep, TraceTuning, TuneFromTraceOptions } from './tune-trace.js';
