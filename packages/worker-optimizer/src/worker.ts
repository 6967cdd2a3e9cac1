// Runs in each calibration worker thread (loaded from dist/worker.js by tinypool): imports the
// task module once, runs its default export on each input of a batch in turn and times the
// batch. A task that throws is a result here, so a rejected run in the main thread always means
// the worker itself failed.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

export interface WorkerRequest {
  /** file: URL of the task module. */
  readonly url: string;
  /** One batch: the task runs on each input in turn, one at a time. */
  readonly inputs: readonly unknown[];
  /**
   * Collect this thread's garbage (a full GC) after the batch: sent to threads that are about to
   * idle while others are measured. Garbage left in idle threads slowed other threads here: a
   * sha256 task on 2 threads ran at 0.5-0.55x its rate while 81 idle threads of other pools held
   * the garbage of their own hashing, and at its full rate again once they had collected it
   * (measured 2026-11-29 09:20-09:28 UTC; the idle threads used no CPU meanwhile).
   */
  readonly collect?: boolean;
}

export interface WorkerReply {
  /** Inputs that returned, and inputs that threw. */
  readonly ok: number;
  readonly failed: number;
  /** Wall time of the whole batch in the worker, ms, and its event-loop-active (compute) part. */
  readonly ms: number;
  readonly activeMs: number;
  readonly threadId: number;
  /** The first error message of the batch, or null. */
  readonly message: string | null;
}

type TaskFn = (input: unknown) => unknown;
let gc: (() => void) | null = null;

/** A full GC of this thread's heap. V8's gc() is exposed to new contexts once the flag is set (the flag is process-wide: it only adds a global gc to contexts created later). */
function collectGarbage(): void {
  if (gc === null) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

const loaded = new Map<string, Promise<TaskFn>>();

async function load(url: string): Promise<TaskFn> {
  const mod = (await import(url)) as { default?: unknown };
  if (typeof mod.default !== 'function') throw new Error(`${url} has no default-exported function`);
  return mod.default as TaskFn;
}

export default async function runTask(request: WorkerRequest): Promise<WorkerReply> {
  let pending = loaded.get(request.url);
  if (pending === undefined) {
    pending = load(request.url);
    loaded.set(request.url, pending);
  }
  const fn = await pending;
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  let ok = 0, failed = 0;
  let message: string | null = null;
  for (const input of request.inputs) {
    try {
      await fn(input);
      ok++;
    } catch (error) {
      failed++;
      message ??= error instanceof Error ? error.message : String(error);
    }
  }
  const ms = performance.now() - t0;
  const activeMs = performance.eventLoopUtilization(elu).active;
  if (request.collect === true) collectGarbage();
  return { ok, failed, ms, activeMs, threadId, message };
}
