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
    // Tasks queued behind 2 workers waited; each ran about 40 ms once started.
    expect(Math.max(...spinStats.map((v) => v.waitMeanMs ?? 0))).toBeGreaterThan(0);
    expect(withLatency?.runMeanMs).toBeGreaterThan(0);
    expect(alerts).not.toContain('poolUtilization:spin');
    expect(Object.prototype.hasOwnProperty.call(p, 'run')).toBe(false);
  });

  it('a pool used one task at a time on two workers raises the utilisation alert; saturating it resolves it', async () => {
    const p = pool();
    const source = tinypoolSource(p, { name: 'spin' });
    const monitor = createMonitor({ intervalMs: 150, sources: [source], thresholds: { eventLoopDelayP99Ms: false } }).start();
    const state = { mode: 'serial' as 'serial' | 'saturate' | 'stop' };
    // One lane runs tasks one after another (one of two workers busy); saturating adds lanes so
    // more tasks are always waiting than there are workers.
    const lane = async (serial: boolean): Promise<void> => {
      while (state.mode !== 'stop' && (serial || state.mode === 'saturate')) await p.run(20);
    };
    const lanes = [lane(true)];
    try {
      const alert = await waitForEvent(monitor, 'alert', (a) => a.id === 'poolUtilization:spin');
      expect(alert.value).toBeLessThan(0.8);
      expect(alert.threshold).toBe(0.8);
      state.mode = 'saturate';
      for (let i = 0; i < 5; i += 1) lanes.push(lane(false));
      const resolved = await waitForEvent(monitor, 'resolved', (a) => a.id === 'poolUtilization:spin');
      expect(resolved.value).toBeGreaterThanOrEqual(0.88);
    } finally {
      state.mode = 'stop';
      await Promise.all(lanes);
      monitor.stop();
      source.detach();
    }
  });
});

/** A fake pool whose tasks settle when the test says so, for exact integration arithmetic. */
function fakePool(maxThreads: number) {
  const pending: Array<() => void> = [];
  let completed = 0;
  const pool = {
    threads: Array.from({ length: maxThreads }, () => ({})),
    options: { maxThreads },
    get queueSize() {
      return Math.max(0, pending.length - maxThreads);
    },
    get completed() {
      return completed;
    },
    run(): Promise<unknown> {
      return new Promise((resolve) => pending.push(() => { completed += 1; resolve(undefined); }));
    },
  };
  const finishOldest = async (): Promise<void> => {
    pending.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { pool, finishOldest };
}

describe('tinypoolSource arithmetic (fake pool, stepping clock)', () => {
  it('integrates busy slots between events and reports latency per settled task', async () => {
    let t = 0;
    const { pool, finishOldest } = fakePool(2);
    const source = tinypoolSource(pool, { name: 'f', now: () => t });
    // t=0: three tasks submitted -> 2 running, 1 queued.
    void pool.run(); void pool.run(); void pool.run();
    t = 100;
    await finishOldest(); // at 100: the first finishes; the queued one starts -> still 2 busy
    t = 250;
    await finishOldest(); // at 250: one left, 1 busy
    t = 400;
    const w1 = source.collect(400);
    // busy slot-ms: 2×100 + 2×150 + 1×150 = 650; capacity 2 × 400 ms = 800.
    expect(w1).toEqual({
      utilization: 650 / 800, threads: 2, maxThreads: 2, queueSize: 0, inFlight: 1, completed: 2, throughputPerSec: 5,
      latencyMeanMs: 175, latencyMaxMs: 250, waitMeanMs: 0, runMeanMs: 175,
    });
    t = 500;
    await finishOldest();
    t = 600;
    const w2 = source.collect(200);
    // busy: 1×100, then idle for 100 ms; the third task waited 100 ms in the queue and ran 400 ms.
    expect(w2).toMatchObject({ utilization: 100 / 400, inFlight: 0, completed: 1, latencyMeanMs: 500, latencyMaxMs: 500,
      waitMeanMs: 100, runMeanMs: 400 });
    source.detach();
    expect(Object.prototype.hasOwnProperty.call(pool, 'run')).toBe(true);
  });
});
