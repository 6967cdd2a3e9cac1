/** Package name, for diagnostics. */
export const packageName = '@perf/bench';

export { BenchError, type BenchErrorCode } from './errors.js';
export { findWorkspaceRoot, packageDirName } from './workspace.js';
export {
  writeBenchReport, formatResultsTable, formatTable, formatNumber,
  type BenchResult, type BenchReport, type WriteBenchReportOptions,
} from './report.js';
export { runChild, emitMeasurement, DEFAULT_CHILD_TIMEOUT_MS, type ChildScript, type ChildOutcome } from './child.js';
export {
  measureThroughput, opsPerSecond, DEFAULT_ESTIMATOR, DEFAULT_MEASURE_TIME_MS, DEFAULT_WARMUP_TIME_MS,
  type Estimator, type MeasureOptions,
} from './measure.js';
export {
  sideBySide, sideBySideResults, DEFAULT_PROCESSES,
  type SideSpec, type SideBySideOptions, type SideBySideResult, type SideSummary, type ToBenchResultsOptions,
} from './side-by-side.js';
export {
  median, quantile, mulberry32, shuffled, bootstrapRatioInterval,
  DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED, type BootstrapOptions, type RatioInterval,
} from './stats.js';
export {
  compareSamples, decideVerdict, confirmComparison, DEFAULT_MIN_EFFECT, MIN_SAMPLES_PER_SIDE,
  type Comparison, type CompareOptions, type Verdict,
} from './verdict.js';
