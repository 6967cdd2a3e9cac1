import { Command, CommanderError, Option } from 'commander';
import { TunerError } from '../errors.js';
import { createOutput, type Output } from './output.js';
import { probeCommand } from './probe.js';

export const EXIT_OK = 0;
/** The work ran and found a failure (a benchmark regression). */
export const EXIT_FAILURE = 1;
/** Bad input or usage: nothing was done. */
export const EXIT_USAGE = 2;

const EXAMPLES = `
Examples:
  $ perf-tune                                   tune this project (probe, profile, calibrate, report)
  $ perf-tune tune --no-bench --json            the tuneFull result as JSON, no measuring steps
  $ perf-tune probe                             what this machine really offers (container limits included)
  $ perf-tune profile select --project .        which profile fits, and the rule that chose it
  $ perf-tune cache simulate --trace t.gz --policy lru,wtinylfu --size 1000,5000 --json
  $ perf-tune workers calibrate --task ./task.js --inputs inputs.json
  $ perf-tune report                            .perf/tuning.json -> .perf/report.html

Exit codes: 0 done, 1 the work found a failure (a benchmark regression), 2 bad input or usage.
Environment: NO_COLOR disables colour; progress bars show on an interactive stderr only.`;

interface GlobalOptions { json?: boolean; debug?: boolean; color?: boolean }

/** The perf-tune program; `commands` lets each command group register itself. */
export function buildProgram(register: readonly ((program: Command, out: () => Output) => void)[]): Command {
  const program = new Command('perf-tune')
    .description('Measured performance tuning for tools that run a command over many files.')
    .option('--json', 'print machine-readable JSON (stable shapes)')
    .option('--debug', 'show stack traces of errors')
    .option('--no-color', 'disable colour (NO_COLOR works too)')
    .showHelpAfterError('(run perf-tune --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride();
  const out = (): Output => {
    const g = program.opts<GlobalOptions>();
    return createOutput({ json: g.json === true, ...(g.color === false ? { color: false } : {}) });
  };
  program.command('probe')
    .description('probe the machine: effective cores, memory limit, caches, disk, each with its source')
    .addOption(new Option('--measure-disk', 'also measure disk speed on a temp file (about a second)'))
    .option('--json', 'print JSON')
    .action(async (opts: { measureDisk?: boolean; json?: boolean }) => {
      await probeCommand(opts.json ? createOutput({ json: true }) : out(), opts);
    });
  for (const add of register) add(program, out);
  return program;
}

/** Runs the CLI: one clear line per error, exit 2 for bad input, no stack trace unless --debug. */
export async function main(argv: readonly string[], register: Parameters<typeof buildProgram>[0]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram(register);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT_OK : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE; // commander already printed the one-line reason
    }
    return reportError(error, debug);
  }
}

export function reportError(error: unknown, debug: boolean): number {
  const coded = error as { code?: unknown; message?: unknown; hint?: unknown };
  const code = typeof coded.code === 'string' ? coded.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof TunerError && error.hint ? `\n  ${error.hint}` : '';
  process.stderr.write(`perf-tune: ${message}${code ? ` [${code}]` : ''}${hint}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (!code) process.stderr.write('  (an unexpected error: run again with --debug for the stack trace)\n');
  return code ? EXIT_USAGE : EXIT_FAILURE;
}
