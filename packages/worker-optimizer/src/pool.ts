// The tinypool edge of calibration: one pool that grows as the search asks for more tasks in
// flight, per-task timeouts, a hard deadline, and lanes that keep N tasks in flight.
import { performance } from 'node:perf_hooks';
import { Tinypool, type TinypoolWorker } from 'tinypool';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** What one lane-driven measurement saw. */
export interface Sample {
  /** Successful tasks per second (the sum over lanes of each lane's completed / busy time). */
  readonly throughput: number;
  readonly completed: number;
  readonly failed: number;
  /** Mean in-worker wall time of successful tasks, ms. */
  readonly taskMs: number;
  /** Mean in-worker event-loop-active time of successful tasks, ms (compute, as opposed to waiting). */
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
  readonly taskTimeoutMs: number;
  /** performance.now() value by which the pool must be destroyed; tasks stop earlier, leaving time to terminate the threads. */
  readonly deadline: number;
  readonly now?: () => number;
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
/** How long each spawn-round task holds its worker, ms. */
const SPAWN_HOLD_MS = 10;
/** A spawn round slower than the hold time by more than this waited for a booting thread. */
const SPAWN_SLACK_MS = 60;
const SPAWN_MAX_ROUNDS = 8;
/** A round at least this share of the previous one's time is no faster: no thread is still booting. */
const SPAWN_SETTLED_RATIO = 0.8;
/** Event-loop turns destroy waits for tinypool's port closes. */
const PORT_CLOSE_TURNS = 3;

export class PoolRunner {
  readonly #pool: Tinypool;
  readonly #opts: PoolRunnerOptions;
  readonly #now: () => number;
  readonly #inFlight = new Set<AbortController>();
  /** Every thread the pool started, so destroy can wait for those tinypool dropped on its own (after an abort). */
  readonly #exits = new Map<TinypoolWorker, Promise<void>>();
  #destroyed: Promise<void> | null = null;

  constructor(opts: PoolRunnerOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? (() => performance.now());
    this.#pool = new Tinypool({
      filename: new URL('../dist/worker.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: opts.maxWorkers,
      idleTimeout: IDLE_TIMEOUT_MS,
      isolateWorkers: false,
      concurrentTasksPerWorker: 1,
    });
  }

