import type { Monitor } from '../src/index.js';
import type { AlertEvent, MonitorSample, ProcessReading, ProcessSampler } from '../src/index.js';

/** Resolves with the first event payload that matches, or rejects after `timeoutMs` (a bound, not a speed check). */
export function waitForEvent<E extends 'alert' | 'resolved' | 'sample'>(
  monitor: Monitor,
  event: E,
  match: (payload: E extends 'sample' ? MonitorSample : AlertEvent) => boolean,
  timeoutMs = 10_000,
): Promise<E extends 'sample' ? MonitorSample : AlertEvent> {
  type P = E extends 'sample' ? MonitorSample : AlertEvent;
  return new Promise((resolve, reject) => {
    const listener = (payload: P): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      monitor.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      monitor.off(event, listener as never);
      reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    monitor.on(event, listener as never);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Blocks the event loop for `ms` milliseconds. */
export function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** A reading with quiet defaults; override the parts a test drives. */
export function reading(over: { p99Ms?: number; rssFraction?: number } = {}): ProcessReading {
  const p99 = over.p99Ms ?? 0;
  const rssFraction = over.rssFraction ?? 0.1;
  const zero = { count: 0, totalMs: 0, maxMs: 0 };
  return {
    eventLoop: { delay: { minMs: 0, meanMs: p99 / 2, stddevMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: p99, maxMs: p99, count: 100 },
      utilization: 0.1, resolutionMs: 10 },
    memory: { rssBytes: rssFraction * 1000, heapUsedBytes: 10, heapTotalBytes: 20, externalBytes: 1, heapLimitBytes: 100,
      limitBytes: 1000, limitSource: 'option', rssFraction, heapFraction: 0.1 },
    cpu: { userMs: 1, systemMs: 1, utilization: 0.002 },
    gc: { byKind: { minor: { ...zero }, major: { ...zero }, incremental: { ...zero }, weakcb: { ...zero } }, count: 0, totalMs: 0 },
  };
}

/** A sampler that returns the given readings in order (the last one repeats). */
export function scriptedSampler(readings: ProcessReading[]): ProcessSampler {
  let i = 0;
  return {
    start() {},
    read() {
      const r = readings[Math.min(i, readings.length - 1)];
      i += 1;
      if (r === undefined) throw new Error('scriptedSampler needs at least one reading');
      return r;
    },
    stop() {},
  };
}

/** A clock that advances by `stepMs` on every call. */
export function steppingClock(stepMs: number, start = 1_000_000): () => number {
  let t = start - stepMs;
  return () => (t += stepMs);
}
