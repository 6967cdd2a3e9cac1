import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HYSTERESIS, INITIAL_ALERT_STATE, MonitorError, createMonitor, defineSource, stepAlert,
} from '../src/index.js';
import type { AlertEvent, AlertState, HysteresisOptions } from '../src/index.js';
import { reading, scriptedSampler, steppingClock } from './helpers.js';

function run(values: Array<number | undefined>, threshold: number, direction: 'above' | 'below', h: HysteresisOptions): string {
  let state: AlertState = INITIAL_ALERT_STATE;
  return values.map((v) => {
    const step = stepAlert(state, v, threshold, direction, h);
    state = step.state;
    return step.transition === 'raised' ? 'A' : step.transition === 'resolved' ? 'R' : step.state.active ? '+' : '.';
  }).join('');
}

describe('stepAlert', () => {
  const h = DEFAULT_HYSTERESIS; // raise after 2, clear after 2, margin 10%

  it('raises after raiseAfter consecutive breaches and resolves after clearAfter clear windows', () => {
    expect(run([50, 150, 150, 150, 50, 50, 50], 100, 'above', h)).toBe('..A++R.');
  });

  it('does not flap when a value hovers at the threshold', () => {
    const hover = [101, 99, 101, 99, 101, 99, 101, 99];
    // Without hysteresis (raise after 1, clear after 1, no margin) the same sequence flaps every window.
    expect(run(hover, 100, 'above', { raiseAfter: 1, clearAfter: 1, clearMargin: 0 })).toBe('ARARARAR');
    // With the defaults a lone breach never makes a streak of two: no alert at all.
    expect(run(hover, 100, 'above', h)).toBe('........');
    // Once raised, values between the clear level (90) and the threshold hold the alert.
    expect(run([120, 120, 99, 95, 101, 91, 99, 89, 85], 100, 'above', h)).toBe('.A++++++R');
  });

  it('needs consecutive clear windows: one breach in between restarts the count', () => {
    expect(run([120, 120, 80, 120, 80, 80], 100, 'above', h)).toBe('.A+++R');
  });

  it('mirrors for below rules (hit rate): clear at threshold × 1.1', () => {
    expect(run([0.5, 0.5, 0.72, 0.76, 0.78, 0.8], 0.7, 'below', h)).toBe('.A+++R');
  });

  it('keeps its state through windows without data', () => {
    expect(run([0.5, undefined, 0.5, undefined, 0.9, 0.9], 0.7, 'below', h)).toBe('..A++R');
  });
});

describe('monitor alerts on a driven sequence (scripted sampler, stepping clock)', () => {
  it('emits alert and resolved with the value, threshold and window', () => {
    const p99s = [5, 150, 160, 95, 120, 40, 30, 20];
    const monitor = createMonitor({
      intervalMs: 1000, now: steppingClock(1000), sampler: scriptedSampler(p99s.map((p99Ms) => reading({ p99Ms }))),
    });
    const events: Array<[string, AlertEvent]> = [];
    monitor.on('alert', (a) => events.push(['alert', a]));
    monitor.on('resolved', (a) => events.push(['resolved', a]));
    for (let i = 0; i < p99s.length; i += 1) monitor.sample();
    expect(events.map(([k, a]) => `${k}:${a.id}:${a.value}`)).toEqual(['alert:eventLoopDelay:160', 'resolved:eventLoopDelay:30']);
    const [, raised] = events[0] ?? [];
    expect(raised).toMatchObject({ rule: 'eventLoopDelay', metric: 'eventLoop.delay.p99Ms', threshold: 100, direction: 'above',
      window: { start: 1_002_000, end: 1_003_000, durationMs: 1000 }, since: 1_003_000 });
    expect(events[1]?.[1]).toMatchObject({ since: 1_003_000, window: { end: 1_007_000 } });
    expect(monitor.activeAlerts()).toEqual([]);
  });

  it('memory alert uses RSS against the limit; custom thresholds and false turn rules off', () => {
    const monitor = createMonitor({
      now: steppingClock(1000), sampler: scriptedSampler([reading({ rssFraction: 0.95, p99Ms: 500 })]),
      thresholds: { eventLoopDelayP99Ms: false, memoryFraction: 0.9, hysteresis: { raiseAfter: 1 } },
    });
    const ids: string[] = [];
    monitor.on('alert', (a) => ids.push(a.id));
    monitor.sample();
    monitor.sample();
    expect(ids).toEqual(['memory']);
    expect(monitor.snapshot()?.activeAlerts.map((a) => a.id)).toEqual(['memory']);
  });

  it('source rules: cache hit rate needs enough lookups; pool utilisation only while the pool had work', () => {
    const cacheValues = [
      { 'l1.hitRate': 0.1, 'l1.lookups': 5 }, // too few lookups: ignored
      { 'l1.hitRate': 0.1, 'l1.lookups': 50 },
      { 'l1.hitRate': 0.2, 'l1.lookups': 50 },
    ];
    const poolValues = [
      { utilization: 0.1, completed: 0, inFlight: 0 }, // idle pool: ignored
      { utilization: 0.3, completed: 4, inFlight: 0 },
      { utilization: 0.3, completed: 4, inFlight: 1 },
    ];
    let i = 0;
    const monitor = createMonitor({
      now: steppingClock(1000), sampler: scriptedSampler([reading()]),
      sources: [
        defineSource('c', () => cacheValues[i] ?? {}, 'cache'),
        defineSource('p', () => poolValues[i] ?? {}, 'pool'),
        defineSource('x', () => ({ hitRate: 0, utilization: 0 })), // custom: no default rules
      ],
    });
    const ids: string[] = [];
    monitor.on('alert', (a) => ids.push(`${a.id}@${i}`));
    for (; i < 3; i += 1) monitor.sample();
    expect(ids).toEqual(['cacheHitRate:c/l1@2', 'poolUtilization:p@2']);
  });
});

