// One fresh isolate of measureInIsolates: import the module, time its export, post the throughput.
import { parentPort, workerData } from 'node:worker_threads';
import { measureThroughput, type MeasureOptions } from './measure.js';

interface IsolateJob { readonly module: string; readonly export: string; readonly measure: MeasureOptions }
const job = workerData as IsolateJob;
try {
  const mod = (await import(job.module)) as Record<string, unknown>;
  const fn = mod[job.export];
  if (typeof fn !== 'function') throw new Error(`${job.module} has no function export '${job.export}'`);
  parentPort?.postMessage({ value: await measureThroughput(fn as () => unknown, job.measure) });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
