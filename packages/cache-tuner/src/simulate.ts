// Replays a trace through every (policy, size) pair: libCacheSim's semantics (cold start,
// every request counted, first-time misses included).
import type { Trace } from '@perf/workload';
import { CacheTunerError } from './errors.js';
import { nextAccessIndex } from './policies/belady.js';
import type { CapacityUnit, PolicyOptions } from './policy.js';
import { createPolicy, isOfflinePolicy, policyNames } from './registry.js';
import type { PolicyName } from './registry.js';

/** The part of a trace the simulator reads. */
export type SimTrace = Pick<Trace, 'ids' | 'requests' | 'uniqueKeys'> & { readonly sizes?: Uint32Array };

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

/** Replays `trace` through each policy at each size; one row per (policy, size), policies outer. */
export function simulate(trace: SimTrace, options: SimulateOptions): SimulationRow[] {
  const unit = validateSimulation(trace, options);
  let future: Int32Array | undefined;
  const rows: SimulationRow[] = [];
  for (const policy of options.policies) {
    if (isOfflinePolicy(policy)) future ??= nextAccessIndex(trace.ids);
    for (const size of options.sizes) {
      try {
        rows.push(runOne(trace, policy, size, unit, future));
      } catch (error) {
        throw new CacheTunerError(
          'POLICY_FAILED',
          `simulate: policy "${policy}" at size ${size} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
  }
  return rows;
}

function runOne(trace: SimTrace, policy: string, size: number, unit: CapacityUnit, future: Int32Array | undefined): SimulationRow {
  const opts: PolicyOptions = { capacity: size, unit, maxIdHint: trace.uniqueKeys + 1, ...(future && { nextAccess: future }) };
  const p = createPolicy(policy, opts);
  const { ids } = trace;
  const requests = ids.length;
  if (unit === 'bytes') {
    const sizes = trace.sizes!;
    let hits = 0;
    let hitBytes = 0;
    let totalBytes = 0;
    for (let i = 0; i < requests; i++) {
      const s = sizes[i];
      totalBytes += s;
      if (p.access(ids[i], s)) {
        hits++;
        hitBytes += s;
      }
    }
    const misses = requests - hits;
    return {
      policy,
      size,
      unit,
      requests,
      hits,
      misses,
      missRatio: misses / requests,
      byteMissRatio: totalBytes === 0 ? 0 : (totalBytes - hitBytes) / totalBytes,
    };
  }
  const hits = p.replay(ids);
  const misses = requests - hits;
  return { policy, size, unit, requests, hits, misses, missRatio: misses / requests };
}
