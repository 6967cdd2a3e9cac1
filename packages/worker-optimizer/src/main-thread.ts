// Running the task inline on the main thread, the baseline every pool must beat.
import { performance } from 'node:perf_hooks';

export interface MainThreadResult {
  /** Successful tasks per second inline (measured). */
  readonly throughput: number;
  /** Tasks in flight on the main thread: 1, or the recommended count for a task that returns a promise. */
  readonly concurrency: number;
  readonly beatsPool: boolean;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Runs the task inline for `windowMs` (one at a time; as many as `concurrency` at once when it is async) and compares with the best pool. */
export async function measureMainThread(
  fn: (input: unknown) => unknown, inputs: readonly unknown[], windowMs: number, concurrency: number, bestPool: number, now: () => number = () => performance.now(),
): Promise<MainThreadResult> {
  let i = 0;
  let async = false;
  const lane = async (end: number, start: number): Promise<number> => {
    let done = 0, last = start;
    while (now() < end) {
      try {
        const r = fn(inputs[i++ % inputs.length]);
        if (isThenable(r)) { async = true; await r; }
        done++;
      } catch {
        // A throwing input is excluded here as in the pool.
      }
      last = now();
    }
    return last > start ? (done * 1000) / (last - start) : 0;
  };
  const run = async (lanes: number, ms: number): Promise<number> => {
    const start = now();
    const rates = await Promise.all(Array.from({ length: lanes }, () => lane(start + ms, start)));
    return rates.reduce((a, b) => a + b, 0);
  };
  // A third of the window warms the code (import done, JIT), a third measures one at a time, a third many at once for async tasks.
  await run(1, windowMs / 3);
  let throughput = await run(1, windowMs / 3);
  let used = 1;
  if (async && concurrency > 1) {
    const x = await run(concurrency, windowMs / 3);
    if (x > throughput) { throughput = x; used = concurrency; }
  }
  return { throughput, concurrency: used, beatsPool: throughput > bestPool };
}
