// createMonitor: a timer that closes a window every intervalMs, evaluates alerts, and exports.
import { EventEmitter } from 'node:events';
import { AlertBook, alertChecks, resolveThresholds } from './alerts.js';
import type { ResolvedThresholds, Thresholds } from './alerts.js';
import { MonitorError, checkNumber } from './errors.js';
import { registerMeter } from './otel.js';
import type { MeterBinding, MeterLike } from './otel.js';
import { createProcessSampler } from './process-sampler.js';
import type { ProcessSampler } from './process-sampler.js';
import { addGcTotals, registerPrometheus } from './prometheus.js';
import type { GcTotals, PrometheusBinding, PrometheusRegistryLike } from './prometheus.js';
import type { AlertEvent, MonitorSample, MonitorSource, SourceKind } from './types.js';

/** Default window length, ms. */
export const DEFAULT_INTERVAL_MS = 1000;
/** Finest default `monitorEventLoopDelay` resolution, ms (Node's own default). */
export const MIN_DEFAULT_RESOLUTION_MS = 10;
/** Coarsest default `monitorEventLoopDelay` resolution, ms. */
export const MAX_DEFAULT_RESOLUTION_MS = 50;
/** The default resolution aims at this many delay samples per window. */
export const DELAY_SAMPLES_PER_WINDOW = 20;

/**
 * Default event-loop delay resolution for a window length: intervalMs / 20, clamped to [10, 50] ms
 * (50 ms at the default 1 s window). Every delay sample is a timer wake-up; on an idle process
 * 10 ms cost about three times the CPU of 50 ms in this package's bench, while 20 samples per
 * window still catch every stall longer than the resolution (the stall delays the next sample).
 */
export function defaultResolutionMs(intervalMs: number): number {
  return Math.min(MAX_DEFAULT_RESOLUTION_MS, Math.max(MIN_DEFAULT_RESOLUTION_MS, Math.round(intervalMs / DELAY_SAMPLES_PER_WINDOW)));
}

/** Shortest accepted window, ms. */
export const MIN_INTERVAL_MS = 10;

export interface MonitorOptions {
  /** Window length in ms: metrics are reset at every window end. @default 1000 */
  intervalMs?: number;
  /** Alert levels and flap protection. @default see Thresholds */
  thresholds?: Thresholds;
  /** Sources collected at every window end (cacheSource, tinypoolSource, defineSource). @default [] */
  sources?: MonitorSource[];
  /** A prom-client Registry to register the metric families on at start(). @default undefined */
  prometheus?: PrometheusRegistryLike;
  /** An OpenTelemetry Meter to create observable gauges on at start(). @default undefined */
  meter?: MeterLike;
  /**
   * Memory limit RSS is judged against, in bytes (e.g. from @perf/system-probe's container facts).
   * @default process.constrainedMemory() when set and below os.totalmem(), else os.totalmem()
   */
  memoryLimitBytes?: number;
  /**
   * `monitorEventLoopDelay` resolution in ms; it is subtracted from every delay figure.
   * @default intervalMs / 20 clamped to [10, 50] (50 at the default interval), see defaultResolutionMs
   */
  eventLoopResolutionMs?: number;
  /** Wall clock for window timestamps (epoch ms). @default Date.now */
  now?: () => number;
  /** Reads process metrics; inject one to drive exact sequences in tests. @default the Node process sampler */
  sampler?: ProcessSampler;
  /** Let the process exit while the monitor runs. @default true */
  unref?: boolean;
}

export interface MonitorEvents {
  sample: [sample: MonitorSample];
  alert: [alert: AlertEvent];
  resolved: [alert: AlertEvent];
  /** A source's collect() threw; the window is reported without it. */
  warning: [error: MonitorError];
}

export class Monitor extends EventEmitter<MonitorEvents> {
  readonly intervalMs: number;
  readonly thresholds: ResolvedThresholds;
  readonly #sources = new Map<string, MonitorSource>();
  readonly #sampler: ProcessSampler;
  readonly #now: () => number;
  readonly #unref: boolean;
  readonly #prometheus: PrometheusRegistryLike | undefined;
  readonly #meter: MeterLike | undefined;
  #alerts: AlertBook;
  #timer: NodeJS.Timeout | undefined;
  #windowStart = 0;
  #latest: MonitorSample | undefined;
  #promBinding: PrometheusBinding | undefined;
  #meterBinding: MeterBinding | undefined;
  readonly #gcTotals: GcTotals = { count: {}, seconds: {} };

  constructor(options: MonitorOptions = {}) {
    super();
    this.intervalMs = checkNumber('intervalMs', options.intervalMs ?? DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS);
    const resolutionMs = checkNumber('eventLoopResolutionMs', options.eventLoopResolutionMs ?? defaultResolutionMs(this.intervalMs), 1);
    if (options.memoryLimitBytes !== undefined) checkNumber('memoryLimitBytes', options.memoryLimitBytes, 1);
    this.thresholds = validateThresholds(resolveThresholds(options.thresholds));
    this.#alerts = new AlertBook(this.thresholds.hysteresis);
    this.#sampler = options.sampler ?? createProcessSampler({ resolutionMs, memoryLimitBytes: options.memoryLimitBytes });
    this.#now = options.now ?? Date.now;
    this.#unref = options.unref ?? true;
    this.#prometheus = options.prometheus;
    this.#meter = options.meter;
    for (const source of options.sources ?? []) this.addSource(source);
    this.#windowStart = this.#now();
  }

