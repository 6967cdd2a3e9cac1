// The tinypool edge of calibration: one pool that grows as the search asks for more tasks in
// flight, per-task timeouts, a hard deadline, and lanes that keep N tasks in flight.
import { performance } from 'node:perf_hooks';
import { Tinypool, type TinypoolWorker } from 'tinypool';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** What one lane-driven measurement saw. */
export interface Sample {
  /**
   * Successful task runs (inputs) per second: all completed inputs / (last reply - start). Lanes
   * stop starting tasks at the window's end and the tasks in flight finish, so the pool is busy
   * throughout. (A sum of per-lane rates is biased upward when each lane completes only a task
   * or two in a window, as with many lanes: a lane served early reads a high rate.)
   */
  readonly throughput: number;
  readonly completed: number;
  readonly failed: number;
  /** Mean in-worker wall time per input, ms (batch time / inputs). */
  readonly taskMs: number;
  /** Mean in-worker event-loop-active time per input, ms (compute, as opposed to waiting). */
  readonly activeMs: number;
  readonly elapsedMs: number;
  readonly firstError: string | null;
  readonly fault: Fault | null;
}

export type FaultKind = 'task-timeout' | 'worker-crashed' | 'budget-exhausted';

export interface Fault {
  readonly kind: FaultKind;
  /** Tasks in flight when it happened. */
  readonly workers: number;
  readonly message: string;
}

type Outcome =
  | { readonly kind: 'reply'; readonly reply: WorkerReply }
  | { readonly kind: 'fault'; readonly fault: FaultKind; readonly message: string };

export interface PoolRunnerOptions {
  readonly maxWorkers: number;
  /** Tasks tinypool may hand one worker at once (the next one waits in the worker's port: no idle gap between tasks). @default 1 */
  readonly concurrentTasksPerWorker?: number;
  readonly taskTimeoutMs: number;
  /** performance.now() value by which the pool must be destroyed; tasks stop earlier, leaving time to terminate the threads. */
  readonly deadline: number;
  readonly now?: () => number;
  /** Start all maxWorkers threads at once, and keep them (minThreads = maxThreads). @default false (threads start as tasks need them) */
  readonly startAll?: boolean;
  /** Threads whose destruction must fit before the deadline. @default this pool's threads */
  readonly destroyThreads?: () => number;
}

const IDLE_TIMEOUT_MS = 60_000;
/**
 * Longest wait for terminated threads to exit. Tinypool's own terminateTimeout is left unset:
 * when it fires it rejects a promise nobody awaits, which would crash the process.
 */
const TERMINATE_WAIT_MS = 5_000;
/** Time kept back to destroy the pool: a base plus a share per thread (30 threads took up to about 1.8 s on a 2-core machine at load average 18). */
export const DESTROY_BASE_MS = 150;
export const DESTROY_PER_THREAD_MS = 60;
/** Event-loop turns destroy waits for tinypool's port closes. */
const PORT_CLOSE_TURNS = 3;
/** Time the first thread may take to boot and run one task, ms. */
const STARTUP_TIMEOUT_MS = 10_000;

export class PoolRunner {
  readonly #pool: Tinypool;
  readonly #opts: PoolRunnerOptions;
  readonly #now: () => number;
  /** Every thread the pool started, so destroy can wait for those tinypool dropped on its own (idle timeout). */
  readonly #exits = new Map<TinypoolWorker, Promise<void>>();
  #destroyed: Promise<void> | null = null;
  readonly #online: Promise<unknown>;

