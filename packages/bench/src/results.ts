import { readBaseline, baselinePath, BASELINE_FORMAT, BASELINE_VERSION, DEFAULT_BASELINE_DIR, DEFAULT_BASELINE_NAME, type Baseline } from './baseline.js';
import { fingerprintDifferences, type EnvironmentFingerprint } from './fingerprint.js';
import { median } from './stats.js';
import { compareSamples, DEFAULT_MIN_EFFECT, type Comparison } from './verdict.js';

export type BenchmarkOutcome =
  | {
    readonly state: 'completed'; readonly name: string; readonly unit: string; readonly higherIsBetter: boolean;
    /** Median of the per-process estimates. */
    readonly value: number;
    readonly samples: readonly number[];
    /** Errors from processes where this benchmark failed while others succeeded. */
    readonly errors: readonly string[];
  }
  | {
    readonly state: 'failed'; readonly name: string; readonly unit: string; readonly higherIsBetter: boolean;
    readonly error: string;
    readonly samples: readonly number[];
    readonly errors: readonly string[];
  };

export interface SuiteSummary {
  readonly totalBenchmarks: number;
  readonly successful: number;
  readonly failed: number;
  /** Arithmetic mean of the medians of the completed ops/s benchmarks (a plain average across different workloads). */
  readonly avgThroughput: number;
}

export interface BaselineComparison {
  readonly baselineName: string;
  /** File the baseline came from, when it came from one. */
  readonly baselinePath?: string;
  readonly comparisons: readonly Comparison[];
  /** Why the figures may differ (fingerprint mismatch); empty when none. */
  readonly warnings: readonly string[];
  /**
   * How the verdicts were reached: `saved-baseline` (the suite's `compareToBaseline`: per-process medians of
   * this run against a baseline measured at another time, unpaired), the weaker design, `note` says how weak,
   * as measured; `interleaved` (the CLI's `compare`: both modules timed alternately in each fresh process,
   * `interleavedSideBySide`).
   */
  readonly method: 'saved-baseline' | 'interleaved';
  readonly note: string;
  readonly regressions: number;
  readonly improvements: number;
}

export interface ResultsContext {
  readonly fingerprint: EnvironmentFingerprint;
  readonly date: string;
  readonly estimator: string;
  readonly processes: number;
  /** Process-level failures (crash, timeout, bad output). */
  readonly processFailures: readonly string[];
  /** @default '.perf/bench/baselines' */
  readonly baselineDir?: string;
  /** @default 0.1 */
  readonly minEffect?: number;
  /** @default 1 */
  readonly seed?: number;
}

/** What a suite run measured, with the seed's `getSummary()` and `compareToBaseline()`. */
export class SuiteResults {
  readonly benchmarks: readonly BenchmarkOutcome[];
  readonly context: ResultsContext;

  constructor(benchmarks: readonly BenchmarkOutcome[], context: ResultsContext) {
    this.benchmarks = benchmarks;
    this.context = context;
  }

  getSummary(): SuiteSummary {
    const ok = this.benchmarks.filter((b) => b.state === 'completed');
    const ops = ok.filter((b) => b.unit === 'ops/s');
    return {
      totalBenchmarks: this.benchmarks.length,
      successful: ok.length,
      failed: this.benchmarks.length - ok.length,
      avgThroughput: ops.length === 0 ? Number.NaN : ops.reduce((s, b) => s + b.value, 0) / ops.length,
    };
  }

  /** These results as a baseline document. */
  toBaseline(name: string = DEFAULT_BASELINE_NAME): Baseline {
    return {
      format: BASELINE_FORMAT, version: BASELINE_VERSION, name, date: this.context.date,
      fingerprint: this.context.fingerprint, estimator: this.context.estimator,
      benchmarks: this.benchmarks.filter((b) => b.state === 'completed')
        .map((b) => ({ name: b.name, unit: b.unit, higherIsBetter: b.higherIsBetter, value: b.value, samples: b.samples })),
    };
  }

  /**
   * Compare with a baseline: a `Baseline` object, other `SuiteResults`, a baseline name (read from
   * `baselineDir`), or, with no argument, the baseline named `default`. No re-run here (see the suite's).
   */
  compareToBaseline(baseline?: Baseline | SuiteResults | string): BaselineComparison {
    let path: string | undefined;
    let doc: Baseline;
    if (baseline instanceof SuiteResults) doc = baseline.toBaseline('results');
    else if (baseline === undefined || typeof baseline === 'string') {
      path = baselinePath(baseline ?? DEFAULT_BASELINE_NAME, this.context.baselineDir ?? DEFAULT_BASELINE_DIR);
      doc = readBaseline(path);
    } else doc = baseline;
    return compareToBaselineDoc(this, doc, path);
  }
}

