import os from 'node:os';
import type { CpuCaches } from './types.js';
import type { Reader } from './reader.js';
import type { FactLog } from './facts.js';
import { parseCacheSize, parseCpuinfo, parseCpuList } from './parse.js';

const CPU_DIR = '/sys/devices/system/cpu';

/** CPU facts that do not change while the process runs (cached per rootDir). */
export interface StaticCpu {
  readonly logicalCores: number;
  readonly physicalCores: number | null;
  readonly model: string | null;
  readonly speedMhz: number | null;
  readonly caches: CpuCaches;
}

type LoadSystemInformation = () => Promise<{ cpu(): Promise<{ physicalCores: number }> }>;

export async function readStaticCpu(reader: Reader, log: FactLog, loadSi: LoadSystemInformation | null): Promise<StaticCpu> {
  const cpuinfoRead = reader.read('/proc/cpuinfo');
  const cpuinfo = cpuinfoRead.ok ? parseCpuinfo(cpuinfoRead.text) : null;
  // os.cpus() re-reads /proc/stat and /proc/cpuinfo: only called when a fallback needs it.
  let osCpusCache: os.CpuInfo[] | undefined;
  const osCpus = (): os.CpuInfo[] => (osCpusCache ??= os.cpus());

  let logicalCores: number;
  const online = reader.read(`${CPU_DIR}/online`);
  const onlineCount = online.ok ? parseCpuList(online.text) : null;
  if (onlineCount !== null) {
    logicalCores = onlineCount;
    log.sources['cpu.logicalCores'] = 'sysfs';
  } else if (cpuinfo !== null && cpuinfo.processors > 0) {
    logicalCores = cpuinfo.processors;
    log.sources['cpu.logicalCores'] = 'procfs';
  } else {
    logicalCores = Math.max(1, osCpus().length);
    log.sources['cpu.logicalCores'] = 'os';
  }

  let physicalCores = cpuinfo?.physicalCores ?? null;
  if (physicalCores !== null) log.sources['cpu.physicalCores'] = 'procfs';
  else physicalCores = physicalFromTopology(reader);
  if (physicalCores !== null) log.sources['cpu.physicalCores'] ??= 'sysfs';
  else if (loadSi !== null) {
    try {
      const si = await loadSi();
      const n = (await si.cpu()).physicalCores;
      if (Number.isInteger(n) && n > 0) {
        physicalCores = n;
        log.sources['cpu.physicalCores'] = 'systeminformation';
      }
    } catch (err) {
      log.unknown['cpu.physicalCores'] = `systeminformation cpu() failed: ${(err as Error).message}`;
    }
  }
  if (physicalCores === null) log.unknown['cpu.physicalCores'] ??= 'no core ids in /proc/cpuinfo or sysfs topology, and systeminformation not used';

  let model = cpuinfo?.model ?? null;
  if (model !== null) log.sources['cpu.model'] = 'procfs';
  else if (osCpus()[0]?.model) {
    model = (osCpus()[0]).model.trim();
    log.sources['cpu.model'] = 'os';
  } else log.unknown['cpu.model'] = cpuinfoRead.ok ? 'no model name in /proc/cpuinfo or os.cpus()' : cpuinfoRead.reason;

  const speedMhz = readSpeed(reader, log, cpuinfo?.mhz ?? null, () => osCpus()[0]?.speed ?? 0);
  return { logicalCores, physicalCores, model, speedMhz, caches: readCaches(reader, log) };
}

function readSpeed(reader: Reader, log: FactLog, cpuinfoMhz: number | null, osSpeedOf: () => number): number | null {
  const max = reader.read(`${CPU_DIR}/cpu0/cpufreq/cpuinfo_max_freq`);
  if (max.ok && /^\d+$/.test(max.text.trim())) {
    log.sources['cpu.speedMhz'] = 'sysfs';
    return Math.round(Number(max.text.trim()) / 1000);
  }
  if (cpuinfoMhz !== null && cpuinfoMhz > 0) {
    log.sources['cpu.speedMhz'] = 'procfs';
    return Math.round(cpuinfoMhz);
  }
  const osSpeed = osSpeedOf();
  if (osSpeed > 0) {
    log.sources['cpu.speedMhz'] = 'os';
    return osSpeed;
  }
  log.unknown['cpu.speedMhz'] = 'no cpufreq in sysfs, no "cpu MHz" in /proc/cpuinfo, os.cpus() speed 0';
  return null;
}

