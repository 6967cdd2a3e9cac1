// Adapter: a tinypool pool (duck-typed; tinypool is not imported). Tinypool 2.2 exposes
// `threads`, `queueSize`, `completed` and `options` but no run/wait histograms, so the adapter
// wraps the instance's `run` to follow tasks in flight and their latency.
import { performance } from 'node:perf_hooks';
import { counterDelta } from './stats.js';
import type { MonitorSource } from './types.js';

/** The parts of a Tinypool instance the adapter reads. */
export interface TinypoolLike {
  run(task: unknown, options?: unknown): Promise<unknown>;
  readonly threads: readonly unknown[];
  readonly queueSize: number;
  readonly completed: number;
  readonly options: { maxThreads: number; concurrentTasksPerWorker?: number };
}

export interface TinypoolSourceOptions {
  /** Source name in samples, alerts and exports. @default 'pool' */
  name?: string;
  /** Monotonic clock in ms. @default performance.now */
  now?: () => number;
}

/** A pool source; `detach()` restores the pool's own `run`. */
export interface TinypoolSource extends MonitorSource {
  detach(): void;
}

export const DEFAULT_POOL_SOURCE_NAME = 'pool';

/**
 * Per window: `utilization` (busy worker-slot time / (window × maxThreads × concurrentTasksPerWorker),
 * where busy slots = tasks in flight through `run` minus `queueSize`, integrated between events),
 * `threads`, `maxThreads`, `queueSize`, `inFlight` (at the window end), `completed` (pool counter
 * increase), `throughputPerSec`, and for tasks settled in the window `latencyMeanMs`,
 * `latencyMaxMs` (run() to settle), `runMeanMs` (busy time / completed: an estimate) and
 * `waitMeanMs` (latency − run: an estimate). Tasks submitted before the adapter was attached
 * are not followed.
 */
export function tinypoolSource(pool: TinypoolLike, options: TinypoolSourceOptions = {}): TinypoolSource {
  const now = options.now ?? (() => performance.now());
  const own = Object.prototype.hasOwnProperty.call(pool, 'run');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as is by detach(); called with .call(pool)
  const originalRun = pool.run;
  const capacity = (): number => Math.max(1, pool.options.maxThreads * (pool.options.concurrentTasksPerWorker ?? 1));
  let inFlight = 0;
  let running = 0;
  let lastEvent = now();
  let windowStart = lastEvent;
  let busyMs = 0;
  let settled = 0;
  let latencySum = 0;
  let latencyMax = 0;
  let completedBefore = pool.completed;

  const advance = (): void => {
    const t = now();
    busyMs += running * (t - lastEvent);
    lastEvent = t;
  };
  const recompute = (): void => {
    running = Math.min(capacity(), Math.max(0, inFlight - pool.queueSize));
  };
  const wrapped = (task: unknown, runOptions?: unknown): Promise<unknown> => {
    advance();
    inFlight += 1;
    const submitted = lastEvent;
    const promise = originalRun.call(pool, task, runOptions);
    recompute();
    const settle = (): void => {
      advance();
      inFlight -= 1;
      settled += 1;
      const latency = lastEvent - submitted;
      latencySum += latency;
      if (latency > latencyMax) latencyMax = latency;
      recompute();
    };
    promise.then(settle, settle);
    return promise;
  };
  (pool as { run: TinypoolLike['run'] }).run = wrapped;

  return {
    name: options.name ?? DEFAULT_POOL_SOURCE_NAME,
    kind: 'pool',
    collect() {
      advance();
      recompute();
      const elapsed = lastEvent - windowStart;
      const completedNow = pool.completed;
      const completed = counterDelta(completedBefore, completedNow);
      const out: Record<string, number> = {
        utilization: elapsed > 0 ? Math.min(1, busyMs / (elapsed * capacity())) : 0,
        threads: pool.threads.length,
        maxThreads: pool.options.maxThreads,
        queueSize: pool.queueSize,
        inFlight,
        completed,
        throughputPerSec: elapsed > 0 ? (completed * 1000) / elapsed : 0,
      };
      if (settled > 0) {
        const latencyMean = latencySum / settled;
        const runMean = completed > 0 ? busyMs / completed : latencyMean;
        out.latencyMeanMs = latencyMean;
        out.latencyMaxMs = latencyMax;
        out.runMeanMs = runMean;
        out.waitMeanMs = Math.max(0, latencyMean - runMean);
      }
      completedBefore = completedNow;
      windowStart = lastEvent;
      busyMs = 0;
      settled = 0;
      latencySum = 0;
      latencyMax = 0;
      return out;
    },
    detach() {
      if (own) (pool as { run: TinypoolLike['run'] }).run = originalRun;
      else delete (pool as { run?: TinypoolLike['run'] }).run;
    },
  };
}
