import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appendHistory, DEFAULT_BASELINE_DIR, type Baseline } from './baseline.js';
import type { CacheSource } from './caches.js';
import { runChild, DEFAULT_CHILD_TIMEOUT_MS } from './child.js';
import { BenchError } from './errors.js';
import { environmentFingerprint, type EnvironmentFingerprint } from './fingerprint.js';
import { DEFAULT_ESTIMATOR, type Estimator } from './measure.js';
import { aggregate, SuiteResults, type BaselineComparison } from './results.js';
import { runProcess, type ProcessRun, type RunConfig } from './runner.js';
import { confirmComparison, DEFAULT_MIN_EFFECT } from './verdict.js';
import { join, dirname } from 'node:path';

export interface SuiteOptions {
  /** Short runs for tests and CI: 3 processes, 60 ms per benchmark, small inputs, pools of 1 and 2. @default false */
  readonly quick?: boolean;
  /** Fresh processes (per-process estimates) per run. @default 5 (quick: 3) */
  readonly processes?: number;
  /** `process`: one fresh child process per repetition; `inline`: repetitions in this process (needed for function factories). @default 'process' */
  readonly isolation?: 'process' | 'inline';
  /** Cache implementations by label. @default { 'lru-cache': builtin, Map: builtin FIFO Map } */
  readonly caches?: Readonly<Record<string, CacheSource | 'lru-cache' | 'Map'>>;
  /** tinypool sizes for the parallel benchmarks. @default [1, 2, 4] (quick: [1, 2]) */
  readonly poolSizes?: readonly number[];
  /** Only benchmarks whose name matches (RegExp source). */
  readonly only?: string;
  /** tinybench sampling time per benchmark, ms. @default 300 (quick: 60) */
  readonly time?: number;
  /** tinybench warm-up per benchmark, ms. @default 100 (quick: 20) */
  readonly warmupTime?: number;
  /** Per-process robust estimate from the latency samples. @default 'min' */
  readonly estimator?: Estimator;
  /** Minimum effect for verdicts, fraction of run time. @default 0.1 */
  readonly minEffect?: number;
  /** Seed for task order and bootstrap. @default 1 */
  readonly seed?: number;
  /** Per child process, ms. @default 120000 */
  readonly timeoutMs?: number;
  /** Where named baselines live. @default '.perf/bench/baselines' (relative to cwd) */
  readonly baselineDir?: string;
  /** JSON-lines history file; null to keep none. @default '<baselineDir>/../history.jsonl' */
  readonly historyFile?: string | null;
  /** Re-run flagged benchmarks in K fresh processes; the flag stands only if the re-run alone gives it again. @default true */
  readonly rerunFlagged?: boolean;
  /** Progress lines (e.g. to stderr). */
  readonly onProgress?: (line: string) => void;
  /** Injected fingerprint (tests); probed with @perf/system-probe otherwise. */
  readonly fingerprint?: EnvironmentFingerprint;
}

export const DEFAULT_SUITE_PROCESSES = 5;
export const QUICK_SUITE_PROCESSES = 3;
export const MAX_PROCESSES = 50;
export const DEFAULT_CACHES = { 'lru-cache': 'lru-cache', Map: 'Map' } as const;

const CHILD = new URL('../dist/suite-child.js', import.meta.url);
const WORKER = new URL('../dist/parallel-task.js', import.meta.url);
const GROUP_RE = { cache: '^cache/', parallel: '^parallel/', memory: '^memory/', io: '^io/' } as const;

/** The seed's benchmark suite: cache, parallel execution, memory allocation, I/O throughput. */
export class PerformanceBenchmarkSuite {
  readonly options: SuiteOptions;
  private readonly processes: number;

  constructor(options: SuiteOptions = {}) {
    this.options = options;
    this.processes = options.processes ?? (options.quick === true ? QUICK_SUITE_PROCESSES : DEFAULT_SUITE_PROCESSES);
    if (!Number.isInteger(this.processes) || this.processes < 1 || this.processes > MAX_PROCESSES) {
      throw new BenchError('BENCH_BAD_OPTION', `processes must be an integer from 1 to ${MAX_PROCESSES}, got ${String(options.processes)}`);
    }
    if (options.only !== undefined) {
      try { new RegExp(options.only); } catch { throw new BenchError('BENCH_BAD_OPTION', `only: ${JSON.stringify(options.only)} is not a valid regular expression`); }
    }
    if ((options.isolation ?? 'process') === 'process') {
      for (const [label, source] of Object.entries(options.caches ?? {})) {
        if (typeof source === 'function') {
          throw new BenchError('BENCH_BAD_OPTION', `cache '${label}' is a function, which cannot cross into a fresh process: pass { module, export } or use isolation: 'inline'`);
        }
      }
    }
  }

  runAll(): Promise<SuiteResults> { return this.run(this.options.only); }
  benchmarkCache(): Promise<SuiteResults> { return this.run(GROUP_RE.cache); }
  benchmarkParallelExecution(): Promise<SuiteResults> { return this.run(GROUP_RE.parallel); }
  benchmarkMemory(): Promise<SuiteResults> { return this.run(GROUP_RE.memory); }
  benchmarkIo(): Promise<SuiteResults> { return this.run(GROUP_RE.io); }