function physicalFromTopology(reader: Reader): number | null {
  const cpus = reader.list(CPU_DIR)?.filter((d) => /^cpu\d+$/.test(d)) ?? [];
  const cores = new Set<string>();
  for (const cpu of cpus) {
    const r = reader.read(`${CPU_DIR}/${cpu}/topology/core_cpus_list`);
    const alt = r.ok ? r : reader.read(`${CPU_DIR}/${cpu}/topology/thread_siblings_list`);
    if (!alt.ok) return null;
    cores.add(alt.text.trim());
  }
  return cores.size > 0 ? cores.size : null;
}

/** Per-core cache sizes of cpu0 from sysfs (`index*\/{level,type,size}`), in bytes. */
export function readCaches(reader: Reader, log: FactLog): CpuCaches {
  const dir = `${CPU_DIR}/cpu0/cache`;
  const found: { l1d: number | null; l1i: number | null; l2: number | null; l3: number | null } = { l1d: null, l1i: null, l2: null, l3: null };
  const entries = reader.list(dir);
  const problems: string[] = [];
  for (const idx of (entries ?? []).filter((e) => /^index\d+$/.test(e)).sort()) {
    const level = reader.read(`${dir}/${idx}/level`);
    const type = reader.read(`${dir}/${idx}/type`);
    const size = reader.read(`${dir}/${idx}/size`);
    if (!level.ok || !type.ok || !size.ok) {
      problems.push([level, type, size].flatMap((r) => (r.ok ? [] : [r.reason])).join('; '));
      continue;
    }
    const bytes = parseCacheSize(size.text);
    if (bytes === null) {
      problems.push(`${dir}/${idx}/size: unrecognised "${size.text.trim()}"`);
      continue;
    }
    const key = cacheKey(level.text.trim(), type.text.trim());
    if (key !== null && found[key] === null) found[key] = bytes;
  }
  for (const key of ['l1d', 'l1i', 'l2', 'l3'] as const) {
    if (found[key] !== null) log.sources[`cpu.caches.${key}`] = 'sysfs';
    else {
      log.unknown[`cpu.caches.${key}`] = entries === null ? `${dir}: missing (this kernel or VM exposes no cache topology in sysfs)`
        : problems.length > 0 ? problems.join('; ') : `no ${key} entry under ${dir}`;
    }
  }
  return found;
}

function cacheKey(level: string, type: string): 'l1d' | 'l1i' | 'l2' | 'l3' | null {
  if (level === '1') return type === 'Data' ? 'l1d' : type === 'Instruction' ? 'l1i' : null;
  if (level === '2' && type !== 'Instruction') return 'l2';
  if (level === '3' && type !== 'Instruction') return 'l3';
  return null;
}

/** CPUs this process may run on: /proc/self/status `Cpus_allowed_list`, else os.availableParallelism(). */
export function readAffinity(reader: Reader, log: FactLog, evidence: string[]): number {
  const status = reader.read('/proc/self/status');
  const line = status.ok ? /^Cpus_allowed_list:\s*(.+)$/m.exec(status.text)?.[1] : undefined;
  const count = line === undefined ? null : parseCpuList(line);
  if (count !== null && count > 0) {
    evidence.push(`/proc/self/status Cpus_allowed_list = ${line?.trim()} (${count} CPUs)`);
    log.sources['cpu.affinity'] = 'procfs';
    return count;
  }
  const n = os.availableParallelism();
  evidence.push(`affinity from os.availableParallelism() = ${n} (${status.ok ? 'no usable Cpus_allowed_list' : status.reason})`);
  log.sources['cpu.affinity'] = 'os';
  return n;
}
