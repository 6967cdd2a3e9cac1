import type { Attributes, BatchObservableCallback, Meter, MetricOptions, Observable, ObservableGauge } from '@opentelemetry/api';
import { createNoopMeter } from '@opentelemetry/api';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMonitor, defineSource } from '../src/index.js';
import { parseExposition } from './exposition.js';
import { blockFor, sleep } from './helpers.js';

describe('exposition parser (self-check)', () => {
  it('parses families, labels with escapes, and rejects junk', () => {
    const f = parseExposition('# HELP a_total x\n# TYPE a_total counter\na_total{k="v\\"q",z="1"} 3\n# TYPE g gauge\ng NaN\n');
    expect(f.get('a_total')?.samples).toEqual([{ name: 'a_total', labels: { k: 'v"q', z: '1' }, value: 3 }]);
    expect(Number.isNaN(f.get('g')?.samples[0]?.value)).toBe(true);
    expect(() => parseExposition('g{bad} 1')).toThrow();
    expect(() => parseExposition('g one')).toThrow();
  });
});

describe('Prometheus export through a prom-client Registry', () => {
  it('registers nodejs_* and perf_* families whose scraped values match the snapshot', async () => {
    const registry = new Registry();
    const monitor = createMonitor({ intervalMs: 60_000, prometheus: registry,
      sources: [defineSource('c', () => ({ 'memory.hitRate': 0.25, 'memory.lookups': 40 }), 'cache'),
        defineSource('p', () => ({ utilization: 0.5, queueSize: 3, completed: 1 }), 'pool')],
      thresholds: { hysteresis: { raiseAfter: 1 } } }).start();
    blockFor(30);
    await sleep(30);
    const s = monitor.sample();
    const families = parseExposition(await registry.metrics());
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      families.get(name)?.samples.find((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

    expect(families.get('nodejs_eventloop_lag_p99_seconds')?.type).toBe('gauge');
    expect(value('nodejs_eventloop_lag_p99_seconds')).toBeCloseTo(s.eventLoop.delay.p99Ms / 1000, 9);
    expect(value('nodejs_eventloop_lag_max_seconds')).toBeCloseTo(s.eventLoop.delay.maxMs / 1000, 9);
    expect(value('process_resident_memory_bytes')).toBe(s.memory.rssBytes);
    expect(value('nodejs_heap_size_used_bytes')).toBe(s.memory.heapUsedBytes);
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('counter');
    expect(value('perf_eventloop_utilization')).toBeCloseTo(s.eventLoop.utilization, 9);
    expect(value('perf_memory_limit_bytes', { source: s.memory.limitSource })).toBe(s.memory.limitBytes);
    expect(families.get('perf_gc_pause_seconds_total')?.samples.map((x) => x.labels.kind).sort()).toEqual(['incremental', 'major', 'minor', 'weakcb']);
    expect(value('perf_cache_hit_ratio', { cache: 'c', level: 'memory' })).toBe(0.25);
    expect(value('perf_pool_utilization', { pool: 'p' })).toBe(0.5);
    expect(value('perf_pool_queue_size', { pool: 'p' })).toBe(3);
    expect(value('perf_source_value', { source: 'c', metric: 'memory.lookups' })).toBe(40);
    expect(value('perf_alert_active', { alert: 'cacheHitRate:c/memory', rule: 'cacheHitRate' })).toBe(1);
    expect(value('perf_alert_active', { alert: 'poolUtilization:p' })).toBe(1);
    for (const f of families.values()) expect(f.name.startsWith('nodejs_') || f.name.startsWith('perf_') || f.name.startsWith('process_')).toBe(true);

    monitor.stop();
    expect(await registry.metrics()).not.toMatch(/perf_/);
  });

  it("next to prom-client's default metrics, keeps theirs and adds only the missing families", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const monitor = createMonitor({ intervalMs: 60_000, prometheus: registry }).start();
    monitor.sample();
    const binding = monitor.prometheusBinding;
    expect(binding?.skipped).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(binding?.skipped).toContain('process_resident_memory_bytes');
    expect(binding?.registered).toContain('perf_eventloop_utilization');
    const families = parseExposition(await registry.metrics());
    expect(families.get('nodejs_eventloop_lag_p99_seconds')?.help).toBe('The 99th percentile of the recorded event loop delays.');
    expect(families.has('perf_memory_rss_ratio')).toBe(true);
    monitor.stop();
    expect(parseExposition(await registry.metrics()).has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });
});

/** A minimal Meter implementing @opentelemetry/api's interface: observable gauges plus batch callbacks. */
class TestMeter implements Meter {
  readonly #noop = createNoopMeter();
  readonly gauges = new Map<ObservableGauge, { name: string; options: MetricOptions | undefined }>();
  readonly callbacks = new Set<BatchObservableCallback>();
  createGauge = this.#noop.createGauge.bind(this.#noop);
  createHistogram = this.#noop.createHistogram.bind(this.#noop);
  createCounter = this.#noop.createCounter.bind(this.#noop);
  createUpDownCounter = this.#noop.createUpDownCounter.bind(this.#noop);
  createObservableCounter = this.#noop.createObservableCounter.bind(this.#noop);
  createObservableUpDownCounter = this.#noop.createObservableUpDownCounter.bind(this.#noop);
  createObservableGauge<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableGauge<A> {
    const gauge: ObservableGauge<A> = { addCallback: () => {}, removeCallback: () => {} };
    this.gauges.set(gauge, { name, options });
    return gauge;
  }
  addBatchObservableCallback<A extends Attributes = Attributes>(cb: BatchObservableCallback<A>, _o: Observable<A>[]): void {
    this.callbacks.add(cb);
  }
  removeBatchObservableCallback<A extends Attributes = Attributes>(cb: BatchObservableCallback<A>, _o: Observable<A>[]): void {
    this.callbacks.delete(cb);
  }
  /** What an SDK reader does at collection: run the callbacks, gather observations by instrument name. */
  async collect(): Promise<Map<string, Array<{ value: number; attributes: Attributes | undefined }>>> {
    const out = new Map<string, Array<{ value: number; attributes: Attributes | undefined }>>();
    for (const cb of this.callbacks) {
      await cb({
        observe: (observable: Observable, value: number, attributes?: Attributes) => {
          const name = this.gauges.get(observable)?.name ?? '?';
          out.set(name, [...(out.get(name) ?? []), { value, attributes }]);
        },
      });
    }
    return out;
  }
}

describe('OpenTelemetry export through a Meter', () => {
  it('creates nodejs.eventloop.* observable gauges that report the latest window', async () => {
    const meter = new TestMeter();
    const monitor = createMonitor({ intervalMs: 60_000, meter, sources: [defineSource('q', () => ({ depth: 7 }))] }).start();
    const names = [...meter.gauges.values()].map((g) => g.name);
    for (const stat of ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99']) expect(names).toContain(`nodejs.eventloop.delay.${stat}`);
    expect(names).toContain('nodejs.eventloop.utilization');
    expect([...meter.gauges.values()].find((g) => g.name === 'nodejs.eventloop.delay.p99')?.options?.unit).toBe('s');
    expect((await meter.collect()).size).toBe(0); // nothing before the first window
    await sleep(50);
    const s = monitor.sample();
    const got = await meter.collect();
    expect(got.get('nodejs.eventloop.delay.p99')?.[0]?.value).toBeCloseTo(s.eventLoop.delay.p99Ms / 1000, 12);
    expect(got.get('nodejs.eventloop.utilization')?.[0]?.value).toBe(s.eventLoop.utilization);
    expect(got.get('process.memory.usage')?.[0]?.value).toBe(s.memory.rssBytes);
    expect(got.get('perf.source.value')).toEqual([{ value: 7, attributes: { 'perf.source': 'q', 'perf.metric': 'depth' } }]);
    monitor.stop();
    expect(meter.callbacks.size).toBe(0);
  });
});
