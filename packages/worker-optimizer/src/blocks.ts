// Worker counts from blocks of threads that live for the whole calibration: a count is a set of
// blocks (one tinypool pool each) whose sizes add up to it; the other blocks stay idle. So a
// thread is started once and warmed once, however often the search goes up and down: no count
// is measured on threads that were just started to replace ones ended for a smaller count.
import { performance } from 'node:perf_hooks';
import { driveLanes, PoolRunner, type Fault, type PoolRunnerOptions, type Sample } from './pool.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** Most blocks searched exhaustively for an exact set of sizes (2^16 subsets); beyond, largest first. */
const EXACT_SEARCH_MAX_BLOCKS = 16;

/** Block indices whose sizes add up to the most they can without exceeding `n` (an exact sum when one exists). */
export function chooseBlocks(sizes: readonly number[], n: number): number[] {
  if (sizes.length <= EXACT_SEARCH_MAX_BLOCKS) {
    let best: number[] = [], bestSum = 0;
    for (let mask = 1; mask < 1 << sizes.length; mask++) {
      let sum = 0;
      const picked: number[] = [];
      for (let i = 0; i < sizes.length; i++) if ((mask & (1 << i)) !== 0) { sum += sizes[i]; picked.push(i); }
      // Larger sums win; at equal sums, fewer blocks, then the lower mask (deterministic).
      if (sum <= n && (sum > bestSum || (sum === bestSum && picked.length < best.length))) { best = picked; bestSum = sum; }
      if (bestSum === n && best.length === 1) break;
    }
    return best;
  }
  const order = sizes.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const picked: number[] = [];
  let left = n;
  for (const [s, i] of order) if (s <= left) { picked.push(i); left -= s; }
  return picked.sort((a, b) => a - b);
}

interface Block { readonly size: number; readonly runner: PoolRunner }

export interface DriveBlocksOptions {
  /** Ends the drive early when it returns true. */
  readonly until?: ((reply: WorkerReply) => boolean) | undefined;
  /** Receives every reply. */
  readonly record?: WorkerReply[] | undefined;
  /** Tasks in flight, for one worker only (n = 1). @default concurrentTasksPerWorker */
  readonly inFlight?: number | undefined;
  /** False: these runs do not count towards the threads' warm-up (an empty task warms nothing). @default true */
  readonly warms?: boolean;
  /** One task in flight per thread of each block (overrides inFlight). @default false */
  readonly perBlock?: boolean;
}

export class ThreadBlocks {
  readonly #opts: PoolRunnerOptions;
  #blocks: Block[] = [];
  /** Inputs each thread (by threadId) has completed so far, for the warm-up. */
  readonly #done = new Map<number, number>();
  #destroyed: Promise<void> | null = null;
  /** Blocks whose threads ran inputs since their garbage was last collected. */
  readonly #dirty = new Set<Block>();
  #collectMs = 0;
  #collections = 0;

  readonly #load: WorkerRequest | null;

  /**
   * `load`, when given, is sent to every new thread (once all of them run) before any real load:
   * a request with no inputs imports the task module. Threads then boot and load with the machine
   * otherwise idle (here 8 threads were ready in 0.2 s idle; started under full load, about 0.2 s each).
   */
  constructor(opts: PoolRunnerOptions & { readonly load?: WorkerRequest }) {
    this.#opts = opts;
    this.#load = opts.load ?? null;
  }

  get concurrentTasksPerWorker(): number {
    return this.#opts.concurrentTasksPerWorker ?? 1;
  }

