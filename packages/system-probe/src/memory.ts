import os from 'node:os';
import type { MemoryFacts } from './types.js';
import type { Reader } from './reader.js';
import type { FactLog } from './facts.js';
import type { CgroupFacts } from './cgroup.js';
import { parseMeminfo } from './parse.js';

/** Memory from /proc/meminfo, bounded by the cgroup memory limit where one is set. */
export function readMemory(reader: Reader, log: FactLog, cgroup: CgroupFacts): MemoryFacts {
  const r = reader.read('/proc/meminfo');
  const info = r.ok ? parseMeminfo(r.text) : new Map<string, number>();
  const why = (key: string): string => (r.ok ? `no ${key} line in /proc/meminfo` : r.reason);

  let totalBytes = info.get('MemTotal') ?? null;
  if (totalBytes !== null) log.sources['memory.totalBytes'] = 'procfs';
  else {
    totalBytes = os.totalmem();
    log.sources['memory.totalBytes'] = 'os';
  }

  let availableBytes = info.get('MemAvailable') ?? null;
  if (availableBytes !== null) log.sources['memory.availableBytes'] = 'procfs';
  else log.unknown['memory.availableBytes'] = why('MemAvailable');

  const swapBytes = info.get('SwapTotal') ?? null;
  if (swapBytes !== null) log.sources['memory.swapBytes'] = 'procfs';
  else log.unknown['memory.swapBytes'] = why('SwapTotal');

  const limit = cgroup.memoryLimitBytes;
  let effectiveLimitBytes = totalBytes;
  if (limit !== null && limit < totalBytes) {
    effectiveLimitBytes = limit;
    log.sources['memory.effectiveLimitBytes'] = 'cgroup';
    if (cgroup.memoryUsageBytes !== null) {
      const headroom = Math.max(0, limit - cgroup.memoryUsageBytes);
      if (availableBytes === null || headroom < availableBytes) {
        availableBytes = headroom;
        log.sources['memory.availableBytes'] = 'cgroup';
        delete log.unknown['memory.availableBytes'];
      }
    }
  } else {
    log.sources['memory.effectiveLimitBytes'] = log.sources['memory.totalBytes'];
  }
  return { totalBytes, availableBytes, effectiveLimitBytes, swapBytes };
}
