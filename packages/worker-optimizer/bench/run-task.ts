// One fresh process per reference task: calibrate it, sweep 1..32 workers exhaustively with the
// configuration calibration recommends (tasks per worker, batch size; only the worker count
// varies), then confirm: the sweep's top counts and the recommended count measured again side
// by side, each in a fresh pool of its size, alternately, several rounds. Prints all of it as one JSON line for bench/index.ts.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { emitMeasurement, median } from '@perf/bench';
import { calibrate } from '../src/index.js';
import { PoolRunner } from '../src/pool.js';
// The same reading calibration takes per window: machine busy CPU (/proc/stat) less this process's.
import { outsideCores, readCpu, type CpuReading } from '../src/outside-load.js';
import { hashRounds } from './fixtures/work.mjs';

const SWEEP_MAX = 32;
/** Sweep settings: calibration's warm-up, always three windows of 200 ms per count (the reference). */
const SWEEP_WINDOW_MS = 200;
const SWEEP_REPETITIONS = 3;
const WARM_TASKS_PER_THREAD = 2;
/**
 * Inputs each thread of a fresh side-by-side pool runs before the rounds: new threads run slow
 * for their first tens of inputs here (measured 2026-11-29 07:25 UTC: a fresh pool of 28 for the
 * waiting task took about 2 s of full load to reach its steady rate), which with only 2 warm-up
 * tasks biased the rounds against the larger pools.
 */
const CONFIRM_WARM_INPUTS_PER_THREAD = 64;
/** Longest such warm-up, ms (with --v8-pool-size=32 fresh pools read their level from the first window; see the README). */
const CONFIRM_WARM_MAX_MS = 2_000;
/**
 * Check: the recommended count against this many of the sweep's best counts (other than it): the
 * sweep's best, the target's reference (a second count would halve the measurements of each, and
 * the check's time grows with the pools' size: 41 measurements of two counts took 146 s for the
 * CPU-bound task and 257 s for the waiting one on 2026-11-29 at 12:00 UTC).
 */
const CONFIRM_TOP = 1;
/**
 * Check: pool measurements in all, in the order rec, a, rec, a, ... (each one a
 * fresh pool): every measurement of another count sits between two of the recommended count, and
 * is compared with their mean, so a drift of the machine's speed cancels to first order; the
 * recommended count against its own neighbours gives the spread of the same comparison between
 * identical counts (the check's precision).
 */
const CONFIRM_SLOTS = 21;
/** Window of one check measurement, ms. */
const CONFIRM_WINDOW_MS = 800;
/** Pause between the sweep's pool going and the confirmation's pools starting, ms. */
const SETTLE_MS = 500;
/** Compute per task, ms on an idle core, turned into sha256 rounds once, here on the main thread before any pool. */
const COMPUTE_MS: Readonly<Record<string, number | null>> = { cpu: null, wait: 1, mixed: 4 };
const CPU_ROUNDS = 500;
/** Rounds per probe run (about 20-50 ms of work), and probe runs (the median rate is kept: sustained speed, not the luckiest slice). */
const ROUNDS_PROBE = 10_000;
const ROUNDS_PROBE_REPEATS = 7;

const name = process.argv[2] ?? 'cpu';
const taskUrl = new URL(`./fixtures/${name}-task.mjs`, import.meta.url).href;


/** sha256 rounds per ms on one core, sustained: the median of several runs of tens of ms. */
function roundsPerMs(): number {
  hashRounds(ROUNDS_PROBE);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS_PROBE_REPEATS; r++) {
    const t0 = performance.now();
    hashRounds(ROUNDS_PROBE);
    rates.push(ROUNDS_PROBE / (performance.now() - t0));
  }
  return median(rates);
}

const loadBefore = os.loadavg()[0];
const perMs = roundsPerMs();
const computeMs = COMPUTE_MS[name] ?? null;
const rounds = computeMs === null ? CPU_ROUNDS : Math.max(1, Math.round(computeMs * perMs));

const cpu0 = readCpu(() => performance.now());
const c0 = performance.now();
const calibration = await calibrate({ task: taskUrl, inputs: [rounds] });
const calibrationMs = performance.now() - c0;
const cpu1 = readCpu(() => performance.now());
const depth = calibration.concurrentTasksPerWorker;
const batch = calibration.batchSize;
const next = () => ({ url: taskUrl, inputs: Array.from({ length: batch }, () => rounds) });

