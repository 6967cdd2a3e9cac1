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

interface Task {
  submitted: number;
  started: number | undefined;
}

/**
 * Per window: `utilization` (busy worker-slot time / (window × maxThreads × concurrentTasksPerWorker),
 * where busy slots = tasks in flight through `run` minus `queueSize`, integrated between events),
 * `threads`, `maxThreads`, `queueSize`, `inFlight` (at the window end), `completed` (pool counter
 * increase), `throughputPerSec`, and for tasks settled in the window `latencyMeanMs`,
 * `latencyMaxMs` (run() to settle), `waitMeanMs` (run() to start) and `runMeanMs` (start to
 * settle). A task's start is when the pool's queue got shorter than the list of followed tasks
 * waiting (tinypool's default queue is FIFO), seen at the adapter's events (submits, settles,
 * window ends). Tasks submitted before the adapter was attached are not followed.
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
  const settledWindow = { count: 0, latencySum: 0, latencyMax: 0, waitSum: 0, runSum: 0 };
  let completedBefore = pool.completed;
  // Tasks believed to be waiting, oldest first: tinypool's default queue is FIFO, so when the
  // pool's queue is shorter than this list the oldest ones have started.
  const waiting: Task[] = [];

  const advance = (): void => {
    const t = now();
    busyMs += running * (t - lastEvent);
    lastEvent = t;
  };
  const reconcile = (): void => {
    const queued = pool.queueSize;
    while (waiting.length > queued) {
      const task = waiting.shift();
      if (task !== undefined) task.started = lastEvent;
    }
    running = Math.min(capacity(), Math.max(0, inFlight - queued));
  };
  const wrapped = (taskInput: unknown, runOptions?: unknown): Promise<unknown> => {
    advance();
    inFlight += 1;
    const task: Task = { submitted: lastEvent, started: undefined };
    waiting.push(task);
    const promise = originalRun.call(pool, taskInput, runOptions);
    reconcile();
    const settle = (): void => {
      advance();
      inFlight -= 1;
      const i = waiting.indexOf(task);
      if (i >= 0) waiting.splice(i, 1); // settled without starting (rejected or cancelled)
      const started = task.started ?? lastEvent;
      const latency = lastEvent - task.submitted;
      settledWindow.count += 1;
      settledWindow.latencySum += latency;
      settledWindow.waitSum += started - task.submitted;
      settledWindow.runSum += lastEvent - started;
      if (latency > settledWindow.latencyMax) settledWindow.latencyMax = latency;
      reconcile();
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
      reconcile();
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
      const w = settledWindow;
      if (w.count > 0) {
        out.latencyMeanMs = w.latencySum / w.count;
        out.latencyMaxMs = w.latencyMax;
        out.waitMeanMs = w.waitSum / w.count;
        out.runMeanMs = w.runSum / w.count;
      }
      completedBefore = completedNow;
      windowStart = lastEvent;
      busyMs = 0;
      Object.assign(settledWindow, { count: 0, latencySum: 0, latencyMax: 0, waitSum: 0, runSum: 0 });
      return out;
    },
    detach() {
      if (own) (pool as { run: TinypoolLike['run'] }).run = originalRun;
      else delete (pool as { run?: TinypoolLike['run'] }).run;
    },
  };
}
