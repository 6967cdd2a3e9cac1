// The machine facts the models need, from @perf/system-probe at the edge or given by the caller.
import os from 'node:os';
import { probeSystem, type SystemProfile } from '@perf/system-probe';
import { requirePositive } from './errors.js';

/** The two machine facts worker sizing needs. */
export interface SystemInputs {
  /** Cores this process may really use (cgroup quota and affinity), e.g. SystemProfile.cpu.effectiveCores. */
  readonly effectiveCores: number;
  /** Memory this process tree may use, bytes, e.g. SystemProfile.memory.effectiveLimitBytes. */
  readonly memoryLimitBytes: number;
  /** Where the figures came from, for reasons and reports. @default 'given by the caller' */
  readonly source?: string;
}

/** Resolved inputs: the source is always stated. */
export interface ResolvedSystem {
  readonly effectiveCores: number;
  readonly memoryLimitBytes: number;
  readonly source: string;
}

export function checkSystem(where: string, s: SystemInputs): ResolvedSystem {
  requirePositive(where, 'system.effectiveCores', s.effectiveCores);
  requirePositive(where, 'system.memoryLimitBytes', s.memoryLimitBytes);
  return { effectiveCores: s.effectiveCores, memoryLimitBytes: s.memoryLimitBytes, source: s.source ?? 'given by the caller' };
}

/** SystemInputs from a SystemProfile of @perf/system-probe. */
export function systemFromProfile(profile: Pick<SystemProfile, 'cpu' | 'memory'>): ResolvedSystem {
  return {
    effectiveCores: profile.cpu.effectiveCores,
    memoryLimitBytes: profile.memory.effectiveLimitBytes,
    source: `@perf/system-probe: cpu.effectiveCores (${profile.cpu.effectiveCoresRule}), memory.effectiveLimitBytes`,
  };
}

/**
 * Without a probe (synchronous callers): os.availableParallelism() honours the affinity mask
 * but not a cgroup CPU quota, and os.totalmem() ignores a cgroup memory limit; the source says so.
 */
export function systemFromOs(): ResolvedSystem {
  return {
    effectiveCores: os.availableParallelism(),
    memoryLimitBytes: os.totalmem(),
    source: 'os.availableParallelism() and os.totalmem() (affinity only: a cgroup CPU quota or memory limit is not seen; use WorkerPoolOptimizer.create() or pass system)',
  };
}

/** The caller's figures when given, else @perf/system-probe's, else the os module's with the reason. */
export async function resolveSystem(where: string, given: SystemInputs | undefined): Promise<ResolvedSystem> {
  if (given !== undefined) return checkSystem(where, given);
  try {
    return systemFromProfile(await probeSystem());
  } catch (error) {
    const fallback = systemFromOs();
    return { ...fallback, source: `${fallback.source}; probeSystem() failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