const runner = new PoolRunner({ maxWorkers: SWEEP_MAX, concurrentTasksPerWorker: depth, taskTimeoutMs: 10_000, deadline: Infinity });
const sweep: { workers: number; throughput: number; samples: number[] }[] = [];
const confirm: { workers: number; throughput: number; samples: number[] }[] = [];
let sweepMs: number;
let cpu2: CpuReading;
try {
  const s0 = performance.now();
  // Upward: the pool only grows, so n threads exist at each count.
  for (let n = 1; n <= SWEEP_MAX; n++) {
    runner.limitThreads(n);
    await runner.warm(n * depth, n, WARM_TASKS_PER_THREAD, 10 * SWEEP_WINDOW_MS, next);
    const samples: number[] = [];
    for (let r = 0; r < SWEEP_REPETITIONS; r++) samples.push((await runner.drive(n * depth, SWEEP_WINDOW_MS, next)).throughput);
    sweep.push({ workers: n, throughput: median(samples), samples });
  }
  sweepMs = performance.now() - s0;
  cpu2 = readCpu(() => performance.now());
} finally {
  await runner.destroy();
}

// The top of a max over 32 noisy medians is biased upward: the sweep's top counts are measured
// again against the recommended count, each measurement in a fresh pool of exactly its size (the
// only pool in the process, as when the recommendation is used and as in the sweep: idle pools
// alive beside the measured one slowed it, see the README), in the order rec, a, rec, a,
// ... Each measurement of another count is compared with the mean of the two measurements
// of the recommended count around it.
await sleep(SETTLE_MS);
const rec = calibration.recommendedWorkers;
const others = [...sweep].sort((a, b) => b.throughput - a.throughput).map((p) => p.workers).filter((n) => n !== rec).slice(0, CONFIRM_TOP);
const order: number[] = [rec];
for (let k = 0; order.length + 2 <= CONFIRM_SLOTS && others.length > 0; k++) order.push(others[k % others.length], rec);
const slots: { workers: number; throughput: number }[] = [];
const checkStart = performance.now();
for (const n of order) {
  // All threads start at once and import the task before any load (booting under load took about 0.2 s per thread here).
  const pool = new PoolRunner({ maxWorkers: n, concurrentTasksPerWorker: depth, taskTimeoutMs: 10_000, deadline: Infinity, startAll: true });
  try {
    await pool.online();
    await pool.warm(n, n, 1, CONFIRM_WARM_MAX_MS, () => ({ url: taskUrl, inputs: [] }));
    await pool.warm(n * depth, n, Math.ceil(CONFIRM_WARM_INPUTS_PER_THREAD / batch), CONFIRM_WARM_MAX_MS, next);
    slots.push({ workers: n, throughput: (await pool.drive(n * depth, CONFIRM_WINDOW_MS, next)).throughput });
  } finally {
    await pool.destroy();
  }
}
const checkMs = performance.now() - checkStart;
// Slot i (odd) is another count; slots i - 1 and i + 1 the recommended one.
const pairs: { workers: number; share: number }[] = [];
for (let i = 1; i + 1 < slots.length; i += 2) pairs.push({ workers: slots[i].workers, share: (100 * (slots[i - 1].throughput + slots[i + 1].throughput)) / 2 / slots[i].throughput });
// Control: the recommended count at slot i (even, interior) against the mean of the recommended count two slots either side.
const control: number[] = [];
for (let i = 2; i + 2 < slots.length; i += 2) control.push((100 * slots[i].throughput) / ((slots[i - 2].throughput + slots[i + 2].throughput) / 2));
for (const n of [rec, ...others]) {
  const xs = slots.filter((q) => q.workers === n).map((q) => q.throughput);
  confirm.push({ workers: n, throughput: median(xs), samples: xs });
}
const cpu3 = readCpu(() => performance.now());

emitMeasurement({
  task: name,
  effectiveCores: calibration.system.effectiveCores,
  rounds, roundsPerMs: perMs, computeMs,
  calibration: {
    outcome: calibration.outcome, recommendedWorkers: calibration.recommendedWorkers, mode: calibration.mode,
    concurrentTasksPerWorker: depth,
    points: calibration.points.map((p) => ({ workers: p.workers, throughput: p.throughput, windows: p.samples.length })),
    usl: calibration.usl, batchSize: batch, dispatchOverheadMs: calibration.dispatchOverheadMs,
    taskMs: calibration.taskMs, computeMs: calibration.computeMs, goetz: calibration.goetz?.value ?? null, goetzWorkers: calibration.goetzWorkers, queueingWorkers: calibration.queueingWorkers,
    mainThread: calibration.mainThread, budgetUsedMs: calibration.budgetUsedMs, reason: calibration.reason, outsideLoad: calibration.outsideLoad,
  },
  calibrationMs,
  sweep,
  sweepMs,
  confirm,
  check: { order: slots, pairs, control, ms: checkMs },
  loadAverage: [loadBefore, os.loadavg()[0]],
  othersCores: { calibration: outsideCores(cpu0, cpu1), sweep: outsideCores(cpu1, cpu2), sideBySide: outsideCores(cpu2, cpu3) },
});
