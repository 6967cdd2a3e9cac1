// One process of the experiment (bench/experiment.ts): runs four small benchmarks (shuffled order) with their work
// multiplied by `scale` (1 = identical code, 1.15 = an injected 15% slowdown: every call does 23 instead of 20
// repetitions) and prints, per benchmark, throughput from tinybench's latency samples (minimum, 10th percentile,
// median, mean) and from the CPU time per call (process.cpuUsage around single calls, after tinybench).
// Variants for benchmarks whose speed is multimodal between processes (different JIT outcomes), argv[5] = N:
// - `warm`: a second tinybench run of the same task in the same process, right after the first (more warm-up);
// - `iso`, `isoMax`: the task measured in N fresh worker_threads isolates one after another (each has its own
//   V8 heap and JIT state), median and maximum of their min-latency throughputs (0 isolates: not measured).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Bench } from 'tinybench';
import { setScale, sinkBit, tasks } from './experiment-tasks.js';
import { median, mulberry32, quantile, shuffled } from './stats.js';

interface IsolateJob { readonly name: string; readonly scale: number; readonly time: number }
const job = isMainThread ? undefined : (workerData as IsolateJob);
const scale = job?.scale ?? Number(process.argv[2] ?? '1');
const seed = Number(process.argv[3] ?? '1');
const time = job?.time ?? Number(process.argv[4] ?? '100');
const isolates = Number(process.argv[5] ?? '0');
/** Calls timed one by one with process.cpuUsage after the tinybench run. */
const CPU_CALLS = 60;

// The same four benchmarks the interleaved design imports (every base count is 20, so scale 1.15 gives 23).
setScale(scale);

/** Minimum CPU time (user + system, µs) of single calls: `process.cpuUsage` has µs resolution on Linux. */
const cpuMinPerCall = (fn: () => void): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < CPU_CALLS; i++) {
    const before = process.cpuUsage();
    fn();
    const d = process.cpuUsage(before);
    const us = d.user + d.system;
    if (us > 0 && us < best) best = us;
  }
  return best;
};

async function timed(name: string): Promise<Extract<Bench['tasks'][number]['result'], { state: 'completed' }>> {
  const bench = new Bench({ time, warmupTime: 30, throws: true, retainSamples: true });
  bench.add(name, tasks[name]);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
  return r;
}

/** One fresh isolate measuring one task: calls per second from its minimum latency. */
function inIsolate(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { name, scale, time } satisfies IsolateJob });
    w.once('message', (v: number) => { resolve(v); });
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`isolate for ${name} exited with ${code}`)); });
  });
}

if (job !== undefined) {
  const r = await timed(job.name);
  parentPort?.postMessage(1000 / (r.latency.min > 0 ? r.latency.min : r.latency.p50));
} else {
const out: Record<string, { min: number; p10: number; median: number; mean: number; cpuMin: number; warm: number; iso: number; isoMax: number; runs: number }> = {};
for (const name of shuffled(Object.keys(tasks), mulberry32(seed))) {
  const r = await timed(name);
  const samples = r.latency.samples ?? [r.latency.p50];
  // throughput in calls per second of the *unscaled* call, so a slower variant shows lower figures
  const perSecond = (ms: number): number => 1000 / (ms > 0 ? ms : r.latency.p50);
  out[name] = {
    min: perSecond(r.latency.min), p10: perSecond(quantile(samples, 0.1)), median: perSecond(r.latency.p50),
    mean: 1000 / r.latency.mean, cpuMin: 1e6 / cpuMinPerCall(tasks[name]), runs: r.latency.samplesCount,
    warm: 0, iso: Number.NaN, isoMax: Number.NaN,
  };
  const again = await timed(name);
  out[name].warm = perSecond(again.latency.min);
  if (isolates > 0) {
    const iso: number[] = [];
    for (let i = 0; i < isolates; i++) iso.push(await inIsolate(name));
    out[name].iso = median(iso);
    out[name].isoMax = Math.max(...iso);
  }
}
process.stdout.write(`${JSON.stringify({ sink: sinkBit(), results: out })}\n`);
}
