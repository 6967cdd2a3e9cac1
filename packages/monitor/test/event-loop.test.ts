// Real load on the real event loop: no scripted sampler here.
import { describe, expect, it } from 'vitest';
import { createMonitor, defaultResolutionMs } from '../src/index.js';
import type { AlertEvent } from '../src/index.js';
import { blockFor, sleep, waitForEvent } from './helpers.js';

describe('event loop (real)', () => {
  it.each([10, defaultResolutionMs(1000)])('an idle loop reads near 0 ms once the %i ms sampling resolution is subtracted', async (resolutionMs) => {
    // Node 20 records about one resolution per sample on a free loop (measured here at 10 ms:
    // min 10.08, p50 10.18); the correction removes it.
    const monitor = createMonitor({ intervalMs: 60_000, eventLoopResolutionMs: resolutionMs }).start();
    await sleep(1000);
    const s = monitor.sample();
    monitor.stop();
    expect(s.eventLoop.resolutionMs).toBe(resolutionMs);
    expect(s.eventLoop.delay.count).toBeGreaterThanOrEqual(10);
    // Uncorrected, no figure could be below the resolution; corrected they are a fraction of it.
    expect(s.eventLoop.delay.minMs).toBeLessThan(resolutionMs / 2);
    expect(s.eventLoop.delay.p50Ms).toBeLessThan(resolutionMs / 2);
    expect(s.eventLoop.utilization).toBeGreaterThanOrEqual(0);
    expect(s.eventLoop.utilization).toBeLessThan(0.5);
  });

  it('a busy loop blocking the event loop raises the delay alert, which resolves after the load stops', async () => {
    const monitor = createMonitor({ intervalMs: 100 }).start();
    const samples: number[] = [];
    monitor.on('sample', (s) => samples.push(s.eventLoop.delay.p99Ms));
    const alerted = waitForEvent(monitor, 'alert', (a) => a.id === 'eventLoopDelay');
    // Block 150 ms out of every ~170 ms: most delay samples are ~150 ms late.
    const blocker = setInterval(() => blockFor(150), 20);
    let alert: AlertEvent;
    try {
      alert = await alerted;
    } finally {
      clearInterval(blocker);
    }
    expect(alert.value).toBeGreaterThan(100);
    expect(alert.threshold).toBe(100);
    expect(alert.window.durationMs).toBeGreaterThan(0);
    expect(monitor.activeAlerts().map((a) => a.id)).toContain('eventLoopDelay');
    const resolved = await waitForEvent(monitor, 'resolved', (a) => a.id === 'eventLoopDelay');
    monitor.stop();
    expect(resolved.value).toBeLessThanOrEqual(90);
    expect(resolved.since).toBe(alert.since);
    expect(monitor.activeAlerts()).toEqual([]);
    expect(Math.max(...samples)).toBeGreaterThan(100);
  });

  it('reports CPU, memory against the limit, and GC pauses by kind for the window', async () => {
    const monitor = createMonitor({ intervalMs: 60_000, memoryLimitBytes: 64 * 2 ** 40 }).start();
    blockFor(50);
    let keep: number[][] = [];
    for (let i = 0; i < 200; i += 1) keep.push(new Array<number>(10_000).fill(i));
    keep = [];
    (globalThis as { gc?: () => void }).gc?.();
    await sleep(50);
    const s = monitor.sample();
    monitor.stop();
    expect(keep).toEqual([]);
    expect(s.cpu.userMs + s.cpu.systemMs).toBeGreaterThan(0);
    expect(s.cpu.utilization).toBeGreaterThan(0);
    expect(s.memory.limitSource).toBe('option');
    expect(s.memory.limitBytes).toBe(64 * 2 ** 40);
    expect(s.memory.rssFraction).toBeCloseTo(s.memory.rssBytes / s.memory.limitBytes, 12);
    expect(s.memory.heapUsedBytes).toBeGreaterThan(0);
    expect(s.gc.byKind.minor.count).toBeGreaterThan(0);
    expect(s.gc.count).toBe(Object.values(s.gc.byKind).reduce((n, k) => n + k.count, 0));
  });

  it('memory over 80% of a (small, passed) limit raises the memory alert', async () => {
    const rss = process.memoryUsage().rss;
    const monitor = createMonitor({ intervalMs: 100, memoryLimitBytes: rss }).start();
    const alert = await waitForEvent(monitor, 'alert', (a) => a.id === 'memory');
    monitor.stop();
    expect(alert.value).toBeGreaterThan(0.8);
    expect(alert.threshold).toBe(0.8);
  });
});
