import { posix } from 'node:path';
import type { CgroupVersion } from './types.js';
import type { Reader } from './reader.js';
import {
  parseBytes, parseCfsQuota, parseCpuMax, parseMemoryLimit, parseMountinfo, parseProcCgroup,
  type CgroupMount, type Limit, type ProcCgroupEntry,
} from './parse.js';

/** What the cgroup files say about this process's limits, with the evidence read. */
export interface CgroupFacts {
  readonly version: CgroupVersion;
  /** Tightest CPU quota over the process's cgroup and its parents, in CPUs; null when none or unknown. */
  readonly cpuQuota: number | null;
  /** Tightest memory limit in bytes; null when none or unknown. */
  readonly memoryLimitBytes: number | null;
  /** Memory in use in the cgroup that sets the tightest limit. */
  readonly memoryUsageBytes: number | null;
  /** The process's cgroup paths, as read from /proc/self/cgroup. */
  readonly paths: readonly string[];
  readonly evidence: readonly string[];
  /** Why a figure is unknown (as opposed to simply unlimited). */
  readonly reasons: { readonly version?: string; readonly cpuQuota?: string; readonly memoryLimit?: string };
}

interface Hierarchy {
  readonly version: 1 | 2;
  readonly mount: CgroupMount;
  /** The process's cgroup directory first, then its parents up to the mount point. */
  readonly levels: readonly string[];
}

const CGROUP_ROOT = '/sys/fs/cgroup';

function conventionalMounts(reader: Reader, entries: readonly ProcCgroupEntry[]): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const dir of [CGROUP_ROOT, `${CGROUP_ROOT}/unified`]) {
    if (reader.exists(`${dir}/cgroup.controllers`)) mounts.push({ root: '/', mountPoint: dir, version: 2, controllers: [] });
  }
  for (const e of entries) {
    if (e.hierarchyId === 0 || e.controllers.length === 0) continue;
    const names = [e.controllers.join(','), ...e.controllers.map((c) => c.replace(/^name=/, ''))];
    const found = names.map((n) => `${CGROUP_ROOT}/${n}`).find((d) => reader.list(d) !== null);
    if (found !== undefined) mounts.push({ root: '/', mountPoint: found, version: 1, controllers: e.controllers });
  }
  return mounts;
}

function discoverMounts(reader: Reader, entries: readonly ProcCgroupEntry[], evidence: string[]): CgroupMount[] {
  const info = reader.read('/proc/self/mountinfo');
  if (info.ok) {
    const mounts = parseMountinfo(info.text);
    if (mounts.length > 0) {
      evidence.push(`cgroup mounts from /proc/self/mountinfo: ${mounts.map((m) => `${m.mountPoint} (v${m.version})`).join(', ')}`);
      return mounts;
    }
  }
  const mounts = conventionalMounts(reader, entries);
  const why = info.ok ? '/proc/self/mountinfo lists no cgroup mounts' : info.reason;
  evidence.push(`${why}; probed the conventional ${CGROUP_ROOT} layout: ${mounts.map((m) => `${m.mountPoint} (v${m.version})`).join(', ') || 'nothing found'}`);
  return mounts;
}

function levelsFor(reader: Reader, mount: CgroupMount, processPath: string, evidence: string[]): string[] {
  const rel = mount.root === '/' ? processPath
    : processPath === mount.root || processPath.startsWith(`${mount.root}/`) ? processPath.slice(mount.root.length) || '/'
      : processPath;
  let dir = posix.join(mount.mountPoint, rel).replace(/(.)\/+$/, '$1');
  if (reader.list(dir) === null) {
    evidence.push(`cgroup directory ${dir} is not visible (a cgroup namespace or private mount); reading ${mount.mountPoint}`);
    dir = mount.mountPoint;
  }
  const levels = [dir];
  while (dir !== mount.mountPoint && dir.startsWith(`${mount.mountPoint}/`)) {
    dir = posix.dirname(dir);
    levels.push(dir);
  }
  return levels;
}

function hierarchyFor(reader: Reader, controller: 'cpu' | 'memory', entries: readonly ProcCgroupEntry[], mounts: readonly CgroupMount[], evidence: string[]): Hierarchy | null {
  const v1Entry = entries.find((e) => e.hierarchyId !== 0 && e.controllers.includes(controller));
  const v1Mount = mounts.find((m) => m.version === 1 && m.controllers.includes(controller));
  if (v1Entry && v1Mount) return { version: 1, mount: v1Mount, levels: levelsFor(reader, v1Mount, v1Entry.path, evidence) };
  const v2Entry = entries.find((e) => e.hierarchyId === 0);
  const v2Mount = mounts.find((m) => m.version === 2);
  if (v2Entry && v2Mount) return { version: 2, mount: v2Mount, levels: levelsFor(reader, v2Mount, v2Entry.path, evidence) };
  return null;
}

interface Tightest { value: number | null; level: string | null; reason?: string }

