// Prometheus export through the caller's prom-client Registry, without importing prom-client:
// each family is an object with the shape Registry.registerMetric() and metrics() use.
import type { MonitorSample } from './types.js';
import { GC_KIND_NAMES } from './process-sampler.js';

/** The parts of a prom-client `Registry` used here (prom-client >= 15). */
export interface PrometheusRegistryLike {
  // `never`: any prom-client Registry fits; the families passed are duck-typed prom-client metrics.
  registerMetric(metric: never): void;
  getSingleMetric(name: string): unknown;
  removeSingleMetric(name: string): void;
}

type Labels = Record<string, string | number>;
interface PromValue { value: number; labels: Labels }
type PromType = 'gauge' | 'counter';

/** A metric family as prom-client's Registry reads it. */
interface PromFamily {
  name: string;
  help: string;
  type: PromType;
  aggregator: 'omit' | 'sum' | 'first' | 'min' | 'max' | 'average';
  get(): Promise<{ name: string; help: string; type: PromType; aggregator: PromFamily['aggregator']; values: PromValue[] }>;
  reset(): void;
}

interface FamilySpec {
  name: string;
  help: string;
  type: PromType;
  values(s: MonitorSample): PromValue[];
}

const SEC = 1 / 1000;
const one = (value: number, labels: Labels = {}): PromValue[] => [{ value, labels }];

/** Running totals over windows, for counters. */
export interface GcTotals { count: Record<string, number>; seconds: Record<string, number> }

function delayFamilies(): FamilySpec[] {
  const stats = [['min', 'minMs'], ['max', 'maxMs'], ['mean', 'meanMs'], ['stddev', 'stddevMs'], ['p50', 'p50Ms'], ['p90', 'p90Ms'], ['p99', 'p99Ms']] as const;
  return stats.map(([stat, key]) => ({
    name: `nodejs_eventloop_lag_${stat}_seconds`,
    help: `Event-loop delay ${stat} over the last window, minus the sampling resolution (@perf/monitor).`,
    type: 'gauge' as const,
    values: (s: MonitorSample) => one(s.eventLoop.delay[key] * SEC),
  }));
}

