import os from 'node:os';
import type { SystemProfile } from './types.js';
import { resolveOptions, type ProbeOptions, type ResolvedOptions } from './options.js';
import { createReader, type Reader } from './reader.js';
import { newFactLog, mergeInto, type FactLog } from './facts.js';
import { readAffinity, readStaticCpu, type StaticCpu } from './cpu.js';
import { readCgroups } from './cgroup.js';
import { readMemory } from './memory.js';
import { containerEvidence } from './container.js';
import { readDiskType, type DiskTypeFacts } from './disk.js';
import { classifySystem, effectiveCoresFrom } from './classify.js';
import { parseLoadavg } from './parse.js';

/** Facts that do not change while the process runs, read once per (rootDir, diskPath). */
interface StaticFacts {
  readonly cpu: StaticCpu;
  readonly disk: DiskTypeFacts;
  readonly containerEvidence: readonly string[];
  readonly log: FactLog;
}

const staticCache = new Map<string, Promise<StaticFacts>>();

/** Forgets the static facts cached by earlier probes (for tests, or after hot-plugging hardware). */
export function clearProbeCache(): void {
  staticCache.clear();
}

async function loadSystemInformation(): Promise<{ cpu(): Promise<{ physicalCores: number }> }> {
  return await import('systeminformation');
}

async function readStatic(reader: Reader, o: ResolvedOptions, ownCgroupPaths: readonly string[]): Promise<StaticFacts> {
  const log = newFactLog();
  const cpu = await readStaticCpu(reader, log, o.useSystemInformation ? loadSystemInformation : null);
  const disk = readDiskType(reader, o.diskPath);
  log.sources['disk.type'] = 'sysfs';
  if (disk.type === 'unknown') log.unknown['disk.type'] = disk.reason;
  return { cpu, disk, containerEvidence: containerEvidence(reader, ownCgroupPaths), log };
}

/**
 * Reads the facts about the machine this process runs on, container limits included.
 * Never throws for an unreadable fact (it becomes null with a reason in `unknown`);
 * throws `SystemProbeError` (code SYSTEM_PROBE_INVALID_OPTION) only for invalid options.
 */
export async function probeSystem(options?: ProbeOptions): Promise<SystemProfile> {
  const o = resolveOptions(options);
  const reader = createReader(o.rootDir);
  const log = newFactLog();
  const cgroup = readCgroups(reader);

  const key = `${o.rootDir}\0${o.diskPath}\0${String(o.useSystemInformation)}`;
  let pending = o.cache ? staticCache.get(key) : undefined;
  if (pending === undefined) {
    pending = readStatic(reader, o, cgroup.paths);
    if (o.cache) {
      staticCache.set(key, pending);
      // A failed read must not stay cached: the next probe tries again.
      pending.catch(() => staticCache.delete(key));
    }
  }
  const st = await pending;
  mergeInto(log, st.log);

  const cpuEvidence: string[] = [];
  const affinity = readAffinity(reader, log, cpuEvidence);
  const eff = effectiveCoresFrom(affinity, cgroup.cpuQuota);
  const quotaDecides = cgroup.cpuQuota !== null && cgroup.cpuQuota < affinity;
  log.sources['cpu.effectiveCores'] = quotaDecides ? 'cgroup' : (log.sources['cpu.affinity'] ?? 'os');
  log.sources['cpu.cpuBudget'] = log.sources['cpu.effectiveCores'];

  const memory = readMemory(reader, log, cgroup);

  if (cgroup.version !== null) log.sources['container.cgroupVersion'] = 'cgroup';
  if (cgroup.reasons.version !== undefined) log.unknown['container.cgroupVersion'] = cgroup.reasons.version;
  if (cgroup.cpuQuota !== null) log.sources['container.cpuQuota'] = 'cgroup';
  if (cgroup.reasons.cpuQuota !== undefined) log.unknown['container.cpuQuota'] = cgroup.reasons.cpuQuota;
  if (cgroup.memoryLimitBytes !== null) log.sources['container.memoryLimitBytes'] = 'cgroup';
  if (cgroup.reasons.memoryLimit !== undefined) log.unknown['container.memoryLimitBytes'] = cgroup.reasons.memoryLimit;
  log.sources['container.inContainer'] = 'procfs';

  const loadRead = reader.read('/proc/loadavg');
  let loadAverage = loadRead.ok ? parseLoadavg(loadRead.text) : null;
  if (loadAverage !== null) log.sources['loadAverage'] = 'procfs';
  else {
    loadAverage = os.loadavg() as [number, number, number];
    log.sources['loadAverage'] = 'os';
  }
  log.sources['os'] = 'os';
  log.sources['node'] = 'os';

  let measured;
  if (o.measureDisk) {
    try {
      // Loaded only when asked, so the static probe does not pay for fs/promises and crypto.
      const { measureDisk } = await import('./disk-measure.js');
      measured = await measureDisk({ directory: o.diskPath, fileBytes: o.measureDiskBytes, randomReads: o.randomReads, now: o.now });
      log.sources['disk.measured'] = 'measured';
    } catch (err) {
      log.unknown['disk.measured'] = `disk measurement in ${o.diskPath} failed: ${(err as Error).message}`;
    }
  }

  const { systemType, rule } = classifySystem(eff.effectiveCores, memory.effectiveLimitBytes);
  return {
    cpu: {
      logicalCores: st.cpu.logicalCores,
      physicalCores: st.cpu.physicalCores,
      effectiveCores: eff.effectiveCores,
      cpuBudget: eff.cpuBudget,
      effectiveCoresRule: eff.rule,
      affinityCores: affinity,
      model: st.cpu.model,
      speedMhz: st.cpu.speedMhz,
      caches: st.cpu.caches,
    },
    memory,
    container: {
      inContainer: st.containerEvidence.length > 0,
      cgroupVersion: cgroup.version,
      cpuQuota: cgroup.cpuQuota,
      memoryLimitBytes: cgroup.memoryLimitBytes,
      evidence: [...(st.containerEvidence.length > 0 ? st.containerEvidence : ['no container evidence: no /.dockerenv, no /run/.containerenv, no runtime names in /proc/1/cgroup or this process\'s cgroup paths']), ...cpuEvidence, ...cgroup.evidence],
    },
    disk: { ...st.disk, ...(measured ? { measured } : {}) },
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    node: process.version,
    loadAverage,
    systemType,
    systemTypeRule: rule,
    sources: log.sources,
    unknown: log.unknown,
  };
}