describe('options and sources', () => {
  it('rejects bad options with a stable code and the field name', () => {
    expect(() => createMonitor({ intervalMs: 0 })).toThrowError(/intervalMs is 0/);
    try {
      createMonitor({ thresholds: { cacheHitRate: 0.95 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MonitorError);
      expect((e as MonitorError).code).toBe('MONITOR_INVALID_OPTION');
      expect((e as MonitorError).message).toMatch(/thresholds.cacheHitRate/);
    }
    expect(() => createMonitor({ sources: [defineSource('a', () => ({})), defineSource('a', () => ({}))] }))
      .toThrowError(expect.objectContaining({ code: 'MONITOR_DUPLICATE_SOURCE' }) as Error);
  });

  it('reports a throwing source as a warning and keeps sampling', () => {
    const monitor = createMonitor({
      now: steppingClock(10), sampler: scriptedSampler([reading()]),
      sources: [defineSource('bad', () => { throw new Error('boom'); }), defineSource('good', () => ({ v: 1 }))],
    });
    const codes: string[] = [];
    monitor.on('warning', (e) => codes.push(e.code));
    expect(monitor.snapshot()).toBeUndefined();
    const s = monitor.sample();
    expect(codes).toEqual(['MONITOR_SOURCE_FAILED']);
    expect(s.sources).toEqual({ good: { v: 1 } });
    expect(monitor.snapshot()).toBe(s);
  });
});

describe('lifecycle', () => {
  it('start and stop are idempotent; a restart re-registers exporters and keeps sampling', async () => {
    const registered: string[] = [];
    const removed: string[] = [];
    const registry = {
      metrics: new Map<string, unknown>(),
      registerMetric(m: never) { const name = (m as { name: string }).name; registered.push(name); this.metrics.set(name, m); },
      getSingleMetric(name: string) { return this.metrics.get(name); },
      removeSingleMetric(name: string) { removed.push(name); this.metrics.delete(name); },
    };
    const monitor = createMonitor({ intervalMs: 20, prometheus: registry, sampler: scriptedSampler([reading()]) });
    expect(monitor.running).toBe(false);
    monitor.start().start();
    expect(monitor.running).toBe(true);
    const families = registered.length;
    expect(families).toBeGreaterThan(10);
    await new Promise<void>((resolve) => monitor.once('sample', () => resolve()));
    monitor.stop().stop();
    expect(monitor.running).toBe(false);
    expect(removed.length).toBe(families);
    expect(registry.metrics.size).toBe(0);
    monitor.start();
    expect(registered.length).toBe(2 * families);
    await new Promise<void>((resolve) => monitor.once('sample', () => resolve()));
    monitor.stop();
    expect(monitor.snapshot()?.window.durationMs).toBeGreaterThanOrEqual(0);
  });
});
