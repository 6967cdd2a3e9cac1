// resolveProfile: a profile as written + the machine's figures -> plain numbers. Pure.
import { ProfileError, show } from './errors.js';
import { evaluateExpression, parseExpression, type ExpressionScope } from './expression.js';
import type { PolicyName, ProfileSettings, WorkerMode } from './schema.js';
import { formatBytes, parseDuration, parseSize } from './units.js';

/** The figures of a @perf/system-probe `SystemProfile` that a profile depends on. */
export interface SystemFacts {
  readonly cpu: { readonly effectiveCores: number };
  readonly memory: { readonly effectiveLimitBytes: number };
}

/** libuv's largest thread pool (UV_THREADPOOL_SIZE is capped at 1024). */
export const MAX_UV_THREADPOOL_SIZE = 1024;
/** `workers.min` when a profile leaves it out. */
export const DEFAULT_MIN_WORKERS = 1;
const GIB = 1024 ** 3;

/** A profile in numbers, ready for @perf/cache, tinypool and the tuner. */
export interface ResolvedProfile {
  readonly name: string | undefined;
  readonly description: string;
  readonly cache: {
    readonly l1Bytes: number;
    /** null: no disk level. */
    readonly l2Bytes: number | null;
    /** null: no shared level. */
    readonly l3Bytes: number | null;
    readonly policy: PolicyName;
    /** null: entries never expire. */
    readonly ttlMs: number | null;
    /** Percent. */
    readonly targetHitRate: number;
  };
  readonly workers: {
    readonly mode: WorkerMode;
    readonly max: number;
    readonly min: number;
    /** UV_THREADPOOL_SIZE. */
    readonly threads: number;
    readonly batchSize: number;
    readonly queueSize: number;
  };
  readonly resources: {
    readonly memoryBytes: number;
    /** Cores, may be fractional. */
    readonly cpus: number;
  };
  /** The variables the expressions saw. */
  readonly inputs: { readonly cores: number; readonly memoryGb: number };
  /** Settings that look wrong for this machine; the values are kept as written. */
  readonly warnings: readonly string[];
}

function bytes(value: string | number, path: string): number {
  const b = parseSize(value);
  if (b === null) throw new ProfileError('PROFILE_SCHEMA', `${path}: ${show(value)} is not a size; validate the profile with loadProfile first.`);
  return b;
}

function evaluate(value: string | number, path: string, scope: ExpressionScope): number {
  if (typeof value === 'number') return value;
  const parsed = parseExpression(value);
  if (!parsed.ok) {
    throw new ProfileError('PROFILE_SCHEMA', `${path}: ${show(value)} is not an expression (column ${parsed.column}: ${parsed.message}).`);
  }
  const result = evaluateExpression(parsed.expr, scope);
  if (!Number.isFinite(result) || result < 0) {
    throw new ProfileError('PROFILE_EXPRESSION', `${path}: ${show(value)} gives ${result} with cores=${scope.cores}, memory_gb=${scope.memory_gb}; it must be a finite number >= 0. Guard it, e.g. max(1, ...).`);
  }
  return result;
}

/** A whole count, rounded down, at least `min`. */
function count(value: string | number, path: string, scope: ExpressionScope, min: number): number {
  return Math.max(min, Math.floor(evaluate(value, path, scope)));
}

/**
 * Turns sizes, durations and expressions into numbers for `system`. Rules: counts are
 * rounded down and at least 1 (`workers.min` at least 0 and at most `workers.max`);
 * `workers.threads` is capped at 1024 (libuv's limit); `resources.cpu` keeps its fraction.
 * Throws `PROFILE_EXPRESSION` when an expression is not a finite number >= 0 here.
 */
export function resolveProfile(profile: ProfileSettings & { readonly name?: string }, system: SystemFacts): ResolvedProfile {
  const cores = system.cpu.effectiveCores;
  const memoryGb = system.memory.effectiveLimitBytes / GIB;
  const scope: ExpressionScope = { cores, memory_gb: memoryGb };
  const { cache, workers, resources } = profile;

  const l1Bytes = bytes(cache.l1, 'cache.l1');
  const max = count(workers.max, 'workers.max', scope, 1);
  const min = Math.min(max, count(workers.min ?? DEFAULT_MIN_WORKERS, 'workers.min', scope, 0));
  const memoryBytes = bytes(resources.memory, 'resources.memory');
  const cpus = evaluate(resources.cpu, 'resources.cpu', scope);
  if (cpus <= 0) throw new ProfileError('PROFILE_EXPRESSION', `resources.cpu: ${show(resources.cpu)} gives 0 cores; it must be above 0.`);

  const warnings: string[] = [];
  if (l1Bytes > memoryBytes) {
    warnings.push(`cache.l1 (${formatBytes(l1Bytes)}) is larger than resources.memory (${formatBytes(memoryBytes)}).`);
  }
  if (memoryBytes > system.memory.effectiveLimitBytes) {
    warnings.push(`resources.memory (${formatBytes(memoryBytes)}) is above this system's effective memory limit (${formatBytes(system.memory.effectiveLimitBytes)}).`);
  }
  if (cpus > cores) warnings.push(`resources.cpu (${cpus}) is above this system's effective cores (${cores}).`);

  return {
    name: profile.name,
    description: profile.description,
    cache: {
      l1Bytes,
      l2Bytes: cache.l2 === undefined ? null : bytes(cache.l2, 'cache.l2'),
      l3Bytes: cache.l3 === undefined ? null : bytes(cache.l3, 'cache.l3'),
      policy: cache.policy,
      ttlMs: cache.ttl === undefined ? null : parseDuration(cache.ttl),
      targetHitRate: cache.targetHitRate,
    },
    workers: {
      mode: workers.mode,
      max,
      min,
      threads: Math.min(MAX_UV_THREADPOOL_SIZE, count(workers.threads, 'workers.threads', scope, 1)),
      batchSize: count(workers.batchSize, 'workers.batchSize', scope, 1),
      queueSize: count(workers.queueSize, 'workers.queueSize', scope, 1),
    },
    resources: { memoryBytes, cpus },
    inputs: { cores, memoryGb },
    warnings,
  };
}