/**
 * What the package's experiment measured for this design (README, "The experiment": runs of 2026-11-28 and
 * 2026-11-29, 5 processes per side, 10% gate, re-run of flagged results, pinned CPU), against the interleaved design.
 */
export const SAVED_BASELINE_RUN = '2026-11-28 15:01 and 18:51 UTC, 2026-11-29 05:13 UTC';
export const SAVED_BASELINE_NOTE =
  'a saved baseline cannot be paired with this run (it was measured at another time, under other load), so these verdicts are weaker: ' +
  `in the package's experiment (runs of ${SAVED_BASELINE_RUN}, 5 processes per side, 10% gate, re-run) this design detected a real 15% ` +
  'slowdown in only 1.5-75% of trials (false alarms <= 0.4%), where measuring both sides in the same fresh processes (interleavedSideBySide) ' +
  'detected 100% on 4 of 4 benchmarks with 0% false alarms (2026-11-29); an unchanged or inconclusive verdict here does not show that there is no regression.';

export function compareToBaselineDoc(results: SuiteResults, doc: Baseline, path?: string): BaselineComparison {
  const opts = { minEffect: results.context.minEffect ?? DEFAULT_MIN_EFFECT, seed: results.context.seed ?? 1 };
  const byName = new Map(doc.benchmarks.map((b) => [b.name, b]));
  const comparisons: Comparison[] = [];
  const notCompared = (benchmark: string, reason: string, baselineValue: number, currentValue: number): Comparison => ({
    benchmark, speedup: Number.NaN, interval: [Number.NaN, Number.NaN], verdict: 'inconclusive', reason, baselineValue, currentValue,
    samples: { baseline: byName.get(benchmark)?.samples.length ?? 0, current: 0 },
  });
  for (const b of results.benchmarks) {
    const base = byName.get(b.name);
    if (base === undefined) comparisons.push(notCompared(b.name, 'not in the baseline', Number.NaN, b.state === 'completed' ? b.value : Number.NaN));
    else if (b.state === 'failed') comparisons.push(notCompared(b.name, `failed in this run: ${b.error}`, base.value, Number.NaN));
    else if (b.unit !== base.unit) comparisons.push(notCompared(b.name, `unit changed from ${base.unit} to ${b.unit}`, base.value, b.value));
    else comparisons.push(compareSamples(b.name, base.samples, b.samples, { ...opts, higherIsBetter: b.higherIsBetter }));
  }
  const run = new Set(results.benchmarks.map((b) => b.name));
  for (const base of doc.benchmarks) if (!run.has(base.name)) comparisons.push(notCompared(base.name, 'in the baseline but not run now', base.value, Number.NaN));
  const diffs = fingerprintDifferences(doc.fingerprint, results.context.fingerprint);
  const warnings = diffs.length === 0 ? [] : [`baseline '${doc.name}' was measured on another environment, so figures may differ for that reason alone: ${diffs.join('; ')}`];
  return {
    baselineName: doc.name, ...(path === undefined ? {} : { baselinePath: path }), comparisons, warnings,
    method: 'saved-baseline', note: SAVED_BASELINE_NOTE,
    regressions: comparisons.filter((c) => c.verdict === 'regression').length,
    improvements: comparisons.filter((c) => c.verdict === 'improvement').length,
  };
}

/** Gather per-process outcomes into one outcome per benchmark. */
export function aggregate(runs: readonly { results: Readonly<Record<string, { ok: boolean; value?: number; error?: string; unit: string }>> }[]): BenchmarkOutcome[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.results)))].sort();
  return names.map((name) => {
    const samples: number[] = [];
    const errors: string[] = [];
    let unit = 'ops/s';
    for (const r of runs) {
      const o = r.results[name];
      if (o === undefined) continue;
      unit = o.unit;
      if (o.ok && typeof o.value === 'number' && Number.isFinite(o.value)) samples.push(o.value);
      else errors.push(o.error ?? 'no value');
    }
    if (samples.length === 0) return { state: 'failed', name, unit, higherIsBetter: true, error: errors[0] ?? 'no process finished it', samples, errors };
    return { state: 'completed', name, unit, higherIsBetter: true, value: median(samples), samples, errors };
  });
}

