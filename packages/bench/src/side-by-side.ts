import { pickCpu } from './affinity.js';
import { runChild, DEFAULT_CHILD_TIMEOUT_MS, type ChildScript } from './child.js';
import { BenchError } from './errors.js';
import type { BenchResult } from './report.js';
import { median } from './stats.js';
import { compareSamples, DEFAULT_MIN_EFFECT, type Verdict } from './verdict.js';

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
   * probe, `pickCpu`; unpinned where `taskset` is unavailable) or none. Function sides are not affected.
   * @default undefined (not pinned)
   */
  readonly cpu?: number | 'auto';
  /** Called after each repetition (for progress lines). */
  readonly onSample?: (side: 'a' | 'b', value: number | null, index: number) => void;
}

export interface SideSummary {
  readonly label: string;
  /** Median of the per-process values. */
  readonly median: number;
  /** Per-process values, in run order. */
  readonly samples: readonly number[];
  /** Errors of repetitions that crashed, hung or printed no value. */
  readonly failures: readonly string[];
}

export interface SideBySideResult {
  readonly name: string;
  readonly unit: string;
  readonly a: SideSummary;
  readonly b: SideSummary;
  /** median(a) / median(b), as measured (not direction-adjusted). */
  readonly ratio: number;
  /** a's speed relative to b (above 1: a faster), with its bootstrap interval. */
  readonly speedup: number;
  readonly interval: readonly [number, number];
  /** a judged against b as the baseline. */
  readonly verdict: Verdict;
  readonly reason: string;
  /** The CPU the children were pinned to, or null. */
  readonly cpu: number | null;
}

export const DEFAULT_PROCESSES = 5;

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

/**
 * Run two sides in alternated fresh processes (a b, b a, a b, ...), one measurement per process,
 * and return both medians, the per-process samples, the ratio with a bootstrap interval and a verdict.
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
  if (options.cpu !== undefined && options.cpu !== 'auto' && !(Number.isInteger(options.cpu) && options.cpu >= 0)) {
    throw new BenchError('BENCH_BAD_OPTION', `sideBySide(${options.name}): cpu must be a CPU number (0, 1, ...) or 'auto', got ${String(options.cpu)}`);
  }
  const cpu = options.cpu === 'auto' ? (await pickCpu({ timeoutMs })).cpu : options.cpu ?? null;
  const values = { a: [] as number[], b: [] as number[] };
  const failures = { a: [] as string[], b: [] as string[] };
  for (let i = 0; i < processes; i++) {
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const key of order) {
      const r = await runSide(options[key], timeoutMs, cpu);
      if ('value' in r) values[key].push(r.value);
      else failures[key].push(r.error);
      options.onSample?.(key, 'value' in r ? r.value : null, i);
    }
  }
  const higherIsBetter = options.higherIsBetter ?? true;
  const cmp = compareSamples(options.name, values.b, values.a, {
    higherIsBetter,
    minEffect: options.minEffect ?? DEFAULT_MIN_EFFECT,
    seed: options.seed ?? 1,
  });
  const summary = (key: 'a' | 'b'): SideSummary => ({
    label: options[key].label, median: median(values[key]), samples: values[key], failures: failures[key],
  });
  return {
    name: options.name,
    unit: options.unit ?? 'ops/s',
    a: summary('a'),
    b: summary('b'),
    ratio: median(values.a) / median(values.b),
    speedup: cmp.speedup,
    interval: cmp.interval,
    verdict: cmp.verdict,
    reason: cmp.reason,
    cpu,
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
