// OpenTelemetry export through the caller's Meter, without importing @opentelemetry/api:
// observable gauges read the latest sample in one batch callback.
import type { MonitorSample } from './types.js';

type Attributes = Record<string, string | number>;

/** What the instruments return; opaque here. */
export type ObservableLike = object;

/** The parts of `@opentelemetry/api`'s BatchObservableResult used here. */
export interface BatchObservableResultLike {
  observe(observable: never, value: number, attributes?: Attributes): void;
}

/** The parts of `@opentelemetry/api`'s `Meter` used here (any API 1.x Meter fits). */
export interface MeterLike {
  createObservableGauge(name: string, options?: { description?: string; unit?: string }): ObservableLike;
  addBatchObservableCallback(callback: (result: BatchObservableResultLike) => void, observables: never[]): void;
  removeBatchObservableCallback(callback: (result: BatchObservableResultLike) => void, observables: never[]): void;
}

interface GaugeSpec {
  name: string;
  unit: string;
  description: string;
  values(s: MonitorSample): Array<[number, Attributes?]>;
}

const SEC = 1 / 1000;

function gaugeSpecs(): GaugeSpec[] {
  const stats = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'] as const;
  const delay: GaugeSpec[] = stats.map((stat) => ({
    name: `nodejs.eventloop.delay.${stat}`,
    unit: 's',
    description: `Event-loop delay ${stat} over the last window, minus the sampling resolution.`,
    values: (s: MonitorSample) => [[s.eventLoop.delay[`${stat}Ms`] * SEC]],
  }));
  return [
    ...delay,
    { name: 'nodejs.eventloop.utilization', unit: '1', description: 'Event-loop utilisation over the last window.',
      values: (s) => [[s.eventLoop.utilization]] },
    { name: 'process.memory.usage', unit: 'By', description: 'Resident set size.', values: (s) => [[s.memory.rssBytes]] },
    { name: 'v8js.memory.heap.used', unit: 'By', description: 'V8 heap used.', values: (s) => [[s.memory.heapUsedBytes]] },
    { name: 'process.cpu.utilization', unit: '1', description: 'Process CPU over the last window as a fraction of one core.',
      values: (s) => [[s.cpu.utilization]] },
    { name: 'perf.memory.limit', unit: 'By', description: 'Effective memory limit RSS is judged against.',
      values: (s) => [[s.memory.limitBytes, { 'perf.memory.limit.source': s.memory.limitSource }]] },
    { name: 'perf.gc.pause.max', unit: 's', description: 'Longest GC pause in the last window, by kind.',
      values: (s) => Object.entries(s.gc.byKind).map(([kind, k]) => [k.maxMs * SEC, { 'v8js.gc.type': kind }]) },
    { name: 'perf.source.value', unit: '1', description: 'Values registered sources reported for the last window.',
      values: (s) => Object.entries(s.sources).flatMap(([source, values]) =>
        Object.entries(values).map(([metric, value]): [number, Attributes] => [value, { 'perf.source': source, 'perf.metric': metric }])) },
    { name: 'perf.alert.active', unit: '1', description: 'Alerts active after the last window.',
      values: (s) => s.activeAlerts.map((a): [number, Attributes] => [1, { 'perf.alert': a.id, 'perf.alert.rule': a.rule }]) },
  ];
}

/** The created instruments; `unregister()` removes the batch callback. */
export interface MeterBinding {
  instruments: string[];
  unregister(): void;
}

/** Creates observable gauges on `meter` that report the latest sample when the SDK collects. */
export function registerMeter(meter: MeterLike, latest: () => MonitorSample | undefined): MeterBinding {
  const specs = gaugeSpecs();
  const observables = specs.map((spec) => meter.createObservableGauge(spec.name, { unit: spec.unit, description: spec.description }));
  const callback = (result: BatchObservableResultLike): void => {
    const s = latest();
    if (s === undefined) return;
    specs.forEach((spec, i) => {
      for (const [value, attributes] of spec.values(s)) result.observe(observables[i] as never, value, attributes);
    });
  };
  meter.addBatchObservableCallback(callback, observables as never[]);
  return {
    instruments: specs.map((s) => s.name),
    unregister() {
      meter.removeBatchObservableCallback(callback, observables as never[]);
    },
  };
}
