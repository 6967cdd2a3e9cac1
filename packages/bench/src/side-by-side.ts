import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pickCpu } from './affinity.js';
import { runChild, DEFAULT_CHILD_TIMEOUT_MS, type ChildScript } from './child.js';
import { BenchError } from './errors.js';
import { DEFAULT_BATCHES, DEFAULT_BATCH_TIME_MS, DEFAULT_INTERLEAVE_WARMUP_MS } from './interleave.js';
import type { BenchResult } from './report.js';
import { median } from './stats.js';
import { comparePairs, confirmComparison, DEFAULT_MIN_EFFECT, type Comparison, type Verdict } from './verdict.js';

/** One side: a child script (fresh process per repetition) or, less isolated, a function called here. */
export type SideSpec =
  | (ChildScript & { readonly label: string; readonly fn?: undefined })
  | { readonly label: string; readonly fn: () => number | Promise<number>; readonly script?: undefined };

export interface SideBySideOptions {
  readonly name: string;
  /** The side under test. */
  readonly a: SideSpec;
  /** The reference. */
  readonly b: SideSpec;
  /** Processes (repetitions) per side. @default 5 */
  readonly processes?: number;
  /** Unit of the children's values. @default 'ops/s' */
  readonly unit?: string;
  /** @default true (ops/s); false for times */
  readonly higherIsBetter?: boolean;
  /** Per child process. @default 120000 */
  readonly timeoutMs?: number;
  /** Gate for the verdict, fraction of run time. @default 0.1 */
  readonly minEffect?: number;
  /** Bootstrap seed. @default 1 */
  readonly seed?: number;
  /**
   * Pin every child process of both sides to one CPU: a CPU number, `'auto'` (the quickest in a short
   * probe, `pickCpu`; unpinned where `taskset` is unavailable) or `null` (not pinned). Function sides are
   * not affected (and with two function sides nothing is probed).
   * @default 'auto'
   */
  readonly cpu?: number | 'auto' | null;
  /**
   * Re-run a flagged result (regression or improvement) in `processes` more alternated process pairs; the
   * flag stands only if the re-run alone gives it again (`confirmComparison`), else `inconclusive`.
   * @default true
   */
  readonly rerun?: boolean;
  /** Called after each repetition (for progress lines). */
  readonly onSample?: (side: 'a' | 'b', value: number | null, index: number) => void;
}

export interface SideSummary {
  readonly label: string;
  /** Median of the per-process values. */
  readonly median: number;
  /** Per-process values of the first run, in run order (a failed repetition is missing). */
  readonly samples: readonly number[];
  /** Errors of repetitions that crashed, hung or printed no value. */
  readonly failures: readonly string[];
}

export interface SideBySideResult {
  readonly name: string;
  readonly unit: string;
  readonly a: SideSummary;
  readonly b: SideSummary;
  /**
   * median(a) / median(b) of the first run, as measured (not direction-adjusted); for `interleavedSideBySide`
   * the median of the first run's per-process ratios.
   */
  readonly ratio: number;
  /** `interleavedSideBySide` only: each process's ratio a/b in the first run (a failed process is missing). */
  readonly processRatios?: readonly number[];
  /**
   * a's speed relative to b (above 1: a faster): exp(Hodges-Lehmann of the per-pair log-ratios), with its
   * paired bootstrap interval; from the re-run when a flagged result was re-run.
   */
  readonly speedup: number;
  readonly interval: readonly [number, number];
  /** a judged against b as the baseline (`comparePairs`, then `confirmComparison` for a flagged result). */
  readonly verdict: Verdict;
  readonly reason: string;
  /** Process pairs (a and b of one round, both measured) the first run's verdict used. */
  readonly pairs: number;
  /** Set when a flagged result was re-run: whether the re-run gave the same verdict. */
  readonly confirmed?: boolean;
  /** The re-run's sides, when there was one. */
  readonly rerun?: { readonly a: SideSummary; readonly b: SideSummary; readonly pairs: number };
  /** The CPU the children were pinned to, or null. */
  readonly cpu: number | null;
  /** Why that CPU (or none). */
  readonly cpuReason: string;
}

export const DEFAULT_PROCESSES = 5;
/** Module instances per side per process in `interleavedSideBySide`. */
export const DEFAULT_INSTANCES = 5;

function valueOf(output: unknown): number | null {
  if (typeof output === 'number') return output;
  if (output !== null && typeof output === 'object' && typeof (output as { value?: unknown }).value === 'number') {
    return (output as { value: number }).value;
  }
  return null;
}

