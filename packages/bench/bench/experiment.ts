// The experiment behind the issue's targets. Run: `pnpm exec tsx bench/experiment.ts [--rounds 30] [--trials 1000] [--data FILE]`
// (after `pnpm build`: the children are dist/experiment-child.js).
//
// 1. Collect: R rounds. Each round runs three fresh processes back to back, in a rotated order: `ref` and
//    `base` run the four small benchmarks as written (identical code), `slow` runs the same code doing 15%
//    more work per call (23 instead of 20 repetitions: an injected 15% slowdown, really executed). Every
//    round does this twice, once with the processes pinned to the CPU `pickCpu()` chose at the start and
//    once unpinned (the control), the two conditions alternated, so both see the same load.
// 2. Simulate: each trial draws distinct rounds and applies one of the package's rules (bench/simulate.ts):
//    identical code = `ref` vs `base`, slowdown = `ref` vs `slow`; 5 processes per side, re-run of flagged results.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  findWorkspaceRoot, formatTable, median, pickCpu, runChild, DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_MIN_EFFECT, type CpuChoice,
} from '../src/index.js';
import { DESIGNS, naiveFalseAlarms, simulateRounds, type Design, type TrialCounts } from './simulate.js';

export const SLOWDOWN = 1.15;
export const PER_SIDE = 5;
export const ARMS = ['ref', 'base', 'slow'] as const;
type Arm = (typeof ARMS)[number];
/** Per-process estimates the child prints (throughput, calls/s): see src/experiment-child.ts. */
export type Estimate = 'min' | 'p10' | 'median' | 'mean' | 'cpuMin' | 'warm' | 'iso' | 'isoMax';
type ProcessOut = Record<string, Record<Estimate, number>>;
type Round = Record<Arm, ProcessOut | null>;
export type Condition = 'pinned' | 'unpinned';
export const CONDITIONS: readonly Condition[] = ['pinned', 'unpinned'];
/** Arm order per round, rotated so that no arm always runs first or last. */
const ORDERS: readonly (readonly Arm[])[] = [
  ['ref', 'base', 'slow'], ['slow', 'ref', 'base'], ['base', 'slow', 'ref'], ['ref', 'slow', 'base'], ['base', 'ref', 'slow'], ['slow', 'base', 'ref'],
];

export interface RawData {
  readonly version: 2;
  readonly timeMs: number;
  readonly cpu: CpuChoice;
  /** Fresh worker isolates per benchmark per pinned process for the `iso` estimates (0: not measured; unpinned: never). */
  readonly isolates?: number;
  readonly failures: string[];
  /** 1-minute load average after each round. */
  readonly load: number[];
  readonly pinned: Round[];
  readonly unpinned: Round[];
}

export interface ExperimentRow {
  readonly condition: Condition;
  readonly benchmark: string;
  readonly estimator: Estimate;
  /** Spread of the `ref` arm's per-process estimates. */
  readonly cv: number;
  /** median(slow) / median(ref): what 15% more work measured as. */
  readonly measuredSlowRatio: number;
  readonly rounds: number;
  readonly null: Record<Design, TrialCounts>;
  readonly slow: Record<Design, TrialCounts>;
  /** One process per side, tinybench's mean, any 5% change flagged (ref vs base). */
  readonly naiveMean5pct: number;
}

export async function collect(rounds: number, timeMs: number, log: (s: string) => void, isolates = 0, conditions: readonly Condition[] = CONDITIONS): Promise<RawData> {
  const child = new URL('../dist/experiment-child.js', import.meta.url);
  const cpu = await pickCpu();
  log(cpu.reason);
  const data: RawData = { version: 2, timeMs, cpu, isolates, failures: [], load: [], pinned: [], unpinned: [] };
  for (let i = 0; i < rounds; i++) {
    const order: readonly Condition[] = i % 2 === 0 ? conditions : [...conditions].reverse();
    for (const condition of order) {
      const round: Round = { ref: null, base: null, slow: null };
      for (const arm of ORDERS[i % ORDERS.length]) {
        const pin = condition === 'pinned' && cpu.cpu !== null ? { cpu: cpu.cpu } : {};
        const r = await runChild({ script: child, args: [arm === 'slow' ? String(SLOWDOWN) : '1', String(i * 3 + ARMS.indexOf(arm)), String(timeMs), String(condition === 'pinned' ? isolates : 0)], ...pin }, 60_000);
        if (r.ok) round[arm] = (r.output as { results: ProcessOut }).results;
        else data.failures.push(`${condition} ${arm} round ${i}: ${r.error}`);
      }
      data[condition].push(round);
    }
    data.load.push(loadavg()[0]);
    if ((i + 1) % 5 === 0) log(`collected ${i + 1}/${rounds} rounds (load average ${loadavg()[0].toFixed(2)})`);
  }
  return data;
}

