// Replays a trace through every (policy, size) pair: libCacheSim's semantics (cold start,
// every request counted, first-time misses included).
import type { Trace } from '@perf/workload';
import { CacheTunerError } from './errors.js';
import { nextAccessIndex } from './policies/belady.js';
import type { CapacityUnit, Policy, PolicyOptions } from './policy.js';
import { createPolicy, isOfflinePolicy, policyNames } from './registry.js';
import type { PolicyName } from './registry.js';

/** The part of a trace the simulator reads. */
export type SimTrace = Pick<Trace, 'ids' | 'requests' | 'uniqueKeys'> & {
  readonly sizes?: Uint32Array;
  /** A stable hash of each request's key, passed to `Policy.access` as `keyHash` (what @perf/cache's memory level passes). */
  readonly hashes?: Uint32Array;
};

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Policy names (see `policyNames()`). */
  readonly policies: readonly (PolicyName | (string & {}))[];
  /** Cache sizes, in `unit`s; each > 0. */
  readonly sizes: readonly number[];
  /** `'objects'` counts entries; `'bytes'` uses the trace's object sizes. @default 'objects' */
  readonly unit?: CapacityUnit;
}

/** One (policy, size) result. */
export interface SimulationRow {
  readonly policy: string;
  readonly size: number;
  readonly unit: CapacityUnit;
  readonly requests: number;
  readonly hits: number;
  readonly misses: number;
  /** misses / requests. */
  readonly missRatio: number;
  /** Bytes missed / bytes requested (byte mode only). */
  readonly byteMissRatio?: number;
}

/** Checks policies, sizes and unit against a trace before any replay starts. */
export function validateSimulation(trace: SimTrace, options: SimulateOptions): CapacityUnit {
  const unit = options.unit ?? 'objects';
  if (unit !== 'objects' && unit !== 'bytes') {
    throw new CacheTunerError('INVALID_OPTION', `simulate: unit must be 'objects' or 'bytes', got ${String(unit)}`);
  }
  if (trace.requests === 0 || trace.ids.length === 0) {
    throw new CacheTunerError('EMPTY_TRACE', 'simulate: the trace has no requests; load a non-empty trace');
  }
  if (options.policies.length === 0) {
    throw new CacheTunerError('INVALID_OPTION', `simulate: policies is empty; name at least one of ${policyNames().join(', ')}`);
  }
  for (const name of options.policies) isOfflinePolicy(name);
  if (options.sizes.length === 0) throw new CacheTunerError('INVALID_SIZE', 'simulate: sizes is empty; give at least one cache size > 0');
  for (const size of options.sizes) {
    if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) {
      throw new CacheTunerError('INVALID_SIZE', `simulate: cache size ${String(size)} is not a number > 0; sizes are in ${unit}`);
    }
  }
  if (unit === 'bytes' && trace.sizes === undefined) {
    throw new CacheTunerError(
      'MISSING_SIZES',
      "simulate: unit 'bytes' needs object sizes, and this trace has none (its format carries no size column); use unit: 'objects' or a format with sizes",
    );
  }
  return unit;
}

/** Requests per chunk: every (policy, size) pair replays a chunk before the next is read. */
export const SIMULATE_CHUNK = 1 << 16;

interface Run {
  readonly policy: string;
  readonly size: number;
  readonly p: Policy;
  hits: number;
  hitBytes: number;
}

function fail(policy: string, size: number, error: unknown): CacheTunerError {
  return new CacheTunerError(
    'POLICY_FAILED',
    `simulate: policy "${policy}" at size ${size} failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/**
 * Replays `trace` through every (policy, size) pair in one pass over the trace (chunk by
 * chunk, each pair replaying the chunk in turn); one row per pair, policies outer.
 */
export function simulate(trace: SimTrace, options: SimulateOptions): SimulationRow[] {
  const unit = validateSimulation(trace, options);
  const future = options.policies.some((name) => isOfflinePolicy(name)) ? nextAccessIndex(trace.ids) : undefined;
  const runs: Run[] = [];
  for (const policy of options.policies) {
    for (const size of options.sizes) {
      const opts: PolicyOptions = { capacity: size, unit, maxIdHint: trace.uniqueKeys + 1, ...(future && { nextAccess: future }) };
      try {
        runs.push({ policy, size, p: createPolicy(policy, opts), hits: 0, hitBytes: 0 });
      } catch (error) {
        throw fail(policy, size, error);
      }
    }
  }
  const { ids, hashes } = trace;
  const n = ids.length;
  if (hashes !== undefined && hashes.length !== n) {
    throw new CacheTunerError('INVALID_OPTION', `simulate: trace.hashes has ${hashes.length} entries for ${n} requests; give one hash per request`);
  }
  const sizes = unit === 'bytes' ? trace.sizes! : undefined;
  let totalBytes = 0;
  if (sizes !== undefined) for (let i = 0; i < n; i++) totalBytes += sizes[i];
  for (let start = 0; start < n; start += SIMULATE_CHUNK) {
    const end = Math.min(n, start + SIMULATE_CHUNK);
    const chunk = ids.subarray(start, end);
    for (const run of runs) {
      try {
        if (sizes === undefined && hashes === undefined) {
          run.hits += run.p.replay(chunk);
        } else {
          // Byte sizes and key hashes, when the trace has them, go with each request.
          for (let i = start; i < end; i++) {
            const size = sizes?.[i];
            if (run.p.access(ids[i], size, hashes?.[i])) {
              run.hits++;
              if (size !== undefined) run.hitBytes += size;
            }
          }
        }
      } catch (error) {
        throw fail(run.policy, run.size, error);
      }
    }
  }
  return runs.map((run): SimulationRow => {
    const misses = n - run.hits;
    const row = { policy: run.policy, size: run.size, unit, requests: n, hits: run.hits, misses, missRatio: misses / n };
    return sizes === undefined ? row : { ...row, byteMissRatio: totalBytes === 0 ? 0 : (totalBytes - run.hitBytes) / totalBytes };
  });
}
