// A real tinypool pool with real worker threads running test/fixtures/spin.mjs.
import { Tinypool } from 'tinypool';
import { afterEach, describe, expect, it } from 'vitest';
import { createMonitor, tinypoolSource } from '../src/index.js';
import type { MonitorSample } from '../src/index.js';
import { waitForEvent } from './helpers.js';

const spin = new URL('./fixtures/spin.mjs', import.meta.url).href;
const pools: Tinypool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

function pool(): Tinypool {
  const p = new Tinypool({ filename: spin, minThreads: 2, maxThreads: 2 });
  pools.push(p);
  return p;
}

describe('tinypoolSource', () => {
  it('a saturated pool shows a queue and high utilisation; no utilisation alert', async () => {
    const p = pool();
    const source = tinypoolSource(p, { name: 'spin' });
    const monitor = createMonitor({ intervalMs: 150, sources: [source], thresholds: { eventLoopDelayP99Ms: false } });
    const alerts: string[] = [];
    monitor.on('alert', (a) => alerts.push(a.id));
    const samples: MonitorSample[] = [];
    monitor.on('sample', (s) => samples.push(s));
    monitor.start();
    // 24 tasks of 40 ms on 2 workers: about 480 ms of work, most of it queued at first.
    const tasks = Array.from({ length: 24 }, () => p.run(40));
    await Promise.all(tasks);
    await waitForEvent(monitor, 'sample', () => true);
    monitor.stop();
    source.detach();
    const spinStats = samples.map((s) => s.sources.spin ?? {});
    expect(Math.max(...spinStats.map((v) => v.queueSize ?? 0))).toBeGreaterThan(0);
    expect(spinStats.reduce((n, v) => n + (v.completed ?? 0), 0)).toBe(24);
    expect(Math.max(...spinStats.map((v) => v.utilization ?? 0))).toBeGreaterThan(0.8);
    const busy = spinStats.find((v) => (v.queueSize ?? 0) > 0);
    expect(busy?.maxThreads).toBe(2);
    expect(busy?.inFlight).toBeGreaterThan(2);
    const withLatency = spinStats.find((v) => v.latencyMeanMs !== undefined);
    expect(withLatency?.latencyMeanMs).toBeGreaterThan(0);
    expect(withLatency?.waitMeanMs).toBeGreaterThanOrEqual(0);
    expect(alerts).not.toContain('poolUtilization:spin');
    expect(Object.prototype.hasOwnProperty.call(p, 'run')).toBe(false);
  });

  it('a pool used one task at a time on two workers raises the utilisation alert; saturating it resolves it', async () => {
    const p = pool();
    const source = tinypoolSource(p, { name: 'spin' });
    const monitor = createMonitor({ intervalMs: 150, sources: [source], thresholds: { eventLoopDelayP99Ms: false } }).start();
    const state = { mode: 'serial' as 'serial' | 'saturate' | 'stop' };
    const driver = (async () => {
      while (state.mode !== 'stop') {
        if (state.mode === 'serial') await p.run(20);
        else await Promise.all(Array.from({ length: 16 }, () => p.run(20)));
      }
    })();
    try {
      const alert = await waitForEvent(monitor, 'alert', (a) => a.id === 'poolUtilization:spin');
      expect(alert.value).toBeLessThan(0.8);
      expect(alert.threshold).toBe(0.8);
      state.mode = 'saturate';
      const resolved = await waitForEvent(monitor, 'resolved', (a) => a.id === 'poolUtilization:spin');
      expect(resolved.value).toBeGreaterThanOrEqual(0.88);
    } finally {
      state.mode = 'stop';
      await driver;
      monitor.stop();
      source.detach();
    }
  });
});