const cv = (xs: number[]): number => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) / m;
};

export function analyse(data: RawData, trials: number, estimators: readonly Estimate[] = ['min'], seed = 1): ExperimentRow[] {
  const rows: ExperimentRow[] = [];
  for (const condition of CONDITIONS) {
    const complete = data[condition].filter((r): r is Record<Arm, ProcessOut> => r.ref !== null && r.base !== null && r.slow !== null);
    const benchmarks = Object.keys(complete[0]?.ref ?? {}).sort();
    for (const benchmark of benchmarks) {
      for (const estimator of estimators) {
        const arm = (a: Arm): number[] => complete.map((r) => r[a][benchmark][estimator]);
        const [ref, base, slow] = [arm('ref'), arm('base'), arm('slow')];
        if (![...ref, ...base, ...slow].every((x) => typeof x === 'number' && Number.isFinite(x))) continue; // not measured in this run
        const opts = { perSide: PER_SIDE, trials, seed, minEffect: DEFAULT_MIN_EFFECT, resamples: DEFAULT_BOOTSTRAP_RESAMPLES };
        const sim = (current: number[]): Record<Design, TrialCounts> =>
          Object.fromEntries(DESIGNS.map((design) => [design, simulateRounds(ref, current, { ...opts, design })])) as Record<Design, TrialCounts>;
        rows.push({
          condition, benchmark, estimator, cv: cv(ref), measuredSlowRatio: median(slow) / median(ref), rounds: complete.length,
          null: sim(base), slow: sim(slow),
          naiveMean5pct: naiveFalseAlarms(complete.flatMap((r) => [r.ref[benchmark].mean, r.base[benchmark].mean]), trials, 0.05, seed) / trials,
        });
      }
    }
  }
  return rows;
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;
const alarms = (c: Record<string, number>): number => (c.regression ?? 0) + (c.improvement ?? 0);

/** One line per condition, benchmark, estimator and design. */
export function formatExperiment(rows: readonly ExperimentRow[]): string {
  return formatTable(
    ['condition', 'benchmark', 'estimator', 'CV/process', 'slow/ref', 'design', 'false alarms (1st run)', 'false alarms', 'inconcl. (identical)', 'detected (1st run)', 'detected'],
    rows.flatMap((r) => DESIGNS.map((d) => [
      r.condition, r.benchmark, r.estimator, `${(r.cv * 100).toFixed(1)}%`, r.measuredSlowRatio.toFixed(3), d,
      pct(alarms(r.null[d].first), r.null[d].trials), pct(alarms(r.null[d].verdicts), r.null[d].trials),
      pct(r.null[d].verdicts.inconclusive, r.null[d].trials),
      pct(r.slow[d].first.regression, r.slow[d].trials), pct(r.slow[d].verdicts.regression, r.slow[d].trials),
    ])),
  );
}

export interface ExperimentRun { readonly data: RawData; readonly rows: ExperimentRow[]; readonly dataPath: string }

export async function runExperiment(options: { rounds: number; trials: number; timeMs: number; dataFile?: string; estimators?: readonly Estimate[]; isolates?: number; conditions?: readonly Condition[]; log: (s: string) => void }): Promise<ExperimentRun> {
  let data: RawData;
  let dataPath: string;
  if (options.dataFile !== undefined) {
    dataPath = options.dataFile;
    data = JSON.parse(readFileSync(dataPath, 'utf8')) as RawData;
    if (data.version !== 2) throw new Error(`${dataPath}: not a version-2 experiment file (rounds of ref/base/slow, pinned and unpinned)`);
  } else {
    data = await collect(options.rounds, options.timeMs, options.log, options.isolates ?? 0, options.conditions ?? CONDITIONS);
    const dir = join(findWorkspaceRoot(), '.perf', 'bench');
    mkdirSync(dir, { recursive: true });
    dataPath = join(dir, 'experiment-raw.json');
    writeFileSync(dataPath, JSON.stringify(data));
  }
  options.log(`analysing ${data.pinned.length} pinned + ${data.unpinned.length} unpinned rounds, ${options.trials} trials per cell`);
  return { data, rows: analyse(data, options.trials, options.estimators), dataPath };
}

export const loadSummary = (load: readonly number[]): string =>
  load.length === 0 ? 'not recorded' : `${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)} (median ${median(load).toFixed(1)})`;

// ---- Interleaved design: both sides in each process (src/experiment-interleaved-child.ts) ----
// R rounds of two fresh processes, order alternated per round: `null` times base (a) against ref (b), identical
// code; `slow` times the 15%-more-work variant (a) against ref (b). Each process prints one ratio a/b per
// benchmark (min latency over alternated batches). Trials draw 5 processes (+5 for the re-run) and decide with
// `comparePairs` over the per-process (b, a) values: the rule `interleavedSideBySide` applies.
export type InterleavedEstimate = 'ratio' | 'minRatio';
type InterleavedOut = Record<string, { a: number; b: number; ratio: number; minRatio: number }>;
interface InterleavedRound { readonly null: InterleavedOut | null; readonly slow: InterleavedOut | null }
export interface InterleavedData {
  readonly version: 3;
  readonly batches: number;
  readonly batchTime: number;
  readonly instances: number;
  readonly cpu: CpuChoice;
  readonly failures: string[];
  readonly load: number[];
  readonly started: string;
  readonly pinned: InterleavedRound[];
  readonly unpinned: InterleavedRound[];
}

export async function collectInterleaved(rounds: number, batches: number, batchTime: number, instances: number, log: (s: string) => void, conditions: readonly Condition[] = CONDITIONS): Promise<InterleavedData> {
  const child = new URL('../dist/experiment-interleaved-child.js', import.meta.url);
  const cpu = await pickCpu();
  log(cpu.reason);
  const data: InterleavedData = { version: 3, batches, batchTime, instances, cpu, failures: [], load: [], started: new Date().toISOString(), pinned: [], unpinned: [] };
  for (let i = 0; i < rounds; i++) {
    for (const condition of i % 2 === 0 ? conditions : [...conditions].reverse()) {
      const round: { null: InterleavedOut | null; slow: InterleavedOut | null } = { null: null, slow: null };
      for (const arm of i % 2 === 0 ? (['null', 'slow'] as const) : (['slow', 'null'] as const)) {
        const pin = condition === 'pinned' && cpu.cpu !== null ? { cpu: cpu.cpu } : {};
        const scaleA = arm === 'slow' ? String(SLOWDOWN) : '1';
        const r = await runChild({ script: child, args: [scaleA, '1', String(i * 2 + (arm === 'slow' ? 1 : 0)), String(batches), String(batchTime), String(instances)], ...pin }, 60_000);
        if (r.ok) round[arm] = (r.output as { results: InterleavedOut }).results;
        else data.failures.push(`${condition} ${arm} round ${i}: ${r.error}`);
      }
      data[condition].push(round);
    }
    data.load.push(loadavg()[0]);
    if ((i + 1) % 10 === 0) log(`collected ${i + 1}/${rounds} interleaved rounds (load average ${loadavg()[0].toFixed(2)})`);
  }
  return data;
}

export interface InterleavedRow {
  readonly condition: Condition;
  readonly benchmark: string;
  readonly estimator: InterleavedEstimate;
  /** Spread of the per-process ratio on identical code (its standard deviation / mean). */
  readonly cv: number;
  /** Spread of side b's per-process throughput (what the per-process ratio removes). */
  readonly cvB: number;
  /** Median per-process ratio of the slow processes (what 15% more work measured as). */
  readonly measuredSlowRatio: number;
  /** Median per-process ratio of the identical-code processes. */
  readonly nullRatio: number;
  readonly rounds: number;
  readonly null: TrialCounts;
  readonly slow: TrialCounts;
}

export function analyseInterleaved(data: InterleavedData, trials: number, estimators: readonly InterleavedEstimate[] = ['ratio'], seed = 1): InterleavedRow[] {
  const rows: InterleavedRow[] = [];
  for (const condition of CONDITIONS) {
    const complete = data[condition].filter((r): r is { null: InterleavedOut; slow: InterleavedOut } => r.null !== null && r.slow !== null);
    if (complete.length < 2 * PER_SIDE) continue;
    for (const benchmark of Object.keys(complete[0].null).sort()) {
      for (const estimator of estimators) {
        // b = 1 and a = the process's ratio: comparePairs then decides from the per-process ratios alone
        const ratios = (arm: 'null' | 'slow'): number[] => complete.map((r) => r[arm][benchmark][estimator]);
        const ones = complete.map(() => 1);
        const opts = { perSide: PER_SIDE, trials, seed, minEffect: DEFAULT_MIN_EFFECT, resamples: DEFAULT_BOOTSTRAP_RESAMPLES, design: 'paired' as const };
        const nul = ratios('null');
        rows.push({
          condition, benchmark, estimator, cv: cv(nul), cvB: cv(complete.map((r) => r.null[benchmark].b)),
          measuredSlowRatio: median(ratios('slow')), nullRatio: median(nul), rounds: complete.length,
          null: simulateRounds(ones, nul, opts), slow: simulateRounds(ones, ratios('slow'), opts),
        });
      }
    }
  }
  return rows;
}

export function formatInterleaved(rows: readonly InterleavedRow[]): string {
  return formatTable(
    ['condition', 'benchmark', 'estimator', 'CV ratio', 'CV side b', 'null a/b', 'slow a/b', 'false alarms (1st run)', 'false alarms', 'inconcl. (identical)', 'detected (1st run)', 'detected'],
    rows.map((r) => [
      r.condition, r.benchmark, r.estimator, `${(r.cv * 100).toFixed(1)}%`, `${(r.cvB * 100).toFixed(1)}%`, r.nullRatio.toFixed(3), r.measuredSlowRatio.toFixed(3),
      pct(alarms(r.null.first), r.null.trials), pct(alarms(r.null.verdicts), r.null.trials), pct(r.null.verdicts.inconclusive, r.null.trials),
      pct(r.slow.first.regression, r.slow.trials), pct(r.slow.verdicts.regression, r.slow.trials),
    ]),
  );
}

export interface InterleavedRun { readonly data: InterleavedData; readonly rows: InterleavedRow[]; readonly dataPath: string }

export async function runInterleavedExperiment(options: { rounds: number; trials: number; batches: number; batchTime: number; instances: number; dataFile?: string; estimators?: readonly InterleavedEstimate[]; conditions?: readonly Condition[]; log: (s: string) => void }): Promise<InterleavedRun> {
  let data: InterleavedData;
  let dataPath: string;
  if (options.dataFile !== undefined) {
    dataPath = options.dataFile;
    data = JSON.parse(readFileSync(dataPath, 'utf8')) as InterleavedData;
    if (data.version !== 3) throw new Error(`${dataPath}: not a version-3 (interleaved) experiment file`);
  } else {
    data = await collectInterleaved(options.rounds, options.batches, options.batchTime, options.instances, options.log, options.conditions ?? CONDITIONS);
    const dir = join(findWorkspaceRoot(), '.perf', 'bench');
    mkdirSync(dir, { recursive: true });
    dataPath = join(dir, 'experiment-interleaved-raw.json');
    writeFileSync(dataPath, JSON.stringify(data));
  }
  options.log(`analysing ${data.pinned.length} pinned + ${data.unpinned.length} unpinned interleaved rounds, ${options.trials} trials per cell`);
  return { data, rows: analyseInterleaved(data, options.trials, options.estimators), dataPath };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    rounds: { type: 'string', default: '30' }, trials: { type: 'string', default: '1000' }, time: { type: 'string', default: '60' },
    data: { type: 'string' }, estimators: { type: 'string', default: 'min' }, isolates: { type: 'string', default: '0' },
    conditions: { type: 'string', default: CONDITIONS.join(',') }, design: { type: 'string', default: 'processes' },
    batches: { type: 'string', default: '6' }, 'batch-time': { type: 'string', default: '10' }, instances: { type: 'string', default: '5' },
  } });
  if (values.design === 'interleaved') {
    const run = await runInterleavedExperiment({
      rounds: Number(values.rounds), trials: Number(values.trials), batches: Number(values.batches), batchTime: Number(values['batch-time']), instances: Number(values.instances),
      estimators: values.estimators === 'min' ? ['ratio', 'minRatio'] : (values.estimators.split(',') as InterleavedEstimate[]),
      conditions: values.conditions.split(',') as Condition[],
      ...(values.data === undefined ? {} : { dataFile: values.data }), log: (s) => process.stderr.write(`${s}\n`),
    });
    process.stdout.write(`${formatInterleaved(run.rows)}\n${run.data.cpu.reason}; ${run.data.instances} instance(s) per side, ${run.data.batches} batches of ${run.data.batchTime} ms; started ${run.data.started}; load average ${loadSummary(run.data.load)}\nraw per-process data: ${run.dataPath}${run.data.failures.length > 0 ? `\nfailures: ${run.data.failures.join('; ')}` : ''}\n`);
    process.exit(0);
  }
  const run = await runExperiment({
    rounds: Number(values.rounds), trials: Number(values.trials), timeMs: Number(values.time),
    estimators: values.estimators.split(',') as Estimate[], isolates: Number(values.isolates),
    conditions: values.conditions.split(',') as Condition[],
    ...(values.data === undefined ? {} : { dataFile: values.data }), log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${formatExperiment(run.rows)}\n${run.data.cpu.reason}; load average ${loadSummary(run.data.load)}\nraw per-process data: ${run.dataPath}${run.data.failures.length > 0 ? `\nfailures: ${run.data.failures.join('; ')}` : ''}\n`);
}
