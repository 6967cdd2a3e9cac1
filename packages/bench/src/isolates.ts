// Per-process estimate for benchmarks whose speed is multimodal between processes (each process's JIT
// settles differently): measure in several fresh worker isolates (each has its own V8 heap and JIT state)
// and take the median, so one process no longer carries one JIT outcome. Measured in the package's
// experiment (README, "The experiment"): fnv-hash's spread across pinned processes fell from CV 19.9% to 8.6%
// in a quiet run (paired detection of 15%: 1% -> 100%), less in noisy ones (detection 6% -> 43%, 0% -> 39%).
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BenchError } from './errors.js';
import type { MeasureOptions } from './measure.js';
import { median } from './stats.js';

/** Fresh isolates per process. @default 5 */
export const DEFAULT_ISOLATES = 5;
/** Export timed when `export` is not given. */
export const DEFAULT_ISOLATE_EXPORT = 'bench';
// compiled twin (a worker cannot load .ts under Node 20): src/ runs under tsx in tests, dist/ is what ships
const WORKER = new URL('../dist/isolate-worker.js', import.meta.url);

export interface IsolatesOptions extends MeasureOptions {
  /** Module (path, relative to cwd, or file URL) exporting the function to time; imported afresh in each isolate. */
  readonly module: string | URL;
  /** Name of the exported function. @default 'bench' */
  readonly export?: string;
  /** Fresh isolates, run one after another. @default 5 */
  readonly isolates?: number;
}

export interface IsolatesMeasurement {
  /** Median of the isolates' throughputs (ops/s): the process's estimate. */
  readonly value: number;
  /** Each isolate's throughput, in run order. */
  readonly isolates: readonly number[];
}

function moduleHref(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (module.startsWith('file:')) return module;
  return isAbsolute(module) || module.startsWith('.') ? pathToFileURL(resolve(module)).href : module;
}

function oneIsolate(job: { module: string; export: string; measure: MeasureOptions }): Promise<number> {
  return new Promise((done, fail) => {
    const worker = new Worker(WORKER, { workerData: job });
    let settled = false;
    worker.once('message', (m: { value?: number; error?: string }) => {
      settled = true;
      if (typeof m.value === 'number') done(m.value);
      else fail(new BenchError('ISOLATE_FAILED', `measureInIsolates: ${m.error ?? 'no value'} (in a fresh isolate timing ${job.module}#${job.export})`));
    });
    worker.once('error', (err) => {
      settled = true;
      fail(new BenchError('ISOLATE_FAILED', `measureInIsolates: the isolate timing ${job.module}#${job.export} failed: ${err.message}`, { cause: err }));
    });
    worker.once('exit', (code) => {
      if (!settled) fail(new BenchError('ISOLATE_FAILED', `measureInIsolates: the isolate timing ${job.module}#${job.export} exited with ${code} before reporting`));
    });
  });
}

/**
 * Time a module's exported function with tinybench (`measureThroughput`) in `isolates` fresh worker
 * isolates, one after another, and return the median of their throughputs with each one. Use it in a
 * `sideBySide` child script when a benchmark's speed differs between processes by JIT outcome. Rejects
 * with `ISOLATE_FAILED` when an isolate cannot load or time the function.
 */
export async function measureInIsolates(options: IsolatesOptions): Promise<IsolatesMeasurement> {
  const count = options.isolates ?? DEFAULT_ISOLATES;
  if (!Number.isInteger(count) || count < 1) {
    throw new BenchError('BENCH_BAD_OPTION', `measureInIsolates: isolates must be a positive integer, got ${String(options.isolates)}`);
  }
  const measure: MeasureOptions = {
    ...(options.time === undefined ? {} : { time: options.time }),
    ...(options.warmupTime === undefined ? {} : { warmupTime: options.warmupTime }),
    ...(options.opsPerCall === undefined ? {} : { opsPerCall: options.opsPerCall }),
    ...(options.estimator === undefined ? {} : { estimator: options.estimator }),
  };
  const job = { module: moduleHref(options.module), export: options.export ?? DEFAULT_ISOLATE_EXPORT, measure };
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(await oneIsolate(job));
  return { value: median(values), isolates: values };
}
