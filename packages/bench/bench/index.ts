// @perf/bench's own bench: (1) the experiment behind the verdict rule, (2) the suite in quick mode.
// Environment: PERF_BENCH_EXPERIMENT_ROUNDS (default 20), PERF_BENCH_EXPERIMENT_TRIALS
// (default 500), PERF_BENCH_EXPERIMENT_DATA (reuse a raw file written by an earlier run, skip collecting).
import {
  DEFAULT_ESTIMATOR, DEFAULT_ISOLATES, PerformanceBenchmarkSuite, formatSuiteTable, toBenchResults, writeBenchReport, type BenchResult,
} from '../src/index.js';
import { formatExperiment, loadSummary, PER_SIDE, runExperiment } from './experiment.js';

const log = (s: string): void => { process.stderr.write(`${s}\n`); };
const rounds = Number(process.env.PERF_BENCH_EXPERIMENT_ROUNDS ?? '20');
const trials = Number(process.env.PERF_BENCH_EXPERIMENT_TRIALS ?? '500');
const dataFile = process.env.PERF_BENCH_EXPERIMENT_DATA;

// estimators: the default in-process minimum, and the median of 5 fresh isolates per pinned process (measureInIsolates)
const exp = await runExperiment({ rounds, trials, timeMs: 60, estimators: [DEFAULT_ESTIMATOR, 'iso'], isolates: DEFAULT_ISOLATES, log, ...(dataFile === undefined ? {} : { dataFile }) });
process.stdout.write(`\nExperiment (estimators '${DEFAULT_ESTIMATOR}' and 'iso', ${PER_SIDE} processes per side, 10% gate, re-run of flagged results; ${exp.data.cpu.reason}; load average ${loadSummary(exp.data.load)}):\n`);
process.stdout.write(`${formatExperiment(exp.rows)}\n`);
const results: BenchResult[] = exp.rows.flatMap((r) => {
  const pool = `${r.condition}, estimator ${r.estimator}, resampled from ${r.rounds} measured rounds of 3 processes, ${trials} trials`;
  const out: BenchResult[] = [
    { name: `experiment ${r.condition} ${r.estimator} ${r.benchmark}: spread across processes (CV)`, unit: '%', value: 100 * r.cv, kind: 'measured' },
    { name: `experiment ${r.condition} ${r.estimator} ${r.benchmark}: slow arm / ref arm (15% more work)`, unit: 'x', value: r.measuredSlowRatio, kind: 'ratio', reference: 'ref arm' },
  ];
  // paired: what sideBySide does by default (pinned rows); saved-baseline: what the suite and the CLI's --compare do
  for (const design of ['paired', 'saved-baseline'] as const) {
    const fa = (100 * (r.null[design].verdicts.regression + r.null[design].verdicts.improvement)) / r.null[design].trials;
    const det = (100 * r.slow[design].verdicts.regression) / r.slow[design].trials;
    out.push(
      { name: `experiment ${r.benchmark} ${design}: false alarms on identical code (${pool})`, unit: '%', value: fa, kind: 'measured', target: '<= 1', pass: fa <= 1 },
      { name: `experiment ${r.benchmark} ${design}: 15% slowdown detected (${pool})`, unit: '%', value: det, kind: 'measured', target: '>= 90', pass: det >= 90 },
    );
  }
  return out;
});

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
