// Calibration against an exhaustive sweep, for three reference tasks, each in a fresh process.
// Run: pnpm build && pnpm bench (the pool loads dist/worker.js).
import { runChild, writeBenchReport, type BenchResult } from '@perf/bench';

interface TaskRun {
  readonly task: string;
  readonly effectiveCores: number;
  readonly calibration: {
    readonly outcome: string;
    readonly recommendedWorkers: number;
    readonly mode: string;
    readonly points: readonly { workers: number; throughput: number }[];
    readonly usl: { sigma: number; kappa: number; lambda: number; r2: number; peakWorkers: number | null } | null;
    readonly batchSize: number;
    readonly dispatchOverheadMs: number | null;
    readonly goetz: number | null;
    readonly mainThread: { throughput: number; beatsPool: boolean } | null;
    readonly reason: string;
  };
  readonly calibrationMs: number;
  readonly sweep: readonly { workers: number; throughput: number; samples: number[] }[];
  readonly sweepMs: number;
  /** 1-minute load average before calibration and after the sweep. */
  readonly loadAverage: readonly [number, number];
}

const TASKS = [
  { name: 'cpu', label: 'CPU-bound (sha256 loop)' },
  { name: 'wait', label: 'waiting (20 ms timer + 1 ms compute)' },
  { name: 'mixed', label: 'mixed (4 ms compute + 4 ms timer)' },
] as const;
const CHILD_TIMEOUT_MS = 150_000;
const MIN_SHARE_OF_BEST = 95;
const MAX_CALIBRATION_SHARE = 30;
const WAITING_MIN_WORKERS = 8;

const results: BenchResult[] = [];
const f1 = (x: number): string => x.toFixed(1);

for (const t of TASKS) {
  const out = await runChild({ script: new URL('./run-task.ts', import.meta.url), args: [t.name] }, CHILD_TIMEOUT_MS);
  if (!out.ok) {
    console.error(`${t.name}: ${out.failure}: ${out.error}`);
    process.exitCode = 1;
    continue;
  }
  const run = out.output as TaskRun;
  const cal = run.calibration;
  const rec = cal.recommendedWorkers;
  const best = run.sweep.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const atRec = run.sweep.find((p) => p.workers === rec) ?? { throughput: 0, samples: [] };
  const share = (100 * atRec.throughput) / best.throughput;
  const cost = (100 * run.calibrationMs) / run.sweepMs;

  console.log(`\n${t.label}: effective cores ${run.effectiveCores} (system-probe), load average ${f1(run.loadAverage[0])} -> ${f1(run.loadAverage[1])}`);
  console.log(`  calibration (measured, ${f1(run.calibrationMs)} ms, ${cal.outcome}): ${cal.points.map((p) => `${p.workers}:${f1(p.throughput)}/s`).join('  ')}`);
  if (cal.usl !== null) console.log(`  USL fit to those points: sigma=${cal.usl.sigma.toPrecision(3)} kappa=${cal.usl.kappa.toPrecision(3)} r2=${cal.usl.r2.toFixed(3)} N*=${cal.usl.peakWorkers === null ? 'infinite (kappa 0)' : cal.usl.peakWorkers.toPrecision(3)}`);
  console.log(`  recommended ${rec} workers (mode ${cal.mode}, batch ${cal.batchSize}, Goetz from measured wait/compute ${cal.goetz === null ? 'n/a' : f1(cal.goetz)})`);
  console.log(`  sweep 1..${run.sweep.length} (measured, ${f1(run.sweepMs)} ms): best ${best.workers} workers at ${f1(best.throughput)}/s; at ${rec}: ${f1(atRec.throughput)}/s = ${f1(share)}%`);
  console.log(`  sweep medians: ${run.sweep.map((p) => `${p.workers}:${Math.round(p.throughput)}`).join(' ')}`);

  const countCheck = t.name === 'cpu' ? { target: `<= ${run.effectiveCores} (effective cores)`, pass: rec <= run.effectiveCores }
    : t.name === 'wait' ? { target: `>= ${WAITING_MIN_WORKERS}`, pass: rec >= WAITING_MIN_WORKERS } : {};
  results.push({ name: `${t.name}: recommended workers`, unit: 'workers', value: rec, kind: 'measured', ...countCheck });
  results.push({
    name: `${t.name}: sweep throughput at recommended / sweep best`, unit: '%', value: share, kind: 'ratio',
    reference: `exhaustive sweep 1..32 (best ${best.workers} workers)`, target: `>= ${MIN_SHARE_OF_BEST}%`, pass: share >= MIN_SHARE_OF_BEST, samples: atRec.samples,
  });
  results.push({
    name: `${t.name}: calibration time / sweep time`, unit: '%', value: cost, kind: 'ratio',
    reference: `exhaustive sweep 1..32 (${f1(run.sweepMs)} ms)`, target: `<= ${MAX_CALIBRATION_SHARE}%`, pass: cost <= MAX_CALIBRATION_SHARE,
  });
  results.push({ name: `${t.name}: calibration time`, unit: 'ms', value: run.calibrationMs, kind: 'measured' });
  results.push({ name: `${t.name}: 1-min load average (other processes included)`, unit: 'load', value: Math.max(...run.loadAverage), kind: 'measured', samples: [...run.loadAverage] });
  results.push({ name: `${t.name}: sweep best workers`, unit: 'workers', value: best.workers, kind: 'measured', samples: best.samples });
}

writeBenchReport({ package: '@perf/worker-optimizer', results });
