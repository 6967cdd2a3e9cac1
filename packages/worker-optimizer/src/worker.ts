// Runs in each calibration worker thread (loaded from dist/worker.js by tinypool): imports the
// task module once, runs its default export on the input and times it. A task that throws is a
// result here, so a rejected run in the main thread always means the worker itself failed.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';

export interface WorkerRequest {
  /** file: URL of the task module. */
  readonly url: string;
  readonly input: unknown;
}

export type WorkerReply =
  | { readonly ok: true; readonly ms: number; readonly activeMs: number; readonly threadId: number; readonly value: unknown }
  | { readonly ok: false; readonly ms: number; readonly activeMs: number; readonly threadId: number; readonly message: string };

type TaskFn = (input: unknown) => unknown;
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
  try {
    const value: unknown = await fn(request.input);
    return { ok: true, ms: performance.now() - t0, activeMs: performance.eventLoopUtilization(elu).active, threadId, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, ms: performance.now() - t0, activeMs: performance.eventLoopUtilization(elu).active, threadId, message };
  }
}
