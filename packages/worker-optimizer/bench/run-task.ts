// One fresh process per reference task: calibrate it, then sweep 1..32 workers exhaustively
// in one pre-started pool, and print both as one JSON line for bench/index.ts.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { emitMeasurement } from '@perf/bench';
import { calibrate } from '../src/index.js';
import { PoolRunner } from '../src/pool.js';

const SWEEP_MAX = 32;
/** Sweep settings: calibration's warm-up and windows, always three windows per count (the reference). */
const SWEEP_WINDOW_MS = 200;
const SWEEP_REPETITIONS = 3;
const WARM_TASKS_PER_THREAD = 2;

const name = process.argv[2] ?? 'cpu';
const taskUrl = new URL(`./fixtures/${name}-task.mjs`, import.meta.url).href;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const loadBefore = os.loadavg()[0];
const c0 = performance.now();
const calibration = await calibrate({ task: taskUrl, inputs: [undefined] });
const calibrationMs = performance.now() - c0;

const s0 = performance.now();
const runner = new PoolRunner({ maxWorkers: SWEEP_MAX, taskTimeoutMs: 10_000, deadline: Infinity });
const sweep: { workers: number; throughput: number; samples: number[] }[] = [];
try {
  for (let n = 1; n <= SWEEP_MAX; n++) {
    runner.limitThreads(n);
    await runner.warm(n, WARM_TASKS_PER_THREAD, 10 * SWEEP_WINDOW_MS, () => ({ url: taskUrl, input: undefined }));
    const samples: number[] = [];
    for (let r = 0; r < SWEEP_REPETITIONS; r++) samples.push((await runner.drive(n, SWEEP_WINDOW_MS, () => ({ url: taskUrl, input: undefined }))).throughput);
    sweep.push({ workers: n, throughput: median(samples), samples });
  }
} finally {
  await runner.destroy();
}
const sweepMs = performance.now() - s0;

emitMeasurement({
  task: name,
  effectiveCores: calibration.system.effectiveCores,
  calibration: {
    outcome: calibration.outcome, recommendedWorkers: calibration.recommendedWorkers, mode: calibration.mode,
    points: calibration.points.map((p) => ({ workers: p.workers, throughput: p.throughput })),
    usl: calibration.usl, batchSize: calibration.batchSize, dispatchOverheadMs: calibration.dispatchOverheadMs,
    taskMs: calibration.taskMs, computeMs: calibration.computeMs, goetz: calibration.goetz?.value ?? null,
    mainThread: calibration.mainThread, budgetUsedMs: calibration.budgetUsedMs, reason: calibration.reason,
  },
  calibrationMs,
  sweep,
  sweepMs,
  loadAverage: [loadBefore, os.loadavg()[0]],
});