/** Reads a limit at every level and keeps the smallest; unreadable or garbage files become a reason. */
function tightest(h: Hierarchy, readLimit: (dir: string) => { limit: Limit | null; files: string; failure?: string } | null,
  describe: (l: Limit) => string, evidence: string[]): Tightest {
  let best: Tightest = { value: null, level: null };
  const failures: string[] = [];
  let readAny = false;
  for (const dir of h.levels) {
    const r = readLimit(dir);
    if (r === null) continue;
    if (r.failure !== undefined) { failures.push(r.failure); continue; }
    if (r.limit === null) { failures.push(`${r.files}: unrecognised content`); continue; }
    readAny = true;
    evidence.push(`${r.files} = ${r.limit.raw} (${describe(r.limit)})`);
    if (r.limit.kind === 'limit' && (best.value === null || r.limit.value < best.value)) best = { value: r.limit.value, level: dir };
  }
  for (const f of failures) evidence.push(f);
  if (best.value === null && failures.length > 0) {
    best.reason = readAny ? `no limit readable where set: ${failures.join('; ')}` : failures.join('; ');
  }
  return best;
}

function readCpu(reader: Reader, h: Hierarchy, evidence: string[]): Tightest {
  return tightest(h, (dir) => {
    if (h.version === 2) {
      const f = `${dir}/cpu.max`;
      const r = reader.read(f);
      if (!r.ok) return r.missing ? null : { limit: null, files: f, failure: r.reason };
      return { limit: parseCpuMax(r.text), files: f };
    }
    const qf = `${dir}/cpu.cfs_quota_us`;
    const q = reader.read(qf);
    if (!q.ok) return q.missing ? null : { limit: null, files: qf, failure: q.reason };
    const pf = `${dir}/cpu.cfs_period_us`;
    const p = reader.read(pf);
    if (!p.ok) return { limit: null, files: pf, failure: p.reason };
    return { limit: parseCfsQuota(q.text, p.text), files: `${qf} / cpu.cfs_period_us` };
  }, (l) => (l.kind === 'unlimited' ? 'no CPU limit' : `${l.value} CPUs`), evidence);
}

function readMemory(reader: Reader, h: Hierarchy, evidence: string[]): Tightest {
  const file = h.version === 2 ? 'memory.max' : 'memory.limit_in_bytes';
  return tightest(h, (dir) => {
    const f = `${dir}/${file}`;
    const r = reader.read(f);
    if (!r.ok) return r.missing ? null : { limit: null, files: f, failure: r.reason };
    return { limit: parseMemoryLimit(r.text), files: f };
  }, (l) => (l.kind === 'unlimited' ? 'no memory limit' : `${l.value} bytes`), evidence);
}

/** Reads the cgroup version and the tightest CPU and memory limits of this process. */
export function readCgroups(reader: Reader): CgroupFacts {
  const evidence: string[] = [];
  const self = reader.read('/proc/self/cgroup');
  if (!self.ok) {
    return { version: null, cpuQuota: null, memoryLimitBytes: null, memoryUsageBytes: null, paths: [], evidence: [self.reason],
      reasons: { version: self.reason, cpuQuota: self.reason, memoryLimit: self.reason } };
  }
  const entries = parseProcCgroup(self.text);
  const paths = [...new Set(entries.map((e) => e.path))];
  evidence.push(`/proc/self/cgroup: ${entries.map((e) => `${e.hierarchyId}:${e.controllers.join(',')}:${e.path}`).join(' ') || 'no cgroup lines'}`);
  const mounts = discoverMounts(reader, entries, evidence);
  const hasV1 = entries.some((e) => e.hierarchyId !== 0 && e.controllers.some((c) => !c.startsWith('name=')));
  const hasV2 = entries.some((e) => e.hierarchyId === 0) && mounts.some((m) => m.version === 2);
  const version: CgroupVersion = hasV1 && hasV2 ? 'hybrid' : hasV1 ? 1 : hasV2 ? 2 : null;
  evidence.push(`cgroup version ${String(version)}: v1 controllers ${hasV1 ? 'listed' : 'absent'}, cgroup2 ${hasV2 ? 'mounted' : 'not mounted'}`);
  const reasons: { version?: string; cpuQuota?: string; memoryLimit?: string } = {};
  if (version === null) reasons.version = 'no cgroup v1 controllers and no cgroup2 mount found';

  const cpuH = hierarchyFor(reader, 'cpu', entries, mounts, evidence);
  const cpu = cpuH ? readCpu(reader, cpuH, evidence) : { value: null, level: null, reason: 'no cpu cgroup hierarchy found' };
  if (cpu.reason !== undefined) reasons.cpuQuota = cpu.reason;

  const memH = hierarchyFor(reader, 'memory', entries, mounts, evidence);
  const mem = memH ? readMemory(reader, memH, evidence) : { value: null, level: null, reason: 'no memory cgroup hierarchy found' };
  if (mem.reason !== undefined) reasons.memoryLimit = mem.reason;
  let memoryUsageBytes: number | null = null;
  if (memH && mem.level !== null) {
    const u = reader.read(`${mem.level}/${memH.version === 2 ? 'memory.current' : 'memory.usage_in_bytes'}`);
    memoryUsageBytes = u.ok ? parseBytes(u.text) : null;
  }
  return { version, cpuQuota: cpu.value, memoryLimitBytes: mem.value, memoryUsageBytes, paths, evidence, reasons };
}
