import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BenchError } from './errors.js';
import type { EnvironmentFingerprint } from './fingerprint.js';

export const BASELINE_FORMAT = 'perf-bench-baseline';
export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_NAME = 'default';
/** Relative to the working directory. */
export const DEFAULT_BASELINE_DIR = '.perf/bench/baselines';
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface BaselineBenchmark {
  readonly name: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  /** Median of `samples`. */
  readonly value: number;
  /** Per-process estimates. */
  readonly samples: readonly number[];
}

export interface Baseline {
  readonly format: typeof BASELINE_FORMAT;
  readonly version: typeof BASELINE_VERSION;
  readonly name: string;
  readonly date: string;
  readonly fingerprint: EnvironmentFingerprint;
  readonly estimator: string;
  readonly benchmarks: readonly BaselineBenchmark[];
}

export function checkBaselineName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new BenchError('BENCH_BAD_OPTION', `baseline name ${JSON.stringify(name)} is not allowed: use letters, digits, '.', '_' or '-' (at most 100, no leading punctuation)`);
  }
  return name;
}

export function baselinePath(name: string, dir: string = DEFAULT_BASELINE_DIR): string {
  return resolve(join(dir, `${checkBaselineName(name)}.json`));
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validate parsed JSON as a baseline; every problem names the file and the field. */
export function parseBaseline(json: unknown, path: string): Baseline {
  const corrupt = (what: string): BenchError =>
    new BenchError('BASELINE_CORRUPT', `baseline ${path} is damaged: ${what}; re-create it with --save`, { path });
  if (!isObj(json) || json.format !== BASELINE_FORMAT) {
    throw new BenchError('BASELINE_FOREIGN', `${path} is not a perf-bench baseline (no "format": "${BASELINE_FORMAT}"); point --compare at a file written by --save`, { path });
  }
  if (json.version !== BASELINE_VERSION) {
    throw new BenchError('BASELINE_VERSION', `baseline ${path} has version ${JSON.stringify(json.version)}, this @perf/bench reads version ${BASELINE_VERSION}; re-create it with --save`, { path });
  }
  if (typeof json.name !== 'string' || typeof json.date !== 'string') throw corrupt('"name" and "date" must be strings');
  const fp = json.fingerprint;
  if (!isObj(fp) || typeof fp.node !== 'string' || typeof fp.effectiveCores !== 'number' || (fp.cpuModel !== null && typeof fp.cpuModel !== 'string')) {
    throw corrupt('"fingerprint" needs cpuModel, effectiveCores and node');
  }
  if (!Array.isArray(json.benchmarks)) throw corrupt('"benchmarks" must be an array');
  json.benchmarks.forEach((b: unknown, i) => {
    if (!isObj(b) || typeof b.name !== 'string' || typeof b.unit !== 'string' || typeof b.higherIsBetter !== 'boolean') {
      throw corrupt(`benchmarks[${i}] needs name, unit and higherIsBetter`);
    }
    if (!Array.isArray(b.samples) || b.samples.length === 0 || !b.samples.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) {
      throw corrupt(`benchmarks[${i}] (${b.name}).samples must be a non-empty list of positive finite numbers`);
    }
    if (typeof b.value !== 'number' || !Number.isFinite(b.value)) throw corrupt(`benchmarks[${i}] (${b.name}).value must be a finite number`);
  });
  return json as unknown as Baseline;
}

/** Read and validate a baseline file. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BenchError(missing ? 'BASELINE_NOT_FOUND' : 'BASELINE_CORRUPT',
      missing ? `no baseline at ${path}; save one first with --save NAME` : `cannot read baseline ${path}: ${String(cause)}`, { path, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BenchError('BASELINE_CORRUPT', `baseline ${path} is not valid JSON (${(cause as Error).message}); re-create it with --save`, { path, cause });
  }
  return parseBaseline(json, path);
}

export function writeBaseline(path: string, baseline: Baseline): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Append one JSON line to the history file. */
export function appendHistory(path: string, entry: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
}
