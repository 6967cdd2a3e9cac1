import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { baselinePath, checkBaselineName, readBaseline, writeBaseline, DEFAULT_BASELINE_DIR, type Baseline } from './baseline.js';
import { compareModules, resolveBenchModule } from './compare-modules.js';
import { BenchError } from './errors.js';
import {
  formatComparisonTable, formatSuiteTable, toBencherMetricFormat, toGithubActionBenchmark, toJsonReport, toMarkdown,
} from './reporters.js';
import type { BaselineComparison, SuiteResults } from './results.js';
import { PerformanceBenchmarkSuite, MAX_PROCESSES } from './suite.js';
import { MIN_SAMPLES_PER_SIDE } from './verdict.js';

export const EXIT_OK = 0;
export const EXIT_REGRESSION = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

interface RunFlags {
  quick?: boolean; processes?: number; save?: string; compare?: string; baselineDir: string; only?: string;
  json?: boolean; markdown?: string; githubBenchmark?: string; bencher?: string; minEffect?: number; rerun: boolean; debug?: boolean;
}

function intArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PROCESSES) throw new InvalidArgumentError(`expected an integer from 1 to ${MAX_PROCESSES}`);
  return n;
}
function fractionArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new InvalidArgumentError('expected a fraction between 0 and 1, e.g. 0.1');
  return n;
}

/** `--compare` takes a name in the baseline directory, or a path to a .json file. */
function loadBaseline(spec: string, dir: string): { doc: Baseline; path: string } {
  const path = spec.endsWith('.json') || spec.includes('/') ? spec : baselinePath(spec, dir);
  return { doc: readBaseline(path), path };
}

async function run(flags: RunFlags, io: CliIo): Promise<number> {
  if (flags.save !== undefined) checkBaselineName(flags.save);
  // a bad baseline fails here, before any measuring
  const baseline = flags.compare === undefined ? undefined : loadBaseline(flags.compare, flags.baselineDir);
  const suite = new PerformanceBenchmarkSuite({
    ...(flags.quick === true ? { quick: true } : {}),
    ...(flags.processes === undefined ? {} : { processes: flags.processes }),
    ...(flags.only === undefined ? {} : { only: flags.only }),
    ...(flags.minEffect === undefined ? {} : { minEffect: flags.minEffect }),
    baselineDir: flags.baselineDir,
    rerunFlagged: flags.rerun,
    onProgress: (line) => io.err(`${line}\n`),
  });
  let results: SuiteResults;
  let comparison: BaselineComparison | undefined;
  if (baseline === undefined) {
    results = await suite.runAll();
    suite.appendHistory(results);
  } else {
    ({ results, comparison } = await suite.compareToBaseline(baseline.doc));
    comparison = { ...comparison, baselinePath: baseline.path };
  }
  if (flags.json === true) io.out(`${JSON.stringify(toJsonReport(results, comparison), null, 2)}\n`);
  else {
    io.out(`${formatSuiteTable(results)}\n`);
    if (comparison !== undefined) io.out(`\n${formatComparisonTable(comparison)}\n`);
  }
  if (flags.markdown !== undefined) writeFileSync(flags.markdown, toMarkdown(results, comparison));
  if (flags.githubBenchmark !== undefined) writeFileSync(flags.githubBenchmark, `${JSON.stringify(toGithubActionBenchmark(results), null, 2)}\n`);
  if (flags.bencher !== undefined) writeFileSync(flags.bencher, `${JSON.stringify(toBencherMetricFormat(results), null, 2)}\n`);
  if (flags.save !== undefined) {
    const path = baselinePath(flags.save, flags.baselineDir);
    writeBaseline(path, results.toBaseline(flags.save));
    io.err(`baseline saved: ${path}\n`);
  }
  for (const w of comparison?.warnings ?? []) io.err(`warning: ${w}\n`);
  if (comparison !== undefined && comparison.regressions > 0) {
    io.err(`${comparison.regressions} regression(s) against '${comparison.baselineName}'\n`);
    return EXIT_REGRESSION;
  }
  return EXIT_OK;
}

interface CompareFlags {
  export?: string; name?: string; processes?: string; instances?: string; batches?: string; batchTime?: string; warmupTime?: string;
  cpu?: string; minEffect?: number; rerun: boolean; json?: boolean; markdown?: string; debug?: boolean;
}