async function runSide(side: SideSpec, timeoutMs: number, cpu: number | null): Promise<{ value: number } | { error: string }> {
  if (side.fn !== undefined) {
    try {
      return { value: await side.fn() };
    } catch (err) {
      return { error: `${side.label}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const outcome = await runChild(cpu === null ? side : { ...side, cpu }, timeoutMs);
  if (!outcome.ok) return { error: `${side.label}: ${outcome.error}` };
  const value = valueOf(outcome.output);
  if (value === null || !Number.isFinite(value)) {
    return { error: `${side.label}: the last JSON line has no finite number or { value: number } (got ${JSON.stringify(outcome.output)})` };
  }
  return { value };
}

interface Rounds {
  /** Per round (process pair), the value of each side, or null when that repetition failed. */
  readonly a: (number | null)[];
  readonly b: (number | null)[];
  readonly failures: { readonly a: string[]; readonly b: string[] };
}

async function measureRounds(options: SideBySideOptions, processes: number, first: number, timeoutMs: number, cpu: number | null): Promise<Rounds> {
  const rounds: Rounds = { a: [], b: [], failures: { a: [], b: [] } };
  for (let i = first; i < first + processes; i++) {
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const key of order) {
      const r = await runSide(options[key], timeoutMs, cpu);
      rounds[key].push('value' in r ? r.value : null);
      if (!('value' in r)) rounds.failures[key].push(r.error);
      options.onSample?.(key, 'value' in r ? r.value : null, i);
    }
  }
  return rounds;
}

/** Both sides' values of the rounds where both were measured (a pair with a failed side is dropped). */
function pairsOf(rounds: Rounds): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  rounds.a.forEach((x, i) => {
    const y = rounds.b[i];
    if (x !== null && y !== null) { a.push(x); b.push(y); }
  });
  return { a, b };
}

const measured = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);

function checkCpuOption(fn: string, name: string, cpu: number | 'auto' | null | undefined): number | 'auto' | null {
  const cpuOption = cpu === undefined ? 'auto' : cpu;
  if (cpuOption !== null && cpuOption !== 'auto' && !(Number.isInteger(cpuOption) && cpuOption >= 0)) {
    throw new BenchError('BENCH_BAD_OPTION', `${fn}(${name}): cpu must be a CPU number (0, 1, ...), 'auto' or null, got ${String(cpuOption)}`);
  }
  return cpuOption;
}

async function chooseCpu(cpuOption: number | 'auto' | null, timeoutMs: number): Promise<{ cpu: number | null; cpuReason: string }> {
  if (cpuOption === 'auto') {
    const c = await pickCpu({ timeoutMs });
    return { cpu: c.cpu, cpuReason: c.reason };
  }
  if (cpuOption !== null) return { cpu: cpuOption, cpuReason: `pinned to CPU ${cpuOption} (asked for)` };
  return { cpu: null, cpuReason: 'not pinned (cpu: null)' };
}

/**
 * Run two sides in alternated fresh processes (a b, b a, a b, ...; each round is one process pair), by
 * default pinned to the CPU `pickCpu()` finds quickest, and decide with the paired rule (`comparePairs`:
 * Hodges-Lehmann of the per-pair log-ratios, bootstrap over whole pairs). A flagged result is re-run in
 * as many fresh pairs and stands only if the re-run repeats it. In the package's experiment (README, "The
 * experiment") this design met the targets for 3 of 4 benchmarks when the pinned CPU was quiet, not otherwise;
 * `interleavedSideBySide` (both sides in each process) met them under slow episodes too.
 */
export async function sideBySide(options: SideBySideOptions): Promise<SideBySideResult> {
  const processes = options.processes ?? DEFAULT_PROCESSES;
  if (!Number.isInteger(processes) || processes < 1) {
    throw new BenchError('BENCH_BAD_OPTION', `sideBySide(${options.name}): processes must be a positive integer, got ${processes}`);
  }
  for (const key of ['a', 'b'] as const) {
    const side = options[key] as { label: string; fn?: unknown; script?: unknown };
    if (side.fn === undefined && side.script === undefined) {
      throw new BenchError('BENCH_BAD_OPTION', `sideBySide(${options.name}): side ${key} (${side.label}) needs a script or a fn`);
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHILD_TIMEOUT_MS;
  const cpuOption = checkCpuOption('sideBySide', options.name, options.cpu);
  const hasChild = options.a.fn === undefined || options.b.fn === undefined;

  const { cpu, cpuReason } = hasChild ? await chooseCpu(cpuOption, timeoutMs) : { cpu: null, cpuReason: 'not pinned: both sides are functions in this process' };
  const higherIsBetter = options.higherIsBetter ?? true;
  const seed = options.seed ?? 1;
  const decide = (rounds: Rounds, s: number): Comparison => {
    const p = pairsOf(rounds);
    return comparePairs(options.name, p.b, p.a, { higherIsBetter, minEffect: options.minEffect ?? DEFAULT_MIN_EFFECT, seed: s });
  };
  const summary = (rounds: Rounds, key: 'a' | 'b'): SideSummary => ({
    label: options[key].label, median: median(measured(rounds[key])), samples: measured(rounds[key]), failures: rounds.failures[key],
  });

  const first = await measureRounds(options, processes, 0, timeoutMs, cpu);
  let cmp = decide(first, seed);
  let rerun: SideBySideResult['rerun'];
  if ((cmp.verdict === 'regression' || cmp.verdict === 'improvement') && (options.rerun ?? true)) {
    const again = await measureRounds(options, processes, processes, timeoutMs, cpu);
    cmp = confirmComparison(cmp, decide(again, seed + 1));
    rerun = { a: summary(again, 'a'), b: summary(again, 'b'), pairs: pairsOf(again).a.length };
  }
  const a = summary(first, 'a');
  const b = summary(first, 'b');
  return {
    name: options.name,
    unit: options.unit ?? 'ops/s',
    a,
    b,
    ratio: a.median / b.median,
    speedup: cmp.speedup,
    interval: cmp.interval,
    verdict: cmp.verdict,
    reason: cmp.reason,
    pairs: pairsOf(first).a.length,
    ...(cmp.confirmed === undefined ? {} : { confirmed: cmp.confirmed }),
    ...(rerun === undefined ? {} : { rerun }),
    cpu,
    cpuReason,
  };
}

/** One side of `interleavedSideBySide`: a module whose export is timed (imported in each fresh process). */
export interface ModuleSide {
  readonly label: string;
  /** Path (relative to cwd), file URL or package specifier of the module. */
  readonly module: string | URL;
  /** Name of the exported function. @default 'bench' */
  readonly export?: string;
}

export interface InterleavedSideBySideOptions {
  readonly name: string;
  /** The side under test. */
  readonly a: ModuleSide;
  /** The reference. */
  readonly b: ModuleSide;
  /** Fresh processes; each measures both sides. @default 5 */
  readonly processes?: number;
  /**
   * Imports of each side's module per process (file modules only; each its own instance with its own JIT
   * feedback, measured in turn, the side's value their median): evens out benchmarks whose speed depends on the
   * JIT outcome. @default 5
   */
  readonly instances?: number;
  /** Alternated batches per process. @default 6 */
  readonly batches?: number;
  /** Time per instance per batch, ms. @default 10 */
  readonly batchTime?: number;
  /** Warm-up per instance in each process, ms. @default 30 */
  readonly warmupTime?: number;
  /** Operations one call performs. @default 1 */
  readonly opsPerCall?: number;
  readonly unit?: string;
  /** Per child process. @default 120000 */
  readonly timeoutMs?: number;
  /** @default 0.1 */
  readonly minEffect?: number;
  /** @default 1 */
  readonly seed?: number;
  /** As for `sideBySide`. @default 'auto' */
  readonly cpu?: number | 'auto' | null;
  /** Re-run a flagged result in `processes` more fresh processes. @default true */
  readonly rerun?: boolean;
  /** Called after each process with its a/b ratio (null: it failed). */
  readonly onSample?: (ratio: number | null, index: number) => void;
}

// compiled twin, as for measureInIsolates: the child always runs from dist/
const INTERLEAVE_CHILD = new URL('../dist/interleave-child.js', import.meta.url);

function moduleHref(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (module.startsWith('file:')) return module;
  return isAbsolute(module) || module.startsWith('.') ? pathToFileURL(resolve(module)).href : module;
}

/**
 * Both sides in each of K fresh processes: every process imports both modules and times their exports
 * alternately in short batches (`measureInterleaved`), side a first in even processes and b first in odd
 * ones, and gives one per-process ratio a/b; the verdict is `comparePairs` over the processes (Hodges-Lehmann
 * of the per-process log-ratios, bootstrap over processes, 10% gate), a flagged result re-run in K more
 * processes. A change of machine speed during a process hits both sides and cancels in its ratio: in the
 * package's experiment this is the design that met the targets on this noisy machine (README, "The
 * experiment"). Needs both versions importable at once (two builds, two package versions, two functions);
 * where one side only exists as a saved result, use the suite's `compareToBaseline` (weaker, labelled).
 */
export async function interleavedSideBySide(options: InterleavedSideBySideOptions): Promise<SideBySideResult> {
  const processes = options.processes ?? DEFAULT_PROCESSES;
  if (!Number.isInteger(processes) || processes < 1) {
    throw new BenchError('BENCH_BAD_OPTION', `interleavedSideBySide(${options.name}): processes must be a positive integer, got ${processes}`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHILD_TIMEOUT_MS;
  const { cpu, cpuReason } = await chooseCpu(checkCpuOption('interleavedSideBySide', options.name, options.cpu), timeoutMs);
  const seed = options.seed ?? 1;
  const side = (s: ModuleSide): { href: string; export: string } => ({ href: moduleHref(s.module), export: s.export ?? 'bench' });
  // per process: both sides' throughputs and the process's ratio a/b (measureInterleaved: median batch ratio)
  type Measured = Rounds & { readonly ratios: (number | null)[] };
  const measure = async (first: number): Promise<Measured> => {
    const rounds: Measured = { a: [], b: [], ratios: [], failures: { a: [], b: [] } };
    for (let i = first; i < first + processes; i++) {
      const job = {
        a: side(options.a), b: side(options.b), instances: options.instances ?? DEFAULT_INSTANCES,
        options: {
          batches: options.batches ?? DEFAULT_BATCHES, batchTime: options.batchTime ?? DEFAULT_BATCH_TIME_MS,
          warmupTime: options.warmupTime ?? DEFAULT_INTERLEAVE_WARMUP_MS, opsPerCall: options.opsPerCall ?? 1, first: i % 2 === 0 ? 'a' : 'b',
        },
      };
      const r = await runChild({ script: INTERLEAVE_CHILD, args: [JSON.stringify(job)], ...(cpu === null ? {} : { cpu }) }, timeoutMs);
      const out = r.ok ? (r.output as { a?: unknown; b?: unknown; ratio?: unknown }) : null;
      const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
      if (out !== null && finite(out.a) && finite(out.b) && finite(out.ratio)) {
        rounds.a.push(out.a); rounds.b.push(out.b); rounds.ratios.push(out.ratio);
        options.onSample?.(out.ratio, i);
      } else {
        const error = r.ok ? `process ${i}: no { a, b, ratio } in its output (got ${JSON.stringify(r.output)})` : `process ${i}: ${r.error}`;
        rounds.a.push(null); rounds.b.push(null); rounds.ratios.push(null); rounds.failures.a.push(error); rounds.failures.b.push(error);
        options.onSample?.(null, i);
      }
    }
    return rounds;
  };
  // comparePairs over (b_i, b_i * ratio_i): its per-pair log-ratio is exactly the process's log ratio
  const decide = (rounds: Measured, s: number): Comparison => {
    const base: number[] = [];
    const cur: number[] = [];
    rounds.ratios.forEach((q, i) => {
      const y = rounds.b[i];
      if (q !== null && y !== null) { base.push(y); cur.push(y * q); }
    });
    return comparePairs(options.name, base, cur, { minEffect: options.minEffect ?? DEFAULT_MIN_EFFECT, seed: s });
  };
  const summary = (rounds: Rounds, key: 'a' | 'b'): SideSummary => ({
    label: options[key].label, median: median(measured(rounds[key])), samples: measured(rounds[key]), failures: rounds.failures[key],
  });
  const first = await measure(0);
  let cmp = decide(first, seed);
  let rerun: SideBySideResult['rerun'];
  if ((cmp.verdict === 'regression' || cmp.verdict === 'improvement') && (options.rerun ?? true)) {
    const again = await measure(processes);
    cmp = confirmComparison(cmp, decide(again, seed + 1));
    rerun = { a: summary(again, 'a'), b: summary(again, 'b'), pairs: pairsOf(again).a.length };
  }
  const a = summary(first, 'a');
  const b = summary(first, 'b');
  return {
    name: options.name, unit: options.unit ?? 'ops/s', a, b, ratio: median(measured(first.ratios)), processRatios: measured(first.ratios),
    speedup: cmp.speedup, interval: cmp.interval, verdict: cmp.verdict, reason: cmp.reason, pairs: pairsOf(first).a.length,
    ...(cmp.confirmed === undefined ? {} : { confirmed: cmp.confirmed }),
    ...(rerun === undefined ? {} : { rerun }),
    cpu, cpuReason,
  };
}

export interface ToBenchResultsOptions {
  /** Target for the ratio, as text, e.g. `>= 1`. */
  readonly target?: string;
  /** Pass/fail decided by the caller from `ratio`. */
  readonly pass?: boolean;
}

/** The three report lines of a side-by-side run: a measured, b measured, and the ratio a/b. */
export function sideBySideResults(result: SideBySideResult, options: ToBenchResultsOptions = {}): BenchResult[] {
  return [
    { name: `${result.name}: ${result.a.label}`, unit: result.unit, value: result.a.median, kind: 'measured', samples: result.a.samples },
    { name: `${result.name}: ${result.b.label}`, unit: result.unit, value: result.b.median, kind: 'measured', samples: result.b.samples },
    {
      name: `${result.name}: ${result.a.label} / ${result.b.label}`,
      unit: 'x',
      value: result.ratio,
      kind: 'ratio',
      reference: result.b.label,
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.pass === undefined ? {} : { pass: options.pass }),
    },
  ];
}
