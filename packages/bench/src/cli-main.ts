import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { baselinePath, checkBaselineName, readBaseline, writeBaseline, DEFAULT_BASELINE_DIR, type Baseline } from './baseline.js';
import { BenchError } from './errors.js';
import {
  formatComparisonTable, formatSuiteTable, toBencherMetricFormat, toGithubActionBenchmark, toJsonReport, toMarkdown,
} from './reporters.js';
import type { BaselineComparison, SuiteResults } from './results.js';
import { PerformanceBenchmarkSuite, MAX_PROCESSES } from './suite.js';

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
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (err instanceof BenchError) {
      io.err(`perf-bench: ${err.message}\n`);
      if (debug && err.stack !== undefined) io.err(`${err.stack}\n`);
      return EXIT_USAGE;
    }
    io.err(`perf-bench: ${err instanceof Error ? err.message : String(err)}${debug ? '' : ' (run with --debug for the stack)'}\n`);
    if (debug && err instanceof Error && err.stack !== undefined) io.err(`${err.stack}\n`);
    return EXIT_USAGE;
  }
}
