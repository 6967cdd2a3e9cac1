// Which CPU to pin benchmark processes to. Measured on the 2-core shared machine this package was
// built on (README, "The experiment"): unpinned, a process's speed depended on the CPU it landed on
// (one was 30-50% slower for memory-heavy work), and that, not the load, dominated the spread
// between processes. Pinning every process of a comparison to one CPU, the quickest at the start,
// removes it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { runChild } from './child.js';
import { median } from './stats.js';

/** CPUs probed at most (the first ones this process may run on). */
export const MAX_PROBED_CPUS = 8;
/** Probe processes per CPU, alternated across CPUs. */
export const CPU_PROBE_ROUNDS = 3;
// compiled twin, like the suite's children (src/ runs under tsx in tests, dist/ is what ships)
const PROBE_CHILD = new URL('../dist/cpu-probe.js', import.meta.url);

export interface CpuChoice {
  /** The CPU chosen, or null when pinning is unavailable (not Linux, or no `taskset`). */
  readonly cpu: number | null;
  /** Measured probe throughputs per CPU (ops/s of the probe workload), in run order. */
  readonly probes: Readonly<Record<string, readonly number[]>>;
  /** One sentence: what was chosen and why. */
  readonly reason: string;
}

/** Parses a Linux CPU list such as `0-3,6,8-9`. */
export function parseCpuList(list: string): number[] {
  const out: number[] = [];
  for (const part of list.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let c = lo; c <= hi; c++) out.push(c);
  }
  return out;
}

/** CPUs this process may run on (Linux `Cpus_allowed_list`), else 0 .. availableParallelism - 1. */
export function allowedCpus(): number[] {
  try {
    const m = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m !== null) {
      const cpus = parseCpuList(m[1]);
      if (cpus.length > 0) return cpus;
    }
  } catch { /* not Linux */ }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

/** True when `taskset` can be started (util-linux). */
export function canPin(): boolean {
  if (process.platform !== 'linux') return false;
  const r = spawnSync('taskset', ['-c', '0', process.execPath, '-e', ''], { stdio: 'ignore', timeout: 10_000 });
  return r.error === undefined && r.status === 0;
}

/**
 * Pick the CPU to pin benchmark processes to: probe each allowed CPU (at most `MAX_PROBED_CPUS`)
 * with `CPU_PROBE_ROUNDS` short pinned processes, alternated, and take the one with the highest
 * median probe throughput. Returns `cpu: null` (do not pin) where pinning is unavailable.
 */
export async function pickCpu(options: { timeoutMs?: number } = {}): Promise<CpuChoice> {
  if (!canPin()) return { cpu: null, probes: {}, reason: 'not pinned: taskset is unavailable (Linux util-linux)' };
  const cpus = allowedCpus().slice(0, MAX_PROBED_CPUS);
  if (cpus.length === 1) return { cpu: cpus[0], probes: {}, reason: `pinned to CPU ${cpus[0]}, the only one allowed` };
  const script = PROBE_CHILD;
  const probes: Record<string, number[]> = Object.fromEntries(cpus.map((c) => [String(c), []]));
  for (let round = 0; round < CPU_PROBE_ROUNDS; round++) {
    for (const cpu of round % 2 === 0 ? cpus : [...cpus].reverse()) {
      const r = await runChild({ script, cpu }, options.timeoutMs ?? 30_000);
      const v = r.ok ? (r.output as { value?: unknown }).value : undefined;
      if (typeof v === 'number' && Number.isFinite(v)) probes[String(cpu)].push(v);
    }
  }
  let best: number | null = null;
  let bestValue = -Infinity;
  for (const cpu of cpus) {
    const m = median(probes[String(cpu)]);
    if (Number.isFinite(m) && m > bestValue) { best = cpu; bestValue = m; }
  }
  if (best === null) return { cpu: null, probes, reason: 'not pinned: every CPU probe failed' };
  const summary = cpus.map((c) => `CPU ${c}: ${median(probes[String(c)]).toFixed(0)}`).join(', ');
  return { cpu: best, probes, reason: `pinned to CPU ${best}, the quickest in a probe (median ops/s ${summary})` };
}
