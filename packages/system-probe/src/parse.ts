// Pure parsers for kernel text files. Each returns null for text it cannot understand.

/** Counts the CPUs in a kernel cpu list such as `0-3,8,10-11` (4 + 1 + 2 = 7). */
export function parseCpuList(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let count = 0;
  for (const part of trimmed.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return null;
    count += hi - lo + 1;
  }
  return count;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Parses a sysfs cache size (`32K`, `1024K`, `32M`, `1.5M`) into bytes. */
export function parseCacheSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = SIZE_UNITS[(m[2] ?? '').toUpperCase()];
  if (unit === undefined) return null;
  return Math.round(Number(m[1]) * unit);
}

/** /proc/meminfo as bytes by key (values there are in kB, meaning KiB). */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([\w()]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (!m) continue;
    const unit = line.trimEnd().endsWith('kB') ? 1024 : 1;
    out.set(m[1], Number(m[2]) * unit);
  }
  return out;
}

export interface ProcCgroupEntry {
  readonly hierarchyId: number;
  /** Controllers of this v1 hierarchy (`cpu`, `cpuacct`, `name=systemd`); empty for the v2 line. */
  readonly controllers: readonly string[];
  readonly path: string;
}

/** /proc/<pid>/cgroup lines `id:controllers:path`; malformed lines are skipped. */
export function parseProcCgroup(text: string): ProcCgroupEntry[] {
  const out: ProcCgroupEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):(\/.*)$/.exec(line.trim());
    if (!m) continue;
    out.push({
      hierarchyId: Number(m[1]),
      controllers: m[2] === '' ? [] : (m[2]).split(','),
      path: m[3],
    });
  }
  return out;
}

export interface CgroupMount {
  /** The path inside the cgroup hierarchy that is mounted (`/` or `/docker/<id>`). */
  readonly root: string;
  readonly mountPoint: string;
  readonly version: 1 | 2;
  /** v1 controllers from the super options; empty for v2. */
  readonly controllers: readonly string[];
}

/** The cgroup and cgroup2 mounts in /proc/<pid>/mountinfo. */
export function parseMountinfo(text: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    const fsType = right[0];
    if ((fsType !== 'cgroup' && fsType !== 'cgroup2') || left.length < 5) continue;
    const unescape = (s: string): string => s.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    const superOptions = (right[2] ?? '').split(',');
    out.push({
      root: unescape(left[3]),
      mountPoint: unescape(left[4]),
      version: fsType === 'cgroup2' ? 2 : 1,
      controllers: fsType === 'cgroup2' ? [] : superOptions.filter((o) => KNOWN_V1_CONTROLLERS.has(o) || o.startsWith('name=')),
    });
  }
  return out;
}

const KNOWN_V1_CONTROLLERS = new Set([
  'cpu', 'cpuacct', 'cpuset', 'memory', 'blkio', 'devices', 'freezer', 'net_cls', 'net_prio',
  'perf_event', 'hugetlb', 'pids', 'rdma', 'misc',
]);

/** A parsed limit: none set, or a value. */
export type Limit = { readonly kind: 'unlimited'; readonly raw: string } | { readonly kind: 'limit'; readonly value: number; readonly raw: string };

/** Values at or above 2^62 mean "no limit" (v1 writes 2^63 - 4096, some kernels 2^64 - 1). */
export const NO_LIMIT_THRESHOLD = 2n ** 62n;

/** cgroup v2 `cpu.max`: `max 100000` (unlimited) or `150000 100000` (1.5 CPUs). */
export function parseCpuMax(text: string): Limit | null {
  const raw = text.trim();
  const m = /^(max|\d+)(?:\s+(\d+))?$/.exec(raw);
  if (!m) return null;
  if (m[1] === 'max') return { kind: 'unlimited', raw };
  const period = m[2] === undefined ? 100_000 : Number(m[2]);
  if (period <= 0) return null;
  return { kind: 'limit', value: Number(m[1]) / period, raw };
}

/** cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`: quota -1 means unlimited. */
export function parseCfsQuota(quotaText: string, periodText: string): Limit | null {
  const q = quotaText.trim();
  const p = periodText.trim();
  const raw = `${q}/${p}`;
  if (!/^-?\d+$/.test(q)) return null;
  if (Number(q) < 0) return { kind: 'unlimited', raw };
  if (!/^\d+$/.test(p) || Number(p) <= 0) return null;
  return { kind: 'limit', value: Number(q) / Number(p), raw };
}

/** A memory limit (`memory.max` or `memory.limit_in_bytes`): `max`, -1 and huge values are unlimited. */
export function parseMemoryLimit(text: string): Limit | null {
  const raw = text.trim();
  if (raw === 'max' || raw === '-1') return { kind: 'unlimited', raw };
  if (!/^\d+$/.test(raw)) return null;
  if (BigInt(raw) >= NO_LIMIT_THRESHOLD) return { kind: 'unlimited', raw };
  return { kind: 'limit', value: Number(raw), raw };
}

/** A plain byte count such as `memory.current`. */
export function parseBytes(text: string): number | null {
  const raw = text.trim();
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

export interface CpuinfoFacts {
  readonly model: string | null;
  readonly mhz: number | null;
  readonly processors: number;
  /** Distinct (physical id, core id) pairs; null when the file has no topology fields. */
  readonly physicalCores: number | null;
}

/** /proc/cpuinfo: model name, MHz, processor count and physical cores. */
export function parseCpuinfo(text: string): CpuinfoFacts {
  let model: string | null = null;
  let mhz: number | null = null;
  let processors = 0;
  const cores = new Set<string>();
  let physId = '0';
  let sawCoreId = false;
  for (const line of text.split('\n')) {
    const idx = line.indexOf(':');
    if (idx < 0) continue;
    const key = line.slice(0, idx).trim();
    const value = line.slice(idx + 1).trim();
    if (key === 'processor') {
      processors++;
      physId = '0';
    } else if ((key === 'model name' || key === 'Model') && model === null && value !== '') model = value;
    else if (key === 'cpu MHz' && mhz === null && Number.isFinite(Number(value)) && value !== '') mhz = Number(value);
    else if (key === 'physical id') physId = value;
    else if (key === 'core id') {
      sawCoreId = true;
      cores.add(`${physId}:${value}`);
    }
  }
  return { model, mhz, processors, physicalCores: sawCoreId ? cores.size : null };
}

/** The three load averages from /proc/loadavg. */
export function parseLoadavg(text: string): [number, number, number] | null {
  const parts = text.trim().split(/\s+/).slice(0, 3).map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  return [parts[0], parts[1], parts[2]];
}