  /** Wall time spent so far having idle threads collect their garbage, ms, and how many times it ran. */
  get collected(): { readonly ms: number; readonly times: number } {
    return { ms: this.#collectMs, times: this.#collections };
  }

  /** Threads of all blocks. */
  get threadCount(): number {
    return this.#blocks.reduce((a, b) => a + b.runner.threadCount, 0);
  }

  /** Threads started so far (a count above the largest one measured so far needs new ones). */
  get blockThreads(): number {
    return this.#blocks.reduce((a, b) => a + b.size, 0);
  }

  /**
   * The blocks that make up `n` workers: existing blocks whose sizes add up to n, else the most
   * they can under n plus new blocks of the rest (their threads all started at once and awaited).
   * Blocks left out are ended first if the new ones would take the threads over maxWorkers.
   */
  async #select(n: number): Promise<readonly Block[]> {
    // After destroy nothing new starts: the destroyed pools answer every task with a fault.
    if (this.#destroyed !== null) return this.#blocks;
    const picked = chooseBlocks(this.#blocks.map((b) => b.size), n);
    const have = picked.reduce((a, i) => a + this.#blocks[i].size, 0);
    const chosen = picked.map((i) => this.#blocks[i]);
    await this.#collectIdle(chosen);
    if (have === n) return chosen;
    // New threads come in blocks no larger than one more than all the threads there are then,
    // so that every count up to the new total is a sum of blocks (no count needs new threads again).
    let missing = n - have;
    if (this.blockThreads + missing > this.#opts.maxWorkers) {
      const unused = this.#blocks.filter((b) => !chosen.includes(b));
      this.#blocks = chosen;
      await Promise.all(unused.map((b) => b.runner.destroy()));
    }
    const created: Block[] = [];
    while (missing > 0) {
      const size = Math.min(missing, this.blockThreads + 1);
      const block = { size, runner: new PoolRunner({ ...this.#opts, maxWorkers: size, startAll: true, destroyThreads: () => this.threadCount }) };
      this.#blocks.push(block);
      created.push(block);
      missing -= size;
    }
    await Promise.all(created.map((b) => b.runner.online()));
    const load = this.#load;
    if (load !== null) {
      // One load request per new thread: tinypool hands a task to an idle thread first.
      const seen = new Set<number>();
      const threads = created.reduce((a, b) => a + b.size, 0);
      await this.#drive(created, 10 * 1000, () => load, { inFlight: 1, warms: false, until: (r) => seen.add(r.threadId).size >= threads, perBlock: true });
    }
    return [...chosen, ...created];
  }

  /**
   * Every thread of the blocks left idle that ran inputs since its last collection collects its
   * garbage (see WorkerRequest.collect) before `chosen` is measured: garbage of a sha256 task left
   * in idle threads halved the rate of the threads measured here, so a count measured while more
   * threads idle read low. With it, a count reads as a pool of exactly its threads would.
   */
  async #collectIdle(chosen: readonly Block[]): Promise<void> {
    const load = this.#load;
    const idle = this.#blocks.filter((b) => !chosen.includes(b) && this.#dirty.has(b));
    if (load === null || idle.length === 0) return;
    const request: WorkerRequest = { ...load, inputs: [], collect: true };
    const seen = new Set<number>();
    const threads = idle.reduce((a, b) => a + b.size, 0);
    const t0 = performance.now();
    await this.#drive(idle, 10 * 1000, () => request, { warms: false, until: (r) => seen.add(r.threadId).size >= threads, perBlock: true });
    this.#collectMs += performance.now() - t0;
    this.#collections++;
    for (const b of idle) this.#dirty.delete(b);
  }

  /** Starts the first thread with one task (see PoolRunner.start). */
  async start(request: WorkerRequest): Promise<Fault | null> {
    const blocks = await this.#select(1);
    const fault = await blocks[0].runner.start(request);
    if (fault !== null) void this.destroy();
    return fault;
  }

  /**
   * Keeps `n` x concurrentTasksPerWorker tasks in flight on `n` workers (each block's share on its
   * own pool), or `inFlight` tasks on one worker when n is 1, for `windowMs`; see driveLanes. A
   * fault destroys every block.
   */
  async drive(n: number, windowMs: number, next: () => WorkerRequest, o: DriveBlocksOptions = {}): Promise<Sample> {
    const blocks = await this.#select(n);
    return this.#drive(blocks, windowMs, next, { ...o, inFlight: n === 1 ? o.inFlight : undefined });
  }

  #drive(blocks: readonly Block[], windowMs: number, next: () => WorkerRequest, o: DriveBlocksOptions): Promise<Sample> {
    const depth = this.concurrentTasksPerWorker;
    const targets = blocks.flatMap((b) => Array.from({ length: o.perBlock === true ? b.size : o.inFlight ?? b.size * depth }, () => b.runner));
    const until = o.until;
    const count = (reply: WorkerReply): boolean => {
      if (o.warms !== false) this.#done.set(reply.threadId, (this.#done.get(reply.threadId) ?? 0) + reply.ok + reply.failed);
      return until?.(reply) ?? false;
    };
    const record = o.record;
    if (o.warms !== false) for (const b of blocks) this.#dirty.add(b);
    return driveLanes(targets, windowMs, next, { until: count, record, now: this.#opts.now ?? (() => performance.now()), onFault: () => void this.destroy() });
  }

  /**
   * Runs the real task on `n` workers until each of them has completed at least
   * `inputsPerThread` inputs since it started (in this warm-up or before), or `maxMs` passed.
   * Threads warmed once stay warm: a count made of them is ready at once. Returns whether any of
   * its threads (new ones included) had run fewer than `youngBelow` inputs by the end (`young`:
   * windows measured now may still read low).
   */
  async warm(n: number, inputsPerThread: number, maxMs: number, next: () => WorkerRequest, youngBelow: number = inputsPerThread): Promise<Sample & { readonly young: boolean }> {
    const blocks = await this.#select(n);
    const warmed = new Set<number>();
    const seen = new Set<number>();
    const sample = await this.#drive(blocks, maxMs, next, {
      until: (reply) => {
        seen.add(reply.threadId);
        if ((this.#done.get(reply.threadId) ?? 0) >= inputsPerThread) warmed.add(reply.threadId);
        return warmed.size >= n;
      },
    });
    // Young: a thread of the count not seen to reach youngBelow inputs (warm-up cut short by maxMs).
    const young = warmed.size < n || [...seen].some((id) => (this.#done.get(id) ?? 0) < youngBelow);
    return { ...sample, young };
  }

  /** Ends tasks in flight and terminates every thread of every block; safe to call twice. */
  destroy(): Promise<void> {
    this.#destroyed ??= Promise.all(this.#blocks.map((b) => b.runner.destroy())).then(() => undefined);
    return this.#destroyed;
  }
}
