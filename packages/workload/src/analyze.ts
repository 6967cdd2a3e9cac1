import { WorkloadError } from './errors.js';
import { type AccessPattern, classifyPattern, patternEvidence } from './pattern.js';
import { type HotKey, SpaceSaving } from './space-saving.js';
import { type StackDistanceHistogram, stackDistanceHistogram } from './stack-distance.js';
import { dispersionIndex, keyFrequencies, type WorkingSet, workingSet, type ZipfFit, zipfFit } from './stats.js';
import type { Trace } from './trace.js';

/** Options of `analyzeTrace`. */
export interface AnalyzeTraceOptions {
  /** Requests per working-set window. @default max(1, ceil(requests / DEFAULT_WINDOWS)) */
  readonly window?: number;
  /** Hot keys reported. @default DEFAULT_TOP_KEYS (10) */
  readonly topKeys?: number;
  /** Space-Saving counters (error bound = requests / counters). @default DEFAULT_SPACE_SAVING_COUNTERS (1000) */
  readonly counters?: number;
}

export const DEFAULT_WINDOWS = 100;
export const DEFAULT_TOP_KEYS = 10;
export const DEFAULT_SPACE_SAVING_COUNTERS = 1000;

/** A hot key with its original key text when the trace knows it. */
export interface HotKeyReport extends HotKey {
  readonly key?: string;
}

export interface TraceAnalysis {
  readonly requests: number;
  readonly uniqueKeys: number;
  /** Keys requested exactly once. */
  readonly oneHitWonders: number;
  /** oneHitWonders / uniqueKeys. */
  readonly oneHitWonderRatio: number;
  /** Exact LRU stack-distance histogram (feed it to `lruMissRatios`). */
  readonly stackDistances: StackDistanceHistogram;
  readonly workingSet: WorkingSet;
  readonly zipf: ZipfFit;
  /** Top keys by Space-Saving estimate, with per-key error. */
  readonly hotKeys: readonly HotKeyReport[];
  /** Bound on every hot key's overestimate (requests / counters; 0 while counters were never full). */
  readonly hotKeysErrorBound: number;
  readonly pattern: AccessPattern;
}

/** Measures a trace: counts, exact stack distances, working set, Zipf skew, hot keys and access pattern. */
export function analyzeTrace(trace: Trace, options: AnalyzeTraceOptions = {}): TraceAnalysis {
  const { ids, uniqueKeys, requests } = trace;
  if (requests === 0) throw new WorkloadError('TRACE_EMPTY', 'analyzeTrace: the trace has no request; record or load some first');
  const window = options.window ?? Math.max(1, Math.ceil(requests / DEFAULT_WINDOWS));
  const topKeys = options.topKeys ?? DEFAULT_TOP_KEYS;
  const counters = options.counters ?? DEFAULT_SPACE_SAVING_COUNTERS;
  for (const [name, v] of [['window', window], ['topKeys', topKeys], ['counters', counters]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new WorkloadError('INVALID_OPTION', `analyzeTrace: ${name} must be a positive integer, got ${v}`);
  }
  const freq = keyFrequencies(ids, uniqueKeys);
  let oneHit = 0;
  for (const c of freq) if (c === 1) oneHit++;
  const distances = stackDistanceHistogram(trace);
  const zipf = zipfFit(freq);
  const dispersion = dispersionIndex(freq);
  const ss = new SpaceSaving(counters);
  ss.addAll(ids);
  const hotKeys = ss.top(topKeys).map((h): HotKeyReport => (trace.keyOf ? { ...h, key: trace.keyOf(h.id) } : h));
  return {
    requests,
    uniqueKeys,
    oneHitWonders: oneHit,
    oneHitWonderRatio: uniqueKeys === 0 ? 0 : oneHit / uniqueKeys,
    stackDistances: distances,
    workingSet: workingSet(ids, uniqueKeys, window),
    zipf,
    hotKeys,
    hotKeysErrorBound: ss.errorBound,
    pattern: classifyPattern(patternEvidence(ids, uniqueKeys, distances, zipf, dispersion)),
  };
}
