/** Package name, for diagnostics. */
export const packageName = '@perf/bench';

export { BenchError, type BenchErrorCode } from './errors.js';
export { findWorkspaceRoot, packageDirName } from './workspace.js';
export {
  writeBenchReport, formatResultsTable, formatTable, formatNumber,
  type BenchResult, type BenchReport, type WriteBenchReportOptions,
} from './report.js';
export { pickCpu, canPin, allowedCpus, parseCpuList, MAX_PROBED_CPUS, CPU_PROBE_ROUNDS, type CpuChoice } from './affinity.js';
export { runChild, emitMeasurement, DEFAULT_CHILD_TIMEOUT_MS, type ChildScript, type ChildOutcome } from './child.js';
export {
  measureThroughput, opsPerSecond, DEFAULT_ESTIMATOR, DEFAULT_MEASURE_TIME_MS, DEFAULT_WARMUP_TIME_MS,
  type Estimator, type MeasureOptions,
} from './measure.js';
export {
  measureInterleaved, DEFAULT_BATCHES, DEFAULT_BATCH_TIME_MS, DEFAULT_INTERLEAVE_WARMUP_MS,
  type InterleaveOptions, type InterleavedMeasurement,
} from './interleave.js';
export {
  measureInIsolates, DEFAULT_ISOLATES, DEFAULT_ISOLATE_EXPORT, type IsolatesOptions, type IsolatesMeasurement,
} from './isolates.js';
export {
  sideBySide, sideBySideResults, interleavedSideBySide, DEFAULT_PROCESSES, DEFAULT_INSTANCES,
  type ModuleSide, type InterleavedSideBySideOptions, type SideSpec, type SideBySideOptions, type SideBySideResult, type SideSummary, type ToBenchResultsOptions,
} from './side-by-side.js';
export {
  median, quantile, mulberry32, shuffled, bootstrapRatioInterval, bootstrapPairedRatioInterval, hodgesLehmann,
  DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED, type BootstrapOptions, type RatioInterval,
} from './stats.js';
export {
  compareSamples, comparePairs, decideVerdict, confirmComparison, DEFAULT_MIN_EFFECT, MIN_SAMPLES_PER_SIDE,
  type Comparison, type CompareOptions, type Verdict,
} from './verdict.js';
export { PerformanceBenchmarkSuite, DEFAULT_SUITE_PROCESSES, QUICK_SUITE_PROCESSES, MAX_PROCESSES, DEFAULT_CACHES, type SuiteOptions } from './suite.js';
export { SuiteResults, SAVED_BASELINE_NOTE, SAVED_BASELINE_RUN, type BenchmarkOutcome, type SuiteSummary, type BaselineComparison, type ResultsContext } from './results.js';
export { lruCacheAdapter, mapAdapter, DEFAULT_CACHE_EXPORT, type CacheAdapter, type CacheFactory, type CacheSource } from './caches.js';
export {
  readBaseline, parseBaseline, writeBaseline, baselinePath, appendHistory,
  BASELINE_FORMAT, BASELINE_VERSION, DEFAULT_BASELINE_DIR, DEFAULT_BASELINE_NAME, type Baseline, type BaselineBenchmark,
} from './baseline.js';
export { environmentFingerprint, osFingerprint, fingerprintDifferences, type EnvironmentFingerprint } from './fingerprint.js';
export {
  formatSuiteTable, formatComparisonTable, toJsonReport, toMarkdown, toGithubActionBenchmark, toBencherMetricFormat, toBenchResults,
} from './reporters.js';
export { compareModules, resolveBenchModule, DEFAULT_COMPARE_EXPORTS, type BenchModule, type CompareModulesOptions, type ModulesComparison } from './compare-modules.js';
export { runCli, EXIT_OK, EXIT_REGRESSION, EXIT_USAGE, type CliIo } from './cli-main.js';
