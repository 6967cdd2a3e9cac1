/** Package name, for diagnostics. */
export const packageName = '@perf/monitor';

export {
  Monitor, createMonitor, defaultResolutionMs, DEFAULT_INTERVAL_MS, DELAY_SAMPLES_PER_WINDOW, MAX_DEFAULT_RESOLUTION_MS,
  MIN_DEFAULT_RESOLUTION_MS, MIN_INTERVAL_MS,
} from './monitor.js';
export type { MonitorEvents, MonitorOptions } from './monitor.js';
export {
  DEFAULT_CACHE_HIT_RATE, DEFAULT_EVENT_LOOP_DELAY_P99_MS, DEFAULT_MEMORY_FRACTION, DEFAULT_MIN_CACHE_LOOKUPS,
  DEFAULT_POOL_UTILIZATION, alertChecks, resolveThresholds,
} from './alerts.js';
export type { AlertCheck, ResolvedThresholds, Thresholds } from './alerts.js';
export { DEFAULT_CLEAR_AFTER, DEFAULT_CLEAR_MARGIN, DEFAULT_HYSTERESIS, DEFAULT_RAISE_AFTER, INITIAL_ALERT_STATE, clearLevel, stepAlert } from './hysteresis.js';
export type { AlertState, AlertStep, HysteresisOptions } from './hysteresis.js';
export { correctDelay, counterDelta, cpuFraction, effectiveMemoryLimit, hitRate, utilizationDelta } from './stats.js';
export type { RawDelayHistogram } from './stats.js';
export { createProcessSampler, processMemoryLimit } from './process-sampler.js';
export type { ProcessSampler, ProcessSamplerOptions } from './process-sampler.js';
export { cacheSource, defineSource } from './cache-source.js';
export type { CacheLevelStatsLike, CacheStatsProvider } from './cache-source.js';
export { tinypoolSource, DEFAULT_POOL_SOURCE_NAME } from './tinypool-source.js';
export type { TinypoolLike, TinypoolSource, TinypoolSourceOptions } from './tinypool-source.js';
export type { PrometheusBinding, PrometheusRegistryLike } from './prometheus.js';
export type { BatchObservableResultLike, MeterBinding, MeterLike, ObservableLike } from './otel.js';
export { MonitorError } from './errors.js';
export type { MonitorErrorCode } from './errors.js';
export type {
  AlertDirection, AlertEvent, CpuStats, EventLoopDelayStats, EventLoopStats, GcKind, GcKindStats, GcStats, MemoryLimitSource,
  MemoryStats, MonitorSample, MonitorSource, MonitorWindow, ProcessReading, SourceKind,
} from './types.js';
