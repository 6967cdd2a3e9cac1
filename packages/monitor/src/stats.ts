// Pure arithmetic on raw readings; no I/O here, so tests can use exact numbers.
import type { EventLoopDelayStats, MemoryLimitSource } from './types.js';

const NS_PER_MS = 1e6;

/** The fields of a `perf_hooks` IntervalHistogram that the delay statistics use, in nanoseconds. */
export interface RawDelayHistogram {
  min: number;
  max: number;
  mean: number;
  stddev: number;
  count: number;
  percentile(p: number): number;
}

/**
 * Event-loop delay statistics in ms with the sampling resolution removed.
 *
 * On Node 20 `monitorEventLoopDelay` records the whole time between its timer's runs, so a
 * free loop reads about one resolution (10 ms at the default) of "delay". Subtracting the
 * resolution from every location statistic (min, mean, percentiles, max) and clamping at 0
 * leaves the time the loop was late. The standard deviation is a spread, so it is unchanged.
 */
export function correctDelay(raw: RawDelayHistogram, resolutionMs: number): EventLoopDelayStats {
  const count = raw.count;
  if (!(count > 0)) {
    return { minMs: 0, meanMs: 0, stddevMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, count: 0 };
  }
  const fix = (ns: number): number => Math.max(0, ns / NS_PER_MS - resolutionMs);
  return {
    minMs: fix(raw.min),
    meanMs: fix(raw.mean),
    stddevMs: raw.stddev / NS_PER_MS,
    p50Ms: fix(raw.percentile(50)),
    p90Ms: fix(raw.percentile(90)),
    p99Ms: fix(raw.percentile(99)),
    maxMs: fix(raw.max),
    count,
  };
}

/**
 * The memory limit RSS is judged against: the caller's value if given, else the cgroup limit
 * Node reports (`process.constrainedMemory()`) when it is set and below physical memory, else
 * physical memory (`os.totalmem()`). Node reports "no limit" as 0 or as 2^64.
 */
export function effectiveMemoryLimit(input: {
  optionBytes?: number | undefined;
  constrainedBytes: number | undefined;
  totalBytes: number;
}): { bytes: number; source: MemoryLimitSource } {
  if (input.optionBytes !== undefined) return { bytes: input.optionBytes, source: 'option' };
  const c = input.constrainedBytes;
  if (c !== undefined && c > 0 && c < input.totalBytes) return { bytes: c, source: 'constrained' };
  return { bytes: input.totalBytes, source: 'total' };
}

/** Process CPU over a window as a fraction of one core, from `process.cpuUsage()` deltas (µs). */
export function cpuFraction(userMicros: number, systemMicros: number, wallMs: number): number {
  if (!(wallMs > 0)) return 0;
  return (userMicros + systemMicros) / 1000 / wallMs;
}

/** Increase of a monotonic counter; a counter that went down was reset, so its value is the increase. */
export function counterDelta(previous: number | undefined, current: number): number {
  if (previous === undefined) return current;
  return current >= previous ? current - previous : current;
}

/** Hits / (hits + misses), or undefined when there were no lookups. */
export function hitRate(hits: number, misses: number): number | undefined {
  const lookups = hits + misses;
  return lookups > 0 ? hits / lookups : undefined;
}

/** Event-loop utilisation from two cumulative readings (`performance.eventLoopUtilization()`), in ms. */
export function utilizationDelta(
  previous: { idle: number; active: number },
  current: { idle: number; active: number },
): number {
  const active = current.active - previous.active;
  const idle = current.idle - previous.idle;
  const total = active + idle;
  return total > 0 ? active / total : 0;
}
