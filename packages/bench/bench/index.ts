// @perf/bench's own bench: (1) the interleaved experiment (the design `interleavedSideBySide` uses), (2) the
// process-per-side experiment (saved-baseline and paired designs, `min` estimator, pinned), (3) the suite in quick mode.
// Environment: PERF_BENCH_EXPERIMENT_ROUNDS (interleaved rounds, default 30), PERF_BENCH_EXPERIMENT_PROCESS_ROUNDS
// (default 20), PERF_BENCH_EXPERIMENT_TRIALS (default 1000), PERF_BENCH_EXPERIMENT_DATA /
// PERF_BENCH_EXPERIMENT_INTERLEAVED_DATA (reuse raw files written by an earlier run, skip collecting).
import {
  DEFAULT_BATCHES, DEFAULT_BATCH_TIME_MS, DEFAULT_ESTIMATOR, DEFAULT_INSTANCES, PerformanceBenchmarkSuite, formatSuiteTable, toBenchResults, writeBenchReport,
  type BenchResult,
} from '../src/index.js';
import { formatExperiment, formatInterleaved, loadSummary, PER_SIDE, runExperiment, runInterleavedExperiment } from './experiment.js';

const log = (s: string): void => { process.stderr.write(`${s}\n`); };
const rounds = Number(process.env.PERF_BENCH_EXPERIMENT_ROUNDS ?? '30');
const processRounds = Number(process.env.PERF_BENCH_EXPERIMENT_PROCESS_ROUNDS ?? '20');
const trials = Number(process.env.PERF_BENCH_EXPERIMENT_TRIALS ?? '1000');
const dataFile = process.env.PERF_BENCH_EXPERIMENT_DATA;
const interleavedFile = process.env.PERF_BENCH_EXPERIMENT_INTERLEAVED_DATA;
const results: BenchResult[] = [];
const rate = (n: number, d: number): number => (100 * n) / d;

// (1) interleaved: both sides in each pinned process, one ratio per process (interleavedSideBySide's defaults)
const il = await runInterleavedExperiment({
  rounds, trials, batches: DEFAULT_BATCHES, batchTime: DEFAULT_BATCH_TIME_MS, instances: DEFAULT_INSTANCES, estimators: ['ratio'],
  conditions: ['pinned'], log, ...(interleavedFile === undefined ? {} : { dataFile: interleavedFile }),
});
process.stdout.write(`\nInterleaved experiment (${PER_SIDE} processes, both sides in each, ${il.data.instances} instances per side, 10% gate, re-run of flagged results; ${il.data.cpu.reason}; started ${il.data.started}; load average ${loadSummary(il.data.load)}):\n`);
process.stdout.write(`${formatInterleaved(il.rows)}\n`);
for (const r of il.rows) {
  const pool = `interleaved, ${r.condition}, resampled from ${r.rounds} measured rounds of 2 processes, ${trials} trials`;
  const fa = rate(r.null.verdicts.regression + r.null.verdicts.improvement, r.null.trials);
  const det = rate(r.slow.verdicts.regression, r.slow.trials);
  results.push(
    { name: `experiment interleaved ${r.benchmark}: spread of the per-process ratio (CV)`, unit: '%', value: 100 * r.cv, kind: 'measured' },
    { name: `experiment interleaved ${r.benchmark}: false alarms on identical code (${pool})`, unit: '%', value: fa, kind: 'measured', target: '<= 1', pass: fa <= 1 },
    { name: `experiment interleaved ${r.benchmark}: 15% slowdown detected (${pool})`, unit: '%', value: det, kind: 'measured', target: '>= 90', pass: det >= 90 },
  );
}

// (2) one process per side (sideBySide's paired rule, and the suite's saved-baseline comparison)
const exp = await runExperiment({
  rounds: processRounds, trials, timeMs: 60, estimators: [DEFAULT_ESTIMATOR], isolates: 0, conditions: ['pinned'], log,
  ...(dataFile === undefined ? {} : { dataFile }),
});
process.stdout.write(`\nProcess-per-side experiment (estimator '${DEFAULT_ESTIMATOR}', ${PER_SIDE} processes per side, 10% gate, re-run of flagged results; ${exp.data.cpu.reason}; load average ${loadSummary(exp.data.load)}):\n`);
process.stdout.write(`${formatExperiment(exp.rows.filter((r) => r.condition === 'pinned'))}\n`);
for (const r of exp.rows.filter((x) => x.condition === 'pinned')) {
  const pool = `${r.condition}, estimator ${r.estimator}, resampled from ${r.rounds} measured rounds of 3 processes, ${trials} trials`;
  results.push({ name: `experiment ${r.condition} ${r.estimator} ${r.benchmark}: spread across processes (CV)`, unit: '%', value: 100 * r.cv, kind: 'measured' });
  // paired: sideBySide (script sides); saved-baseline: the suite's compareToBaseline and the CLI's --compare
  for (const design of ['paired', 'saved-baseline'] as const) {
    const fa = rate(r.null[design].verdicts.regression + r.null[design].verdicts.improvement, r.null[design].trials);
    const det = rate(r.slow[design].verdicts.regression, r.slow[design].trials);
    results.push(
      { name: `experiment ${r.benchmark} ${design}: false alarms on identical code (${pool})`, unit: '%', value: fa, kind: 'measured', target: '<= 1', pass: fa <= 1 },
      { name: `experiment ${r.benchmark} ${design}: 15% slowdown detected (${pool})`, unit: '%', value: det, kind: 'measured', target: '>= 90', pass: det >= 90 },
    );
  }
}

log('running PerformanceBenchmarkSuite in quick mode');
const suite = await new PerformanceBenchmarkSuite({ quick: true, historyFile: null, onProgress: log }).runAll();
process.stdout.write(`\n${formatSuiteTable(suite)}\n\n`);
results.push(...toBenchResults(suite).map((r) => ({ ...r, name: `suite (quick) ${r.name}` })));
const value = (name: string): number | undefined => {
  const b = suite.benchmarks.find((x) => x.name === name);
  return b?.state === 'completed' ? b.value : undefined;
};
for (const op of ['read-hit', 'write', 'miss']) {
  const map = value(`cache/Map/${op}`);
  const lru = value(`cache/lru-cache/${op}`);
  if (map !== undefined && lru !== undefined) {
    results.push({ name: `suite (quick) cache ${op}: lru-cache / Map (same processes)`, unit: 'x', value: lru / map, kind: 'ratio', reference: 'FIFO Map' });
  }
}
writeBenchReport({ package: '@perf/bench', results });