function familySpecs(totals: GcTotals): FamilySpec[] {
  const sourceValues = (s: MonitorSample, pick: (key: string) => string | undefined, label: string): PromValue[] => {
    const out: PromValue[] = [];
    for (const [source, values] of Object.entries(s.sources)) {
      for (const [key, value] of Object.entries(values)) {
        const sub = pick(key);
        if (sub !== undefined) out.push({ value, labels: sub === '' ? { [label]: source } : { [label]: source, level: sub } });
      }
    }
    return out;
  };
  return [
    ...delayFamilies(),
    { name: 'nodejs_heap_size_total_bytes', help: 'Process heap size from Node.js in bytes.', type: 'gauge', values: (s) => one(s.memory.heapTotalBytes) },
    { name: 'nodejs_heap_size_used_bytes', help: 'Process heap size used from Node.js in bytes.', type: 'gauge', values: (s) => one(s.memory.heapUsedBytes) },
    { name: 'nodejs_external_memory_bytes', help: 'Node.js external memory size in bytes.', type: 'gauge', values: (s) => one(s.memory.externalBytes) },
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', values: (s) => one(s.memory.rssBytes) },
    { name: 'process_cpu_user_seconds_total', help: 'Total user CPU time spent in seconds.', type: 'counter', values: () => one(process.cpuUsage().user / 1e6) },
    { name: 'process_cpu_system_seconds_total', help: 'Total system CPU time spent in seconds.', type: 'counter', values: () => one(process.cpuUsage().system / 1e6) },
    { name: 'perf_eventloop_utilization', help: 'Event-loop utilisation over the last window (0..1).', type: 'gauge', values: (s) => one(s.eventLoop.utilization) },
    { name: 'perf_cpu_utilization', help: 'Process CPU over the last window as a fraction of one core.', type: 'gauge', values: (s) => one(s.cpu.utilization) },
    { name: 'perf_memory_limit_bytes', help: 'Effective memory limit RSS is judged against.', type: 'gauge', values: (s) => one(s.memory.limitBytes, { source: s.memory.limitSource }) },
    { name: 'perf_memory_rss_ratio', help: 'RSS / effective memory limit.', type: 'gauge', values: (s) => one(s.memory.rssFraction) },
    { name: 'perf_gc_pause_max_seconds', help: 'Longest GC pause in the last window, by kind.', type: 'gauge',
      values: (s) => GC_KIND_NAMES.map((kind) => ({ value: s.gc.byKind[kind].maxMs * SEC, labels: { kind } })) },
    { name: 'perf_gc_pause_seconds_total', help: 'GC pause time since the monitor started, by kind.', type: 'counter',
      values: () => GC_KIND_NAMES.map((kind) => ({ value: totals.seconds[kind] ?? 0, labels: { kind } })) },
    { name: 'perf_gc_pauses_total', help: 'GC pauses since the monitor started, by kind.', type: 'counter',
      values: () => GC_KIND_NAMES.map((kind) => ({ value: totals.count[kind] ?? 0, labels: { kind } })) },
    { name: 'perf_window_seconds', help: 'Length of the last monitor window.', type: 'gauge', values: (s) => one(s.window.durationMs * SEC) },
    { name: 'perf_cache_hit_ratio', help: 'Cache hit rate per level over the last window.', type: 'gauge',
      values: (s) => sourceValues(s, (k) => (k.endsWith('.hitRate') ? k.slice(0, -'.hitRate'.length) : undefined), 'cache') },
    { name: 'perf_pool_utilization', help: 'Worker-pool utilisation over the last window (0..1).', type: 'gauge',
      values: (s) => sourceValues(s, (k) => (k === 'utilization' ? '' : undefined), 'pool') },
    { name: 'perf_pool_queue_size', help: 'Tasks waiting in the pool queue at the end of the last window.', type: 'gauge',
      values: (s) => sourceValues(s, (k) => (k === 'queueSize' ? '' : undefined), 'pool') },
    { name: 'perf_source_value', help: 'Every value registered sources reported for the last window.', type: 'gauge',
      values: (s) => Object.entries(s.sources).flatMap(([source, values]) =>
        Object.entries(values).map(([metric, value]) => ({ value, labels: { source, metric } }))) },
    { name: 'perf_alert_active', help: 'Alerts active after the last window (1 per active alert).', type: 'gauge',
      values: (s) => s.activeAlerts.map((a) => ({ value: 1, labels: { alert: a.id, rule: a.rule } })) },
  ];
}

function family(spec: FamilySpec, latest: () => MonitorSample | undefined): PromFamily {
  const aggregator = spec.type === 'counter' ? 'sum' : 'average';
  return {
    name: spec.name,
    help: spec.help,
    type: spec.type,
    aggregator,
    get() {
      const s = latest();
      const values = s === undefined ? [] : spec.values(s);
      return Promise.resolve({ name: spec.name, help: spec.help, type: spec.type, aggregator, values });
    },
    reset() {},
  };
}

/** The registered families; `unregister()` removes them again. */
export interface PrometheusBinding {
  /** Family names registered on the registry. */
  registered: string[];
  /** Names skipped because the registry already had them (e.g. prom-client's default metrics). */
  skipped: string[];
  unregister(): void;
}

/**
 * Registers the monitor's metric families on a prom-client registry. Families whose name the
 * registry already holds (prom-client's `collectDefaultMetrics` uses the `nodejs_*` ones) are
 * skipped, not replaced. Values come from the latest sample at scrape time.
 */
export function registerPrometheus(
  registry: PrometheusRegistryLike,
  latest: () => MonitorSample | undefined,
  totals: GcTotals,
): PrometheusBinding {
  const registered: string[] = [];
  const skipped: string[] = [];
  for (const spec of familySpecs(totals)) {
    if (registry.getSingleMetric(spec.name) !== undefined) {
      skipped.push(spec.name);
      continue;
    }
    registry.registerMetric(family(spec, latest) as never);
    registered.push(spec.name);
  }
  return {
    registered,
    skipped,
    unregister() {
      for (const name of registered) registry.removeSingleMetric(name);
    },
  };
}

/** Adds one window's GC pauses to running totals. */
export function addGcTotals(totals: GcTotals, sample: MonitorSample): void {
  for (const kind of GC_KIND_NAMES) {
    const k = sample.gc.byKind[kind];
    totals.count[kind] = (totals.count[kind] ?? 0) + k.count;
    totals.seconds[kind] = (totals.seconds[kind] ?? 0) + k.totalMs * SEC;
  }
}
