// Pure rules: effective cores from affinity and quota, and the system type from effective figures.
import type { SystemType } from './types.js';

export const GIB = 1024 ** 3;
/** Below this effective memory the system is memory constrained (seed profile table: "<4GB RAM"). */
export const MEMORY_CONSTRAINED_BELOW_BYTES = 4 * GIB;
/** Below this many effective cores the system is CPU constrained (seed: "<4 cores"). */
export const CPU_CONSTRAINED_BELOW_CORES = 4;
/** At least this many effective cores and ... (seed: "16+ cores, 32+ GB"). */
export const HIGH_PERFORMANCE_MIN_CORES = 16;
/** ... at least this much effective memory make a high-performance system. */
export const HIGH_PERFORMANCE_MIN_BYTES = 32 * GIB;

export interface EffectiveCores {
  readonly effectiveCores: number;
  readonly cpuBudget: number;
  readonly rule: string;
}

/**
 * Rounding rule: cpuBudget = min(affinity count, cgroup quota in CPUs);
 * effectiveCores = max(1, min(affinity, ceil(quota))). Ceil (as the JDK and .NET runtimes do)
 * lets a pool use a fractional budget fully (1.5 CPUs → 2 threads, throttled to 1.5 CPUs of time);
 * a quota below one CPU still leaves one core. Callers wanting floor use `cpuBudget`.
 */
export function effectiveCoresFrom(affinity: number, quotaCpus: number | null): EffectiveCores {
  const aff = Math.max(1, Math.floor(affinity));
  if (quotaCpus === null || !(quotaCpus > 0)) {
    return { effectiveCores: aff, cpuBudget: aff, rule: `affinity ${aff} CPUs, no cgroup CPU quota: effectiveCores = ${aff}` };
  }
  const cpuBudget = Math.min(aff, quotaCpus);
  const effectiveCores = Math.max(1, Math.min(aff, Math.ceil(quotaCpus - 1e-9)));
  return {
    effectiveCores,
    cpuBudget,
    rule: `max(1, min(affinity ${aff}, ceil(quota ${round3(quotaCpus)} CPUs))) = ${effectiveCores}; budget min(${aff}, ${round3(quotaCpus)}) = ${round3(cpuBudget)} CPUs`,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(2)} GiB`;
}

/**
 * Rules applied in this order, first match wins: memory_constrained (effective memory < 4 GiB),
 * cpu_constrained (effective cores < 4), high_performance (≥ 16 cores and ≥ 32 GiB), else standard.
 */
export function classifySystem(effectiveCores: number, effectiveMemoryBytes: number): { systemType: SystemType; rule: string } {
  const mem = gib(effectiveMemoryBytes);
  if (effectiveMemoryBytes < MEMORY_CONSTRAINED_BELOW_BYTES) {
    return { systemType: 'memory_constrained', rule: `memory_constrained: effective memory ${mem} < 4 GiB (rule 1 of 4)` };
  }
  if (effectiveCores < CPU_CONSTRAINED_BELOW_CORES) {
    return { systemType: 'cpu_constrained', rule: `cpu_constrained: effective memory ${mem} ≥ 4 GiB, effective cores ${effectiveCores} < 4 (rule 2 of 4)` };
  }
  if (effectiveCores >= HIGH_PERFORMANCE_MIN_CORES && effectiveMemoryBytes >= HIGH_PERFORMANCE_MIN_BYTES) {
    return { systemType: 'high_performance', rule: `high_performance: effective cores ${effectiveCores} ≥ 16 and effective memory ${mem} ≥ 32 GiB (rule 3 of 4)` };
  }
  return { systemType: 'standard', rule: `standard: effective memory ${mem} ≥ 4 GiB, effective cores ${effectiveCores} ≥ 4, not both ≥ 16 cores and ≥ 32 GiB (rule 4 of 4)` };
}
