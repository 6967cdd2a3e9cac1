import type * as SystemProbe from '@perf/system-probe';
import { availableParallelism, cpus, platform, arch } from 'node:os';

/** The machine facts a baseline is tied to. */
export interface EnvironmentFingerprint {
  readonly cpuModel: string | null;
  readonly effectiveCores: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** Where the facts came from: `@perf/system-probe`, or `os` when the probe was unavailable. */
  readonly source: '@perf/system-probe' | 'os';
}

/** From `os` alone (fallback; effective cores = availableParallelism, which ignores cgroup quotas). */
export function osFingerprint(): EnvironmentFingerprint {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? null,
    effectiveCores: availableParallelism(),
    node: process.version,
    platform: platform(),
    arch: arch(),
    source: 'os',
  };
}

/** Probe with @perf/system-probe (cgroup-aware cores); fall back to `os` if it is missing or fails. */
export async function environmentFingerprint(): Promise<EnvironmentFingerprint> {
  try {
    const probe = (await import('@perf/system-probe')) as Partial<typeof SystemProbe>;
    if (typeof probe.probeSystem !== 'function') return osFingerprint();
    const profile = await probe.probeSystem();
    return {
      cpuModel: profile.cpu.model,
      effectiveCores: profile.cpu.effectiveCores,
      node: profile.node,
      platform: profile.os.platform,
      arch: profile.os.arch,
      source: '@perf/system-probe',
    };
  } catch {
    return osFingerprint();
  }
}

/** Human-readable differences that make figures incomparable; empty when the machines match. */
export function fingerprintDifferences(baseline: EnvironmentFingerprint, current: EnvironmentFingerprint): string[] {
  const out: string[] = [];
  if (baseline.cpuModel !== current.cpuModel) out.push(`CPU model ${JSON.stringify(baseline.cpuModel)} → ${JSON.stringify(current.cpuModel)} (a different CPU runs the same code at a different speed)`);
  if (baseline.effectiveCores !== current.effectiveCores) out.push(`effective cores ${baseline.effectiveCores} → ${current.effectiveCores} (parallel benchmarks scale with cores)`);
  if (baseline.node !== current.node) out.push(`Node ${baseline.node} → ${current.node} (V8 and libuv changes move figures)`);
  if (baseline.platform !== current.platform || baseline.arch !== current.arch) out.push(`platform ${baseline.platform}/${baseline.arch} → ${current.platform}/${current.arch}`);
  return out;
}