  /** Whether the window timer is running. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Prometheus family names registered and skipped at the last start(), if a registry was given. */
  get prometheusBinding(): PrometheusBinding | undefined {
    return this.#promBinding;
  }

  /** Starts the first window and the timer; registers exporters. Calling it twice is a no-op. */
  start(): this {
    if (this.#timer !== undefined) return this;
    this.#sampler.start();
    this.#windowStart = this.#now();
    if (this.#prometheus !== undefined) this.#promBinding = registerPrometheus(this.#prometheus, () => this.#latest, this.#gcTotals);
    if (this.#meter !== undefined) this.#meterBinding = registerMeter(this.#meter, () => this.#latest);
    this.#timer = setInterval(() => this.sample(), this.intervalMs);
    if (this.#unref) this.#timer.unref();
    return this;
  }

  /** Stops the timer, the probes and the exporters. The last sample stays readable via snapshot(). */
  stop(): this {
    if (this.#timer === undefined) return this;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sampler.stop();
    this.#promBinding?.unregister();
    this.#meterBinding?.unregister();
    this.#meterBinding = undefined;
    return this;
  }

  /** The last completed window, or undefined before the first one. */
  snapshot(): MonitorSample | undefined {
    return this.#latest;
  }

  /** Alerts currently raised. */
  activeAlerts(): AlertEvent[] {
    return this.#alerts.active();
  }

  addSource(source: MonitorSource): this {
    if (this.#sources.has(source.name)) {
      throw new MonitorError('MONITOR_DUPLICATE_SOURCE',
        `createMonitor: a source named "${source.name}" is already registered; give each source a unique name.`);
    }
    this.#sources.set(source.name, source);
    return this;
  }

  removeSource(name: string): boolean {
    return this.#sources.delete(name);
  }

  /**
   * Closes the current window now: reads the probes and sources, evaluates alerts, emits
   * `sample` (then `alert` / `resolved`) and starts the next window. The timer calls this.
   */
  sample(): MonitorSample {
    const end = this.#now();
    const start = this.#windowStart;
    const window = { start, end, durationMs: Math.max(0, end - start) };
    this.#windowStart = end;
    const reading = this.#sampler.read(window.durationMs);
    const sources: Record<string, Record<string, number>> = {};
    const kinds = new Map<string, SourceKind>();
    for (const source of this.#sources.values()) {
      try {
        sources[source.name] = source.collect(window.durationMs);
        kinds.set(source.name, source.kind ?? 'custom');
      } catch (cause) {
        this.emit('warning', new MonitorError('MONITOR_SOURCE_FAILED',
          `monitor: source "${source.name}" threw from collect(); this window is reported without it. Fix the source.`, { cause }));
      }
    }
    const partial = { ...reading, window, sources };
    const transitions = this.#alerts.evaluate(alertChecks(partial, this.thresholds, kinds), window);
    const sample: MonitorSample = { ...partial, activeAlerts: this.#alerts.active() };
    this.#latest = sample;
    addGcTotals(this.#gcTotals, sample);
    this.emit('sample', sample);
    for (const t of transitions) {
      if (t.kind === 'alert') this.emit('alert', t.event);
      else this.emit('resolved', t.event);
    }
    return sample;
  }
}

function validateThresholds(t: ResolvedThresholds): ResolvedThresholds {
  if (t.eventLoopDelayP99Ms !== false) checkNumber('thresholds.eventLoopDelayP99Ms', t.eventLoopDelayP99Ms, 0);
  if (t.memoryFraction !== false) checkNumber('thresholds.memoryFraction', t.memoryFraction, 0, 1);
  checkNumber('thresholds.minCacheLookups', t.minCacheLookups, 0);
  checkNumber('thresholds.hysteresis.raiseAfter', t.hysteresis.raiseAfter, 1);
  checkNumber('thresholds.hysteresis.clearAfter', t.hysteresis.clearAfter, 1);
  checkNumber('thresholds.hysteresis.clearMargin', t.hysteresis.clearMargin, 0, 1);
  for (const field of ['cacheHitRate', 'poolUtilization'] as const) {
    const v = t[field];
    if (v === false) continue;
    checkNumber(`thresholds.${field}`, v, 0, 1);
    if (v * (1 + t.hysteresis.clearMargin) > 1) {
      throw new MonitorError('MONITOR_INVALID_OPTION',
        `createMonitor: thresholds.${field} is ${v}; with clearMargin ${t.hysteresis.clearMargin} the alert could only clear above 100%. Lower the threshold or the margin.`);
    }
  }
  return t;
}

/** Creates a monitor; call start() to begin sampling. */
export function createMonitor(options: MonitorOptions = {}): Monitor {
  return new Monitor(options);
}
