// Shapes of what the monitor measures and reports.

/** The time span a sample covers. Times are epoch milliseconds from the monitor's clock. */
export interface MonitorWindow {
  start: number;
  end: number;
  durationMs: number;
}

/** Event-loop delay over one window, in milliseconds, corrected for the sampling resolution. */
export interface EventLoopDelayStats {
  minMs: number;
  meanMs: number;
  stddevMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Delay samples taken in the window (about one per resolution when the loop is free). */
  count: number;
}

export interface EventLoopStats {
  delay: EventLoopDelayStats;
  /** Share of the window the loop spent running callbacks rather than waiting (0..1). */
  utilization: number;
  /** The sampling resolution that was subtracted from every delay figure, in ms. */
  resolutionMs: number;
}

/** Where the effective memory limit came from. */
export type MemoryLimitSource = 'option' | 'constrained' | 'total';

export interface MemoryStats {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** V8's heap size limit (`v8.getHeapStatistics().heap_size_limit`). */
  heapLimitBytes: number;
  /** The effective memory limit RSS is compared against. */
  limitBytes: number;
  limitSource: MemoryLimitSource;
  /** rssBytes / limitBytes. */
  rssFraction: number;
  /** heapUsedBytes / heapLimitBytes. */
  heapFraction: number;
}

export interface CpuStats {
  userMs: number;
  systemMs: number;
  /** (user + system) / window wall time: 1 means one full core. */
  utilization: number;
}

/** GC kinds as named by prom-client's `nodejs_gc_duration_seconds{kind}`. */
export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb';

export interface GcKindStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface GcStats {
  byKind: Record<GcKind, GcKindStats>;
  count: number;
  totalMs: number;
}

/** What the process probes read for one window (everything except registered sources). */
export interface ProcessReading {
  eventLoop: EventLoopStats;
  memory: MemoryStats;
  cpu: CpuStats;
  gc: GcStats;
}

/** One window's sample: the `sample` event's payload and what `snapshot()` returns. */
export interface MonitorSample extends ProcessReading {
  window: MonitorWindow;
  /** Per registered source, the flat record its `collect()` returned for this window. */
  sources: Record<string, Record<string, number>>;
  /** Alerts active after this window was evaluated. */
  activeAlerts: AlertEvent[];
}

/** What a source is, which decides the default alert rules that apply to it. */
export type SourceKind = 'cache' | 'pool' | 'custom';

/**
 * Anything that reports numbers once per window. `collect` is called at the end of each window
 * with the window length; it should return values for that window (deltas, not lifetime totals).
 */
export interface MonitorSource {
  readonly name: string;
  /** @default 'custom' */
  readonly kind?: SourceKind;
  collect(windowMs: number): Record<string, number>;
}

/** Which way a value is bad. */
export type AlertDirection = 'above' | 'below';

/** Payload of the `alert` and `resolved` events. */
export interface AlertEvent {
  /** Stable identity, e.g. `eventLoopDelay`, `memory`, `cacheHitRate:cache/memory`, `poolUtilization:pool`. */
  id: string;
  /** The rule that produced it. */
  rule: 'eventLoopDelay' | 'memory' | 'cacheHitRate' | 'poolUtilization';
  /** Human-readable metric, e.g. `eventLoop.delay.p99Ms`, `sources.cache.memory.hitRate`. */
  metric: string;
  value: number;
  threshold: number;
  direction: AlertDirection;
  /** The window whose value raised or cleared the alert. */
  window: MonitorWindow;
  /** When the alert was raised (window end, epoch ms). */
  since: number;
}
