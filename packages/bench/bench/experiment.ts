// The experiment behind the issue's targets. Run: `pnpm exec tsx bench/experiment.ts [--processes 30] [--trials 1000] [--data FILE]`
// (after `pnpm build`: the children are dist/experiment-child.js).
//
// 1. Collect: P fresh processes per arm, arms alternated (base, slow, slow, base, ...). The `base` arm
//    runs four small benchmarks as written; the `slow` arm runs the same code doing 15% more work per
//    call (an injected 15% slowdown). Each process prints per-benchmark throughput from tinybench's
//    median latency and minimum latency (its robust per-process estimates) and mean latency.
// 2. Simulate: each trial draws distinct real processes from those pools (5 per side; identical code:
//    both sides from `base`; slowdown: baseline from `base`, current from `slow`) and applies the
//    suite's rule (median of per-process estimates, 95% bootstrap interval, 10% gate + significance),
//    without and with the re-run of a flagged result on another 5 + 5 processes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot, formatTable, runChild, DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_MIN_EFFECT, median } from '../src/index.js';
import { naiveFalseAlarms, simulateTrials, type TrialCounts } from './simulate.js';

export const SLOWDOWN = 1.15;
export const PER_SIDE = 5;
const ESTIMATORS = ['median', 'min'] as const;
/** `min-calibrated`: the per-process minimum divided by the calibration throughput measured just before (not used by the suite). */
export type AnalysedEstimator = (typeof ESTIMATORS)[number] | 'min-calibrated';
type Est = (typeof ESTIMATORS)[number] | 'mean' | 'calibration';
type ProcessOut = Record<string, Record<Est, number>>;
const valueOf = (p: ProcessOut, benchmark: string, e: AnalysedEstimator): number =>
  e === 'min-calibrated' ? p[benchmark].min / p[benchmark].calibration : p[benchmark][e as Est];

export interface RawData {
  readonly processesPerArm: number;
  readonly timeMs: number;
  readonly failures: string[];
  readonly base: ProcessOut[];
  readonly slow: ProcessOut[];
}

export interface ExperimentRow {
  readonly benchmark: string;
  readonly estimator: string;
  readonly cv: number;
  readonly measuredSlowRatio: number;
  readonly nullNoRerun: TrialCounts;
  readonly nullRerun: TrialCounts;
  readonly slowNoRerun: TrialCounts;
  readonly slowRerun: TrialCounts;
  readonly naiveMean5pct: number;
}

export async function collect(processesPerArm: number, timeMs: number, log: (s: string) => void): Promise<RawData> {
  const child = new URL('../dist/experiment-child.js', import.meta.url);
  const data: RawData = { processesPerArm, timeMs, failures: [], base: [], slow: [] };
  for (let i = 0; i < processesPerArm; i++) {
    for (const arm of i % 2 === 0 ? (['base', 'slow'] as const) : (['slow', 'base'] as const)) {
      const r = await runChild({ script: child, args: [arm === 'base' ? '1' : String(SLOWDOWN), String(i * 2 + (arm === 'base' ? 0 : 1)), String(timeMs)] }, 60_000);
      if (r.ok) data[arm].push((r.output as { results: ProcessOut }).results);
      else data.failures.push(`${arm} #${i}: ${r.error}`);
    }
    if ((i + 1) % 5 === 0) log(`collected ${i + 1}/${processesPerArm} processes per arm`);
  }
  return data;
}

const cv = (xs: number[]): number => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) / m;
};

export function analyse(data: RawData, trials: number, seed = 1, estimators: readonly AnalysedEstimator[] = ESTIMATORS): ExperimentRow[] {
  const rows: ExperimentRow[] = [];
  const benchmarks = Object.keys(data.base[0] ?? {}).sort();
  for (const benchmark of benchmarks) {
    for (const estimator of estimators) {
      const base = data.base.map((p) => valueOf(p, benchmark, estimator));
      const slow = data.slow.map((p) => valueOf(p, benchmark, estimator));
      const opts = { perSide: PER_SIDE, trials, seed, minEffect: DEFAULT_MIN_EFFECT, resamples: DEFAULT_BOOTSTRAP_RESAMPLES };
      rows.push({
        benchmark, estimator, cv: cv(base), measuredSlowRatio: median(slow) / median(base),
        nullNoRerun: simulateTrials(base, base, { ...opts, rerun: false }),
        nullRerun: simulateTrials(base, base, { ...opts, rerun: true }),
        slowNoRerun: simulateTrials(base, slow, { ...opts, rerun: false }),
        slowRerun: simulateTrials(base, slow, { ...opts, rerun: true }),
        naiveMean5pct: naiveFalseAlarms(data.base.map((p) => p[benchmark].mean), trials, 0.05, seed) / trials,
      });
    }
  }
  return rows;
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;
const alarms = (c: TrialCounts): number => c.verdicts.regression + c.verdicts.improvement;

export function formatExperiment(rows: readonly ExperimentRow[]): string {
  return formatTable(
    ['benchmark', 'estimator', 'CV/process', 'slow/base', 'false alarm', 'FA +rerun', 'inconcl. (null)', 'detected', 'det. +rerun', 'naive mean 5%'],
    rows.map((r) => [
      r.benchmark, r.estimator, `${(r.cv * 100).toFixed(1)}%`, r.measuredSlowRatio.toFixed(3),
      pct(alarms(r.nullNoRerun), r.nullNoRerun.trials), pct(alarms(r.nullRerun), r.nullRerun.trials),
      pct(r.nullRerun.verdicts.inconclusive, r.nullRerun.trials),
      pct(r.slowNoRerun.verdicts.regression, r.slowNoRerun.trials), pct(r.slowRerun.verdicts.regression, r.slowRerun.trials),
      `${(r.naiveMean5pct * 100).toFixed(1)}%`,
    ]),
  );
}

export interface ExperimentRun { readonly data: RawData; readonly rows: ExperimentRow[]; readonly dataPath: string }

export async function runExperiment(options: { processes: number; trials: number; timeMs: number; dataFile?: string; estimators?: readonly AnalysedEstimator[]; log: (s: string) => void }): Promise<ExperimentRun> {
  let data: RawData;
  let dataPath: string;
  if (options.dataFile !== undefined) {
    dataPath = options.dataFile;
    data = JSON.parse(readFileSync(dataPath, 'utf8')) as RawData;
  } else {
    data = await collect(options.processes, options.timeMs, options.log);
    const dir = join(findWorkspaceRoot(), '.perf', 'bench');
    mkdirSync(dir, { recursive: true });
    dataPath = join(dir, 'experiment-raw.json');
    writeFileSync(dataPath, JSON.stringify(data));
  }
  options.log(`analysing ${data.base.length} base + ${data.slow.length} slow processes, ${options.trials} trials per cell`);
  return { data, rows: analyse(data, options.trials, 1, options.estimators), dataPath };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { processes: { type: 'string', default: '30' }, trials: { type: 'string', default: '1000' }, time: { type: 'string', default: '60' }, data: { type: 'string' }, calibrated: { type: 'boolean', default: false } } });
  const run = await runExperiment({
    ...(values.calibrated ? { estimators: ['median', 'min', 'min-calibrated'] as const } : {}),
    processes: Number(values.processes), trials: Number(values.trials), timeMs: Number(values.time),
    ...(values.data === undefined ? {} : { dataFile: values.data }), log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${formatExperiment(run.rows)}\nraw per-process data: ${run.dataPath}${run.data.failures.length > 0 ? `\nfailures: ${run.data.failures.join('; ')}` : ''}\n`);
}
