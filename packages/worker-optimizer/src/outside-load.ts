// The machine's outside load during a measurement window: the busy CPU of the whole machine
// (/proc/stat, Linux only) less this process's own CPU (process.cpuUsage, all its threads). A
// window measured while other processes took a core reads low for any count; when that load
// passes, the window no longer says what the count does, so calibration marks it and measures
// the count again. Elsewhere the reading is null and nothing is marked.
import { readFileSync } from 'node:fs';

/** One reading: the machine's busy CPU (null where /proc/stat is absent), this process's CPU, and the clock, all ms. */
export interface CpuReading {
  readonly machineMs: number | null;
  readonly ownMs: number;
  readonly wallMs: number;
}

/**
 * A change of outside load of at least this many cores (or OUTSIDE_LOAD_CHANGE_SHARE of the
 * effective cores, whichever is more) marks a window: /proc/stat counts in ticks of 10 ms, so a
 * 150 ms window on 2 cores reads the machine to about +-0.15 cores.
 */
export const OUTSIDE_LOAD_CHANGE_CORES = 0.35;
export const OUTSIDE_LOAD_CHANGE_SHARE = 0.15;
/** USER_HZ of /proc/stat (100 on every Linux build Node supports). */
const USER_HZ = 100;

/** Busy CPU of the whole machine since boot, ms (user, nice, system, irq, softirq, steal); null when /proc/stat cannot be read (not Linux). */
export function machineBusyMs(stat?: string): number | null {
  let text = stat;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/stat', 'utf8');
    } catch {
      return null;
    }
  }
  return parseProcStatBusyMs(text);
}

/** The busy ms of the first line ("cpu ...") of /proc/stat's text; null when it is not there. */
export function parseProcStatBusyMs(stat: string): number | null {
  const line = stat.split('\n')[0]?.trim() ?? '';
  if (!line.startsWith('cpu ')) return null;
  const f = line.split(/\s+/).slice(1).map(Number);
  if (f.length < 7 || f.slice(0, 7).some((v) => !Number.isFinite(v))) return null;
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const ticks = f[0] + f[1] + f[2] + f[5] + f[6] + (Number.isFinite(f[7]) ? f[7] : 0);
  return (ticks * 1000) / USER_HZ;
}

export function readCpu(now: () => number): CpuReading {
  const u = process.cpuUsage();
  return { machineMs: machineBusyMs(), ownMs: (u.user + u.system) / 1000, wallMs: now() };
}

/** Cores' worth of CPU other processes (and steal) used between two readings; null without /proc/stat or time. */
export function outsideCores(a: CpuReading, b: CpuReading): number | null {
  if (a.machineMs === null || b.machineMs === null) return null;
  const wall = b.wallMs - a.wallMs;
  if (!(wall > 0)) return null;
  return Math.max(0, (b.machineMs - a.machineMs) - (b.ownMs - a.ownMs)) / wall;
}

/** The change of outside load, in cores, that marks a window on a machine of `cores` effective cores. */
export function loadChangeThreshold(cores: number): number {
  return Math.max(OUTSIDE_LOAD_CHANGE_CORES, OUTSIDE_LOAD_CHANGE_SHARE * cores);
}

/**
 * Whether each window was measured under an outside load that differs markedly from the quietest
 * seen (`quiet`, the least of all windows of the calibration so far): load - quiet >= threshold.
 * Unknown loads (null) are never marked.
 */
export function disturbedWindows(loads: readonly (number | null)[], quiet: number | null, threshold: number): boolean[] {
  return loads.map((l) => l !== null && quiet !== null && l - quiet >= threshold);
}

/** The least known load, or null when none is known. */
export function quietLoad(loads: Iterable<number | null>): number | null {
  let q: number | null = null;
  for (const l of loads) if (l !== null && (q === null || l < q)) q = l;
  return q;
}

/**
 * A count's throughput from its windows: the median of the windows not disturbed by outside load
 * when any are, else of all (a count measured only under load keeps that reading until measured
 * again, and the result reports the load it was measured under).
 */
export function throughputFromWindows(samples: readonly number[], disturbed: readonly boolean[]): number {
  const clean = samples.filter((_, i) => disturbed[i] !== true);
  return median(clean.length > 0 ? clean : samples);
}

/** Median of a non-empty list; NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
