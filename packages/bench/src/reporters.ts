// Reporters: one function per format, all pure (string or plain data out).
import { formatNumber, formatTable, type BenchResult } from './report.js';
import type { BaselineComparison, SuiteResults } from './results.js';
import type { Comparison } from './verdict.js';

const range = (samples: readonly number[]): [number, number] => [Math.min(...samples), Math.max(...samples)];
const fmtInterval = (c: Comparison): string =>
  Number.isFinite(c.interval[0]) ? `[${c.interval[0].toFixed(3)}, ${c.interval[1].toFixed(3)}]` : '';

/** Terminal table of a suite run: median, min-max over processes, process count, state. */
export function formatSuiteTable(results: SuiteResults): string {
  const rows = results.benchmarks.map((b) => {
    if (b.state === 'failed') return [b.name, '', b.unit, '', String(b.samples.length), `FAILED: ${b.error}`];
    const [lo, hi] = range(b.samples);
    return [b.name, formatNumber(b.value), b.unit, `${formatNumber(lo)} - ${formatNumber(hi)}`, String(b.samples.length), b.errors.length > 0 ? `${b.errors.length} process(es) failed` : 'ok'];
  });
  const title = `measured: median of per-process ${results.context.estimator} estimates over ${results.context.processes} fresh process(es)`;
  const failures = results.context.processFailures.length === 0 ? '' : `\nprocess failures:\n${results.context.processFailures.map((f) => `  ${f}`).join('\n')}`;
  return `${formatTable(['benchmark', 'median', 'unit', 'range over processes', 'n', 'state'], rows, title)}${failures}`;
}

/** Terminal table of a comparison. */
export function formatComparisonTable(comparison: BaselineComparison): string {
  const rows = comparison.comparisons.map((c) => [
    c.benchmark, Number.isFinite(c.speedup) ? `${c.speedup.toFixed(3)}x` : '', fmtInterval(c), c.verdict.toUpperCase(), c.reason,
  ]);
  const title = `against baseline '${comparison.baselineName}' (speedup = current/baseline speed; 95% bootstrap interval)`;
  const warn = comparison.warnings.map((w) => `WARNING: ${w}`).join('\n');
  return `${warn === '' ? '' : `${warn}\n`}${formatTable(['benchmark', 'speedup', 'interval', 'verdict', 'why'], rows, title)}\nNote: ${comparison.note}`;
}

/** Plain JSON document of a run (and its comparison). */
export function toJsonReport(results: SuiteResults, comparison?: BaselineComparison): unknown {
  return {
    date: results.context.date,
    fingerprint: results.context.fingerprint,
    processes: results.context.processes,
    estimator: results.context.estimator,
    summary: results.getSummary(),
    benchmarks: results.benchmarks,
    processFailures: results.context.processFailures,
    ...(comparison === undefined ? {} : { comparison }),
  };
}

const EMOJI = { regression: '🔴', improvement: '🟢', unchanged: '⚪', inconclusive: '🟡' } as const;

/** Markdown for a pull-request comment or a CI job summary. */
export function toMarkdown(results: SuiteResults, comparison?: BaselineComparison): string {
  const fp = results.context.fingerprint;
  const lines = [
    '## perf-bench',
    '',
    `${results.context.processes} fresh process(es); median of per-process ${results.context.estimator} estimates. ` +
      `Node ${fp.node}, ${fp.cpuModel ?? 'unknown CPU'}, ${fp.effectiveCores} effective core(s).`,
    '',
  ];
  if (comparison !== undefined) {
    for (const w of comparison.warnings) lines.push(`> ⚠️ ${w}`, '');
    lines.push(`### Against baseline \`${comparison.baselineName}\``, '',
      `**${comparison.regressions} regression(s), ${comparison.improvements} improvement(s)**`, '',
      `> ${comparison.note}`, '',
      '| benchmark | speedup | 95% interval | verdict | why |', '|---|---:|---|---|---|');
    for (const c of comparison.comparisons) {
      lines.push(`| ${c.benchmark} | ${Number.isFinite(c.speedup) ? `${c.speedup.toFixed(3)}x` : '–'} | ${fmtInterval(c) || '–'} | ${EMOJI[c.verdict]} ${c.verdict} | ${c.reason.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  lines.push('### Measured', '', '| benchmark | median | unit | processes | state |', '|---|---:|---|---:|---|');
  for (const b of results.benchmarks) {
    lines.push(`| ${b.name} | ${b.state === 'completed' ? formatNumber(b.value) : '–'} | ${b.unit} | ${b.samples.length} | ${b.state === 'completed' ? 'ok' : `failed: ${b.error.replace(/\|/g, '\\|')}`} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** github-action-benchmark `customBiggerIsBetter` input: `[{ name, unit, value, range, extra }]` (completed benchmarks only). */
export function toGithubActionBenchmark(results: SuiteResults): { name: string; unit: string; value: number; range: string; extra: string }[] {
  return results.benchmarks.flatMap((b) => {
    if (b.state !== 'completed') return [];
    const [lo, hi] = range(b.samples);
    return [{ name: b.name, unit: b.unit, value: b.value, range: `${formatNumber(lo)} - ${formatNumber(hi)}`, extra: `median of ${b.samples.length} processes` }];
  });
}

/** Bencher Metric Format: `{ [benchmark]: { throughput: { value, lower_value, upper_value } } }` (min/max over processes). */
export function toBencherMetricFormat(results: SuiteResults): Record<string, Record<string, { value: number; lower_value: number; upper_value: number }>> {
  const out: Record<string, Record<string, { value: number; lower_value: number; upper_value: number }>> = {};
  for (const b of results.benchmarks) {
    if (b.state !== 'completed') continue;
    const [lo, hi] = range(b.samples);
    out[b.name] = { throughput: { value: b.value, lower_value: lo, upper_value: hi } };
  }
  return out;
}

/** Suite results in the workspace report shape (for `writeBenchReport`). */
export function toBenchResults(results: SuiteResults): BenchResult[] {
  return results.benchmarks.flatMap((b) => (b.state === 'completed'
    ? [{ name: b.name, unit: b.unit, value: b.value, kind: 'measured' as const, samples: b.samples }]
    : []));
}