  constructor(opts: PoolRunnerOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? (() => performance.now());
    this.#pool = new Tinypool({
      filename: new URL('../dist/worker.js', import.meta.url).href,
      minThreads: opts.startAll === true ? opts.maxWorkers : 1,
      maxThreads: opts.maxWorkers,
      idleTimeout: IDLE_TIMEOUT_MS,
      isolateWorkers: false,
      concurrentTasksPerWorker: this.concurrentTasksPerWorker,
    });
    // Threads started by the constructor (startAll) report 'online' later, never before this runs.
    this.#online = Promise.all(this.#pool.threads.map((w) => new Promise<void>((resolve) => {
      w.once('online', () => resolve());
      w.once('exit', () => resolve());
    })));
    this.#track();
  }

  get concurrentTasksPerWorker(): number {
    return this.#opts.concurrentTasksPerWorker ?? 1;
  }

  /** The deadline less the time destroying the current threads may take. */
  taskDeadline(): number {
    return this.#opts.deadline - DESTROY_BASE_MS - DESTROY_PER_THREAD_MS * (this.#opts.destroyThreads?.() ?? this.threadCount);
  }

  /**
   * With startAll: resolves once every thread runs JavaScript ('online'; listened for from the
   * constructor, so none is missed), or after `maxMs` (or at the deadline).
   */
  async online(maxMs: number = STARTUP_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, Math.min(maxMs, this.taskDeadline() - this.#now()))); });
    await Promise.race([this.#online, giveUp]);
    clearTimeout(timer);
  }

  get threadCount(): number {
    return this.#pool.threads.length;
  }

  #track(): void {
    for (const w of this.#pool.threads) {
      if (!this.#exits.has(w)) this.#exits.set(w, new Promise<void>((resolve) => w.once('exit', () => resolve())));
    }
  }

  /**
   * Runs one task with a timeout of min(taskTimeoutMs, time left to the deadline). No abort
   * signal is passed (tinypool never hands a task with a signal to a busy worker, which would
   * defeat concurrentTasksPerWorker): a task past its time is a fault, and the fault destroys
   * the whole pool, which ends every task in flight.
   */
  async runOne(request: WorkerRequest, timeoutMs: number = this.#opts.taskTimeoutMs): Promise<Outcome> {
    const left = this.taskDeadline() - this.#now();
    if (left <= 0 || this.#destroyed !== null) return { kind: 'fault', fault: 'budget-exhausted', message: this.#destroyed !== null ? 'stopped with the pool' : 'the budget ran out before the task started' };
    const byBudget = left < timeoutMs;
    const limit = Math.max(1, Math.min(left, timeoutMs));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), limit); });
    try {
      const running = this.#pool.run(request) as Promise<WorkerReply>;
      running.catch(() => undefined);
      this.#track();
      const reply = await Promise.race([running, late]);
      if (reply !== 'late') return { kind: 'reply', reply };
      if (this.#destroyed !== null) return { kind: 'fault', fault: 'budget-exhausted', message: 'stopped with the pool' };
      return byBudget
        ? { kind: 'fault', fault: 'budget-exhausted', message: `the budget ran out with a task in flight (${Math.round(limit)} ms left)` }
        : { kind: 'fault', fault: 'task-timeout', message: `no reply within the per-task timeout of ${timeoutMs} ms: the task hung or its worker exited` };
    } catch (error) {
      if (this.#destroyed !== null) return { kind: 'fault', fault: 'budget-exhausted', message: 'stopped with the pool' };
      return { kind: 'fault', fault: 'worker-crashed', message: `the worker failed outside the task: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts the first thread with one task, allowing at least STARTUP_TIMEOUT_MS for the thread to boot (the per-task timeout covers tasks, not a cold start). */
  async start(request: WorkerRequest): Promise<Fault | null> {
    const out = await this.runOne(request, Math.max(STARTUP_TIMEOUT_MS, this.#opts.taskTimeoutMs));
    if (out.kind === 'reply') return null;
    void this.destroy();
    return { kind: out.fault, workers: 1, message: out.message };
  }

  /**
   * Keeps `lanes` tasks in flight until `windowMs` has passed (or the deadline, or a fault).
   * Lanes start no task after the window's end; the throughput counts the tail until the last reply.
   * A fault destroys the pool. `record`, when given, receives every reply.
   */
  async drive(lanes: number, windowMs: number, next: () => WorkerRequest, until?: (reply: WorkerReply) => boolean, record?: WorkerReply[]): Promise<Sample> {
    return driveLanes(Array.from({ length: lanes }, () => this), windowMs, next, { until, record, now: this.#now, onFault: () => void this.destroy() });
  }

  /** Lets the pool start at most `workers` threads (threads already started stay). */
  limitThreads(workers: number): void {
    // Tinypool reads options.maxThreads on every run (its worker ids are sized by the initial,
    // larger maxWorkers); lowering it per phase stops it starting threads beyond the count
    // measured. Checked by a test against the pinned tinypool version.
    this.#pool.options.maxThreads = Math.min(workers, this.#opts.maxWorkers);
  }

  /**
   * Runs the real task with `lanes` in flight until `threads` distinct threads have each
   * completed `perThread` tasks (module imported, code warmed), or `maxMs` passed. With at most
   * `threads` threads allowed (limitThreads), this also starts the threads.
   */
  async warm(lanes: number, threads: number, perThread: number, maxMs: number, next: () => WorkerRequest): Promise<Sample> {
    const counts = new Map<number, number>();
    let warmed = 0;
    return this.drive(lanes, maxMs, next, (reply) => {
      const c = (counts.get(reply.threadId) ?? 0) + 1;
      counts.set(reply.threadId, c);
      if (c === perThread) warmed++;
      return warmed >= threads;
    });
  }

  /** Ends tasks in flight and terminates every worker; safe to call twice. */
  destroy(): Promise<void> {
    this.#destroyed ??= this.#destroy();
    return this.#destroyed;
  }

  async #destroy(): Promise<void> {
    this.#track();
    // Tinypool's destroy waits for an exit event of every thread, and a thread that already
    // exited on its own (process.exit in a task) never sends another: done once every thread
    // this pool started has exited (those tinypool dropped on its own too), or after TERMINATE_WAIT_MS.
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, TERMINATE_WAIT_MS); });
    const destroyed = this.#pool.destroy();
    destroyed.catch(() => undefined);
    await Promise.race([Promise.all([...this.#exits.values()]), giveUp]);
    clearTimeout(timer);
    // Tinypool closes each worker's MessagePort after its exit; the close lands a turn later.
    for (let i = 0; i < PORT_CLOSE_TURNS; i++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

export interface DriveOptions {
  readonly until?: ((reply: WorkerReply) => boolean) | undefined;
  readonly record?: WorkerReply[] | undefined;
  readonly now: () => number;
  /** Called once, on the first fault (the caller destroys its pools). */
  readonly onFault: () => void;
}

/**
 * Keeps one task in flight per lane (`targets[i]` is the pool lane i runs on) until `windowMs`
 * has passed (or the earliest deadline, or a fault). Lanes start no task after the window's end;
 * the throughput counts the tail until the last reply. `until`, when given, ends it early;
 * `record` receives every reply.
 */
export async function driveLanes(targets: readonly PoolRunner[], windowMs: number, next: () => WorkerRequest, o: DriveOptions): Promise<Sample> {
  const start = o.now();
  const end = Math.min(start + windowMs, ...targets.map((t) => t.taskDeadline()));
  let completed = 0, failed = 0, taskMs = 0, activeMs = 0;
  let last = start;
  let firstError: string | null = null;
  let fault: Fault | null = null;
  let done = false;
  const lanes = targets.length;
  const lane = async (target: PoolRunner): Promise<void> => {
    while (fault === null && !done && o.now() < end) {
      const out = await target.runOne(next());
      if (out.kind === 'fault') {
        if (fault === null) {
          fault = { kind: out.fault, workers: lanes, message: out.message };
          o.onFault();
        }
        return;
      }
      last = o.now();
      const r = out.reply;
      o.record?.push(r);
      if (o.until?.(r) === true) done = true;
      completed += r.ok; failed += r.failed;
      taskMs += r.ms; activeMs += r.activeMs;
      if (r.message !== null) firstError ??= r.message;
    }
  };
  await Promise.all(targets.map(lane));
  const runs = completed + failed;
  return {
    throughput: fault === null && last > start ? (completed * 1000) / (last - start) : 0,
    completed, failed, firstError, fault,
    taskMs: runs > 0 ? taskMs / runs : 0,
    activeMs: runs > 0 ? activeMs / runs : 0,
    elapsedMs: o.now() - start,
  };
}