/** An integer flag of `compare`, checked in the action so a bad one is a BenchError with a code. */
function intFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new BenchError('BENCH_BAD_OPTION', `${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

function cpuFlag(value: string | undefined): number | 'auto' | null | undefined {
  if (value === undefined || value === 'auto') return value;
  if (value === 'none') return null;
  if (/^\d+$/.test(value)) return Number(value);
  throw new BenchError('BENCH_BAD_OPTION', `--cpu must be a CPU number, 'auto' or 'none', got '${value}'`);
}

async function compare(baselineSpec: string, candidateSpec: string, flags: CompareFlags, io: CliIo): Promise<number> {
  // every check before any measuring
  const processes = intFlag('--processes', flags.processes, MIN_SAMPLES_PER_SIDE, MAX_PROCESSES);
  const instances = intFlag('--instances', flags.instances, 1, 20);
  const batches = intFlag('--batches', flags.batches, 1, 100);
  const batchTime = intFlag('--batch-time', flags.batchTime, 1, 10_000);
  const warmupTime = intFlag('--warmup-time', flags.warmupTime, 0, 10_000);
  const cpu = cpuFlag(flags.cpu);
  const baseline = await resolveBenchModule(baselineSpec, flags.export);
  const candidate = await resolveBenchModule(candidateSpec, flags.export);
  const { results, comparison, sideBySide } = await compareModules({
    baseline, candidate,
    ...(flags.name === undefined ? {} : { name: flags.name }),
    ...(processes === undefined ? {} : { processes }),
    ...(instances === undefined ? {} : { instances }),
    ...(batches === undefined ? {} : { batches }),
    ...(batchTime === undefined ? {} : { batchTime }),
    ...(warmupTime === undefined ? {} : { warmupTime }),
    ...(cpu === undefined ? {} : { cpu }),
    ...(flags.minEffect === undefined ? {} : { minEffect: flags.minEffect }),
    rerun: flags.rerun,
    onSample: (ratio, i) => io.err(`process ${i + 1}: ${ratio === null ? 'failed' : `${candidate.spec} / ${baseline.spec} = ${ratio.toFixed(3)}x`}\n`),
  });
  if (flags.json === true) {
    io.out(`${JSON.stringify({ ...(toJsonReport(results, comparison) as object), sideBySide }, null, 2)}\n`);
  } else {
    io.out(`${formatSuiteTable(results)}\n\n${formatComparisonTable(comparison)}\n`);
  }
  if (flags.markdown !== undefined) writeFileSync(flags.markdown, toMarkdown(results, comparison));
  if (comparison.regressions > 0) {
    io.err(`regression: ${candidate.spec} is slower than ${baseline.spec} (${comparison.comparisons[0]?.reason ?? ''})\n`);
    return EXIT_REGRESSION;
  }
  return EXIT_OK;
}

/** The whole CLI as a function: parses `argv` (without node and script), returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  let code = EXIT_OK;
  const debug = argv.includes('--debug');
  const program = new Command('perf-bench')
    .description('Benchmark suite with verdicts from fresh processes: exit 1 on a confirmed regression, 2 on bad input, 0 otherwise.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s) => io.err(s.split('\n')[0] + '\n') });
  program.command('run', { isDefault: true })
    .description('run the suite (optionally save or compare a baseline)')
    .option('--quick', 'short run for tests and CI')
    .addOption(new Option('--processes <K>', 'fresh processes per run (default 5, quick 3)').argParser(intArg))
    .option('--save <NAME>', 'save the results as baseline NAME')
    .option('--compare <NAME>', 'compare with baseline NAME (or a path to a .json baseline)')
    .option('--baseline-dir <DIR>', 'directory of named baselines', DEFAULT_BASELINE_DIR)
    .option('--only <REGEX>', 'only benchmarks whose name matches')
    .option('--json', 'print a JSON report instead of tables')
    .option('--markdown <FILE>', 'write a markdown report')
    .option('--github-benchmark <FILE>', 'write github-action-benchmark customBiggerIsBetter JSON')
    .option('--bencher <FILE>', 'write Bencher Metric Format JSON')
    .addOption(new Option('--min-effect <FRACTION>', 'smallest change in run time that counts').argParser(fractionArg))
    .option('--no-rerun', 'do not re-run flagged benchmarks before failing')
    .option('--debug', 'show stack traces')
    .action(async (flags: RunFlags) => { code = await run(flags, io); });
  program.command('compare')
    .description('time two module files side by side in fresh processes (interleavedSideBySide); exit 1 if the candidate is a confirmed regression')
    .argument('<baseline>', 'module file of the reference implementation')
    .argument('<candidate>', 'module file of the implementation under test')
    .option('--export <NAME>', "function export to time in both modules (default: 'bench', else the default export)")
    .option('--name <NAME>', 'name of the comparison in reports (default: "<candidate> vs <baseline>")')
    .option('--processes <K>', `fresh processes, each timing both modules (${MIN_SAMPLES_PER_SIDE} to ${MAX_PROCESSES}; default 5)`)
    .option('--instances <N>', 'imports of each module per process (default 5)')
    .option('--batches <N>', 'alternated batches per process (default 6)')
    .option('--batch-time <MS>', 'time per module instance per batch, ms (default 10)')
    .option('--warmup-time <MS>', 'warm-up per module instance, ms (default 30)')
    .option('--cpu <N|auto|none>', "pin the processes to a CPU, the quickest one ('auto', default) or none")
    .addOption(new Option('--min-effect <FRACTION>', 'smallest change in run time that counts (default 0.1)').argParser(fractionArg))
    .option('--no-rerun', 'do not re-run a flagged result before failing')
    .option('--json', 'print a JSON report instead of tables')
    .option('--markdown <FILE>', 'write a markdown report')
    .option('--debug', 'show stack traces')
    .action(async (baselineSpec: string, candidateSpec: string, flags: CompareFlags) => { code = await compare(baselineSpec, candidateSpec, flags, io); });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (err instanceof BenchError) {
      io.err(`perf-bench: ${err.code}: ${err.message}\n`);
      if (debug && err.stack !== undefined) io.err(`${err.stack}\n`);
      return EXIT_USAGE;
    }
    io.err(`perf-bench: ${err instanceof Error ? err.message : String(err)}${debug ? '' : ' (run with --debug for the stack)'}\n`);
    if (debug && err instanceof Error && err.stack !== undefined) io.err(`${err.stack}\n`);
    return EXIT_USAGE;
  }
}
