// The edge that reads Node's own gauges: event-loop delay and utilisation, memory, CPU and GC.
import { totalmem } from 'node:os';
import { PerformanceObserver, constants, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { EventLoopUtilization, IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { correctDelay, cpuFraction, effectiveMemoryLimit, utilizationDelta } from './stats.js';
import type { GcKind, GcKindStats, GcStats, ProcessReading } from './types.js';

/** Reads one window of process metrics at a time. Injectable so tests can drive exact sequences. */
export interface ProcessSampler {
  /** Starts the first window. */
  start(): void;
  /** Returns the metrics since the last `start` or `read`, and starts the next window. */
  read(windowMs: number): ProcessReading;
  /** Releases timers and observers. */
  stop(): void;
}

export interface ProcessSamplerOptions {
  /** `monitorEventLoopDelay` resolution in ms. */
  resolutionMs: number;
  /** Memory limit in bytes, or undefined to use the cgroup limit or physical memory. */
  memoryLimitBytes: number | undefined;
}

const GC_KINDS: Readonly<Record<number, GcKind>> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

export const GC_KIND_NAMES: readonly GcKind[] = ['minor', 'major', 'incremental', 'weakcb'];

export function emptyGcStats(): GcStats {
  const byKind = {} as Record<GcKind, GcKindStats>;
  for (const k of GC_KIND_NAMES) byKind[k] = { count: 0, totalMs: 0, maxMs: 0 };
  return { byKind, count: 0, totalMs: 0 };
}

/** Adds one GC pause to windowed stats (pure apart from mutating `stats`). */
export function addGcPause(stats: GcStats, kind: GcKind, durationMs: number): void {
  const k = stats.byKind[kind];
  k.count += 1;
  k.totalMs += durationMs;
  if (durationMs > k.maxMs) k.maxMs = durationMs;
  stats.count += 1;
  stats.totalMs += durationMs;
}

/** Effective memory limit with Node's view of the cgroup limit (`process.constrainedMemory`). */
export function processMemoryLimit(optionBytes: number | undefined): ReturnType<typeof effectiveMemoryLimit> {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : undefined;
  return effectiveMemoryLimit({ optionBytes, constrainedBytes: constrained, totalBytes: totalmem() });
}

export function createProcessSampler(options: ProcessSamplerOptions): ProcessSampler {
  let histogram: IntervalHistogram | undefined;
  let observer: PerformanceObserver | undefined;
  let elu: EventLoopUtilization = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let wallStart = performance.now();
  let gc = emptyGcStats();
  const limit = processMemoryLimit(options.memoryLimitBytes);
  const heapLimitBytes = getHeapStatistics().heap_size_limit;

  return {
    start() {
      histogram = monitorEventLoopDelay({ resolution: options.resolutionMs });
      histogram.enable();
      observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const detail = (entry as { detail?: { kind?: number } }).detail;
          const kind = GC_KINDS[detail?.kind ?? -1];
          if (kind !== undefined) addGcPause(gc, kind, entry.duration);
        }
      });
      observer.observe({ entryTypes: ['gc'] });
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
      wallStart = performance.now();
      gc = emptyGcStats();
    },
    read(windowMs) {
      const now = performance.now();
      const wallMs = now - wallStart > 0 ? now - wallStart : windowMs;
      const delay = histogram === undefined ? correctDelay({ min: 0, max: 0, mean: 0, stddev: 0, count: 0, percentile: () => 0 }, 0)
        : correctDelay(histogram, options.resolutionMs);
      histogram?.reset();
      const eluNow = performance.eventLoopUtilization();
      const utilization = utilizationDelta(elu, eluNow);
      elu = eluNow;
      const cpuNow = process.cpuUsage();
      const userMicros = cpuNow.user - cpu.user;
      const systemMicros = cpuNow.system - cpu.system;
      cpu = cpuNow;
      wallStart = now;
      const mem = process.memoryUsage();
      const windowGc = gc;
      gc = emptyGcStats();
      return {
        eventLoop: { delay, utilization, resolutionMs: options.resolutionMs },
        memory: {
          rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, externalBytes: mem.external,
          heapLimitBytes, limitBytes: limit.bytes, limitSource: limit.source,
          rssFraction: mem.rss / limit.bytes, heapFraction: mem.heapUsed / heapLimitBytes,
        },
        cpu: { userMs: userMicros / 1000, systemMs: systemMicros / 1000, utilization: cpuFraction(userMicros, systemMicros, wallMs) },
        gc: windowGc,
      };
    },
    stop() {
      histogram?.disable();
      histogram = undefined;
      observer?.disconnect();
      observer = undefined;
    },
  };
}