  /** The deadline less the time destroying the current threads may take. */
  #taskDeadline(): number {
    return this.#opts.deadline - DESTROY_BASE_MS - DESTROY_PER_THREAD_MS * this.threadCount;
  }

  get threadCount(): number {
    return this.#pool.threads.length;
  }

  #track(): void {
    for (const w of this.#pool.threads) {
      if (!this.#exits.has(w)) this.#exits.set(w, new Promise<void>((resolve) => w.once('exit', () => resolve())));
    }
  }

  /** Runs one task with a timeout of min(taskTimeoutMs, time left to the deadline). */
  async runOne(request: WorkerRequest): Promise<Outcome> {
    const left = this.#taskDeadline() - this.#now();
    if (left <= 0 || this.#destroyed !== null) return { kind: 'fault', fault: 'budget-exhausted', message: 'the budget ran out before the task started' };
    const byBudget = left < this.#opts.taskTimeoutMs;
    const limit = Math.max(1, Math.min(left, this.#opts.taskTimeoutMs));
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), limit);
    try {
      const running = this.#pool.run(request, { signal: controller.signal }) as Promise<WorkerReply>;
      this.#track();
      const reply = await running;
      return { kind: 'reply', reply };
    } catch (error) {
      if (controller.signal.aborted) {
        if (this.#destroyed !== null) return { kind: 'fault', fault: 'budget-exhausted', message: 'stopped with the pool' };
        return byBudget
          ? { kind: 'fault', fault: 'budget-exhausted', message: `the budget ran out with a task in flight (${Math.round(limit)} ms left)` }
          : { kind: 'fault', fault: 'task-timeout', message: `no reply within the per-task timeout of ${this.#opts.taskTimeoutMs} ms: the task hung or its worker exited` };
      }
      return { kind: 'fault', fault: 'worker-crashed', message: `the worker failed outside the task: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  /**
   * Keeps `lanes` tasks in flight until `windowMs` has passed (or the deadline, or a fault).
   * Each lane is busy from the start to its last reply, so lane completions / lane time is exact.
   */
  async drive(lanes: number, windowMs: number, next: () => WorkerRequest, until?: (reply: WorkerReply) => boolean): Promise<Sample> {
    const start = this.#now();
    const end = Math.min(start + windowMs, this.#taskDeadline());
    let completed = 0, failed = 0, taskMs = 0, activeMs = 0, throughput = 0;
    let firstError: string | null = null;
    let fault: Fault | null = null;
    let done = false;
    const lane = async (): Promise<void> => {
      let mine = 0;
      let last = start;
      while (fault === null && !done && this.#now() < end) {
        const out = await this.runOne(next());
        if (out.kind === 'fault') {
          fault ??= { kind: out.fault, workers: lanes, message: out.message };
          this.#abortAll();
          return;
        }
        last = this.#now();
        if (until?.(out.reply) === true) done = true;
        if (out.reply.ok) {
          mine++; completed++; taskMs += out.reply.ms; activeMs += out.reply.activeMs;
        } else {
          failed++;
          firstError ??= out.reply.message;
        }
      }
      if (last > start) throughput += (mine * 1000) / (last - start);
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return {
      throughput: fault === null ? throughput : 0,
      completed, failed, firstError, fault,
      taskMs: completed > 0 ? taskMs / completed : 0,
      activeMs: completed > 0 ? activeMs / completed : 0,
      elapsedMs: this.#now() - start,
    };
  }

  /**
   * Makes sure at least `workers` threads are started: that many tasks that each hold a worker
   * for a moment can only run on that many distinct workers. Tinypool may start more threads
   * than asked while others boot, and a booting thread would stall the tasks queued on it, so
   * rounds repeat until one runs at the hold time with no new thread.
   */
  async spawn(workers: number, holdUrl: string): Promise<Fault | null> {
    this.limitThreads(workers);
    let previousMs = Infinity;
    for (let round = 0; round < SPAWN_MAX_ROUNDS; round++) {
      const threadsBefore = this.threadCount;
      const t0 = this.#now();
      const outs = await Promise.all(Array.from({ length: workers }, () => this.runOne({ url: holdUrl, input: SPAWN_HOLD_MS })));
      const bad = outs.find((out) => out.kind === 'fault');
      if (bad !== undefined && bad.kind === 'fault') return { kind: bad.fault, workers, message: bad.message };
      const roundMs = this.#now() - t0;
      const settled = this.threadCount === threadsBefore && threadsBefore >= workers;
      // Done when a round runs at the hold time, or (on a loaded machine) stops getting faster.
      if (settled && (roundMs < SPAWN_HOLD_MS + SPAWN_SLACK_MS || roundMs > SPAWN_SETTLED_RATIO * previousMs)) return null;
      previousMs = roundMs;
    }
    return null;
  }

  /** Lets the pool start at most `workers` threads (threads already started stay). */
  limitThreads(workers: number): void {
    // Tinypool reads options.maxThreads on every run (its worker ids are sized by the initial,
    // larger maxWorkers); lowering it per phase stops it starting threads beyond the count
    // measured. Checked by a test against the pinned tinypool version.
    this.#pool.options.maxThreads = Math.min(workers, this.#opts.maxWorkers);
  }

  /**
   * Runs the real task with `lanes` in flight until every started thread has completed
   * `perThread` tasks (module imported, code warmed), or `maxMs` passed.
   * With at most `lanes` threads allowed (limitThreads), this also starts the threads: done
   * when `lanes` distinct threads have each run `perThread` tasks.
   */
  async warm(lanes: number, perThread: number, maxMs: number, next: () => WorkerRequest): Promise<Sample> {
    const counts = new Map<number, number>();
    let warmed = 0;
    return this.drive(lanes, maxMs, next, (reply) => {
      const c = (counts.get(reply.threadId) ?? 0) + 1;
      counts.set(reply.threadId, c);
      if (c === perThread) warmed++;
      return warmed >= lanes;
    });
  }

  #abortAll(): void {
    for (const c of this.#inFlight) c.abort();
  }

  /** Aborts tasks in flight and terminates every worker; safe to call twice. */
  destroy(): Promise<void> {
    if (this.#destroyed === null) {
      this.#abortAll();
      this.#destroyed = this.#destroy();
    }
    return this.#destroyed;
  }

  async #destroy(): Promise<void> {
    this.#track();
    await this.#pool.destroy();
    // Workers tinypool removed after an abort are terminated in the background: wait for them.
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, TERMINATE_WAIT_MS); });
    await Promise.race([Promise.all(this.#exits.values()), giveUp]);
    clearTimeout(timer);
    // Tinypool closes each worker's MessagePort after its exit; the close lands a turn later.
    for (let i = 0; i < PORT_CLOSE_TURNS; i++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}
