// The CLI's `compare`: two module files measured with interleavedSideBySide, the result in the suite's shapes
// (SuiteResults + BaselineComparison) so the existing reporters print it.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchError } from './errors.js';
import { environmentFingerprint } from './fingerprint.js';
import { SuiteResults, type BaselineComparison, type BenchmarkOutcome } from './results.js';
import { interleavedSideBySide, DEFAULT_PROCESSES, type InterleavedSideBySideOptions, type SideBySideResult, type SideSummary } from './side-by-side.js';
import { DEFAULT_MIN_EFFECT, type Comparison } from './verdict.js';

/** Export names tried, in order, when none is given. */
export const DEFAULT_COMPARE_EXPORTS = ['bench', 'default'] as const;

export interface BenchModule {
  /** As given (the label in reports). */
  readonly spec: string;
  /** Absolute file path. */
  readonly path: string;
  /** The export that is timed. */
  readonly export: string;
}

/**
 * Check a module file before measuring: it exists (`MODULE_NOT_FOUND`), imports (`MODULE_LOAD_FAILED`) and has
 * the function export asked for, or, when none is asked for, `bench` or else a default export that is a function
 * (`MODULE_NO_EXPORT`). `spec` is a file path (relative to cwd) or a file: URL.
 */
export async function resolveBenchModule(spec: string, exportName?: string): Promise<BenchModule> {
  const path = spec.startsWith('file:') ? fileURLToPath(spec) : resolve(spec);
  let isFile = false;
  try { isFile = statSync(path).isFile(); } catch { /* missing */ }
  if (!isFile) throw new BenchError('MODULE_NOT_FOUND', `no module file at ${path}`, { path });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new BenchError('MODULE_LOAD_FAILED', `${path} could not be imported: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { path, cause: err });
  }
  const functions = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
  const found = exportName === undefined ? DEFAULT_COMPARE_EXPORTS.find((k) => typeof mod[k] === 'function') : typeof mod[exportName] === 'function' ? exportName : undefined;
  if (found === undefined) {
    const wanted = exportName === undefined ? `neither a function export 'bench' nor a default export that is a function` : `no function export '${exportName}'`;
    const has = functions.length === 0 ? 'it exports no functions' : `its function exports: ${functions.join(', ')}`;
    throw new BenchError('MODULE_NO_EXPORT', `${path} has ${wanted} (${has}; --export NAME picks one)`, { path });
  }
  return { spec, path, export: found };
}

export interface CompareModulesOptions extends Omit<InterleavedSideBySideOptions, 'name' | 'a' | 'b'> {
  /** The reference module. */
  readonly baseline: BenchModule;
  /** The module under test. */
  readonly candidate: BenchModule;
  /** @default '<candidate> vs <baseline>' */
  readonly name?: string;
}

export interface ModulesComparison {
  /** Each side's per-process throughputs (first run) as a suite result. */
  readonly results: SuiteResults;
  /** The verdict, `method: 'interleaved'`, baseline = the baseline module. */
  readonly comparison: BaselineComparison;
  /** Everything `interleavedSideBySide` returned (per-process ratios, re-run, CPU). */
  readonly sideBySide: SideBySideResult;
}

function outcome(side: SideSummary, unit: string): BenchmarkOutcome {
  if (side.samples.length === 0) {
    return { state: 'failed', name: side.label, unit, higherIsBetter: true, error: side.failures[0] ?? 'no process measured it', samples: [], errors: side.failures };
  }
  return { state: 'completed', name: side.label, unit, higherIsBetter: true, value: side.median, samples: side.samples, errors: side.failures };
}

/** Measure `candidate` against `baseline` with `interleavedSideBySide` and shape the result for the reporters. */
export async function compareModules(options: CompareModulesOptions): Promise<ModulesComparison> {
  const { baseline, candidate, name, ...rest } = options;
  const benchName = name ?? `${candidate.spec} vs ${baseline.spec}`;
  const fingerprint = environmentFingerprint();
  const r = await interleavedSideBySide({
    ...rest,
    name: benchName,
    a: { label: candidate.spec, module: pathToFileURL(candidate.path), export: candidate.export },
    b: { label: baseline.spec, module: pathToFileURL(baseline.path), export: baseline.export },
  });
  const processes = options.processes ?? DEFAULT_PROCESSES;
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const results = new SuiteResults([outcome(r.b, r.unit), outcome(r.a, r.unit)], {
    fingerprint: await fingerprint,
    date: new Date().toISOString(),
    estimator: 'interleaved (per instance the least batch latency, median over instances)',
    processes,
    processFailures: [...new Set([...r.a.failures, ...r.b.failures, ...(r.rerun?.a.failures ?? [])])],
    minEffect,
  });
  const cmp: Comparison = {
    benchmark: benchName, speedup: r.speedup, interval: r.interval, verdict: r.verdict, reason: r.reason,
    baselineValue: r.b.median, currentValue: r.a.median, samples: { baseline: r.pairs, current: r.pairs },
    ...(r.confirmed === undefined ? {} : { confirmed: r.confirmed }),
  };
  const rerunText = options.rerun === false ? 'no re-run' : `a flagged result re-run in ${processes} more processes and kept only if the re-run repeats it`;
  const comparison: BaselineComparison = {
    baselineName: baseline.spec,
    baselinePath: baseline.path,
    comparisons: [cmp],
    warnings: [],
    method: 'interleaved',
    note: `interleaved design: both modules timed alternately in each of ${processes} fresh process(es) (${r.cpuReason}); ` +
      `speedup from the per-process ratios (Hodges-Lehmann, paired bootstrap), ${Math.round(minEffect * 100)}% gate; ${rerunText}.`,
    regressions: cmp.verdict === 'regression' ? 1 : 0,
    improvements: cmp.verdict === 'improvement' ? 1 : 0,
  };
  return { results, comparison, sideBySide: r };
}