  /**
   * Run everything, compare with a baseline (object, name, or the default one), re-run the flagged
   * benchmarks in fresh processes and keep a flag only when the re-run agrees. Appends to the history.
   */
  async compareToBaseline(baseline?: Baseline | SuiteResults | string): Promise<{ results: SuiteResults; comparison: BaselineComparison }> {
    // read (and validate) the baseline before spending time measuring
    const probe = new SuiteResults([], this.context(await this.fingerprint(), []));
    if (typeof baseline === 'string' || baseline === undefined) probe.compareToBaseline(baseline);
    const results = await this.runAll();
    let comparison = results.compareToBaseline(baseline);
    const flagged = comparison.comparisons.filter((c) => c.verdict === 'regression' || c.verdict === 'improvement');
    if (flagged.length > 0 && (this.options.rerunFlagged ?? true)) {
      this.options.onProgress?.(`re-running ${flagged.length} flagged benchmark(s): ${flagged.map((c) => c.benchmark).join(', ')}`);
      const only = `^(${flagged.map((c) => c.benchmark.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`;
      const rerun = (await this.run(only)).compareToBaseline(baseline);
      const byName = new Map(rerun.comparisons.map((c) => [c.benchmark, c]));
      const comparisons = comparison.comparisons.map((c) => {
        const again = flagged.includes(c) ? byName.get(c.benchmark) : undefined;
        return again === undefined ? c : confirmComparison(c, again);
      });
      comparison = {
        ...comparison, comparisons,
        regressions: comparisons.filter((c) => c.verdict === 'regression').length,
        improvements: comparisons.filter((c) => c.verdict === 'improvement').length,
      };
    }
    this.appendHistory(results, comparison);
    return { results, comparison };
  }

  /** Run the benchmarks matching `only` in K processes and aggregate. */
  async run(only?: string): Promise<SuiteResults> {
    const fingerprint = await this.fingerprint();
    const o = this.options;
    const quick = o.quick ?? false;
    const base: Omit<RunConfig, 'seed'> = {
      quick,
      caches: this.cacheSpecs(),
      poolSizes: o.poolSizes ?? (quick ? [1, 2] : [1, 2, 4]),
      ...(only === undefined ? {} : { only }),
      time: o.time ?? (quick ? 60 : 300),
      warmupTime: o.warmupTime ?? (quick ? 20 : 100),
      estimator: o.estimator ?? DEFAULT_ESTIMATOR,
    };
    const runs: ProcessRun[] = [];
    const failures: string[] = [];
    for (let i = 0; i < this.processes; i++) {
      const config: RunConfig = { ...base, seed: (o.seed ?? 1) * 7919 + i };
      if ((o.isolation ?? 'process') === 'inline') {
        runs.push(await runProcess(config, WORKER));
      } else {
        const outcome = await runChild({ script: CHILD, args: [JSON.stringify(config)] }, o.timeoutMs ?? DEFAULT_CHILD_TIMEOUT_MS);
        if (outcome.ok && typeof outcome.output === 'object' && outcome.output !== null && 'results' in outcome.output) runs.push(outcome.output as ProcessRun);
        else failures.push(`process ${i + 1}: ${outcome.ok ? 'printed no results' : outcome.error}`);
      }
      o.onProgress?.(`process ${i + 1}/${this.processes} done${failures.length > 0 ? ` (${failures.length} failed)` : ''}`);
    }
    return new SuiteResults(aggregate(runs), this.context(fingerprint, failures));
  }

  private context(fingerprint: EnvironmentFingerprint, processFailures: string[]): ConstructorParameters<typeof SuiteResults>[1] {
    return {
      fingerprint, date: new Date().toISOString(), estimator: this.options.estimator ?? DEFAULT_ESTIMATOR,
      processes: this.processes, processFailures,
      baselineDir: this.options.baselineDir ?? DEFAULT_BASELINE_DIR,
      minEffect: this.options.minEffect ?? DEFAULT_MIN_EFFECT,
      seed: this.options.seed ?? 1,
    };
  }

  private fingerprintPromise: Promise<EnvironmentFingerprint> | undefined;
  private fingerprint(): Promise<EnvironmentFingerprint> {
    if (this.options.fingerprint !== undefined) return Promise.resolve(this.options.fingerprint);
    this.fingerprintPromise ??= environmentFingerprint();
    return this.fingerprintPromise;
  }

  private cacheSpecs(): RunConfig['caches'] {
    const out: Record<string, RunConfig['caches'][string]> = {};
    for (const [label, source] of Object.entries(this.options.caches ?? DEFAULT_CACHES)) {
      if (typeof source === 'object' && (source.module.startsWith('.') || isAbsolute(source.module))) {
        out[label] = { ...source, module: pathToFileURL(resolve(source.module)).href };
      } else out[label] = source;
    }
    return out;
  }

  /** Append a run (and its comparison) to the history file. */
  appendHistory(results: SuiteResults, comparison?: BaselineComparison): void {
    const file = this.options.historyFile === undefined
      ? join(dirname(resolve(this.options.baselineDir ?? DEFAULT_BASELINE_DIR)), 'history.jsonl')
      : this.options.historyFile;
    if (file === null) return;
    appendHistory(file, {
      date: results.context.date, fingerprint: results.context.fingerprint, processes: results.context.processes,
      results: results.benchmarks.map((b) => ({ name: b.name, unit: b.unit, state: b.state, ...(b.state === 'completed' ? { value: b.value } : { error: b.error }), samples: b.samples })),
      ...(comparison === undefined ? {} : { baseline: comparison.baselineName, comparisons: comparison.comparisons.map((c) => ({ benchmark: c.benchmark, speedup: c.speedup, interval: c.interval, verdict: c.verdict })) }),
    });
  }
}
