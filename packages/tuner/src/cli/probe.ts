import { probeSystem, type SystemProfile } from '@perf/system-probe';
import { formatBytes } from '../report.js';
import { table, type Output } from './output.js';

export async function probeCommand(output: Output, options: { measureDisk?: boolean }): Promise<SystemProfile> {
  const profile = await probeSystem({ measureDisk: options.measureDisk === true });
  if (output.json) output.data(profile);
  else output.result(describeSystem(profile));
  return profile;
}

const orUnknown = (value: number | string | null, format: (v: number) => string = String): string =>
  value === null ? 'unknown' : typeof value === 'number' ? format(value) : value;

/** A person-readable summary; every figure read from the machine (source in brackets). */
export function describeSystem(p: SystemProfile): string {
  const src = (path: string): string => `[${p.sources[path] ?? 'unknown'}]`;
  const rows: (string | number)[][] = [
    ['fact', 'value', 'source'],
    ['effective cores', `${p.cpu.effectiveCores} (budget ${p.cpu.cpuBudget}; ${p.cpu.effectiveCoresRule})`, src('cpu.effectiveCores')],
    ['logical / physical cores', `${p.cpu.logicalCores} / ${orUnknown(p.cpu.physicalCores)}`, src('cpu.logicalCores')],
    ['cpu', `${orUnknown(p.cpu.model)} @ ${orUnknown(p.cpu.speedMhz)} MHz`, src('cpu.model')],
    ['caches per core', `L1d ${orUnknown(p.cpu.caches.l1d, formatBytes)}, L2 ${orUnknown(p.cpu.caches.l2, formatBytes)}, L3 ${orUnknown(p.cpu.caches.l3, formatBytes)}`, src('cpu.caches.l1d')],
    ['memory limit', `${formatBytes(p.memory.effectiveLimitBytes)} of ${formatBytes(p.memory.totalBytes)} total`, src('memory.effectiveLimitBytes')],
    ['available memory', orUnknown(p.memory.availableBytes, formatBytes), src('memory.availableBytes')],
    ['container', `${p.container.inContainer ? 'yes' : 'no'}, cgroup ${orUnknown(p.container.cgroupVersion === null ? null : String(p.container.cgroupVersion))}`, src('container.inContainer')],
    ['disk', `${p.disk.type} (${p.disk.reason})`, src('disk.type')],
    ['load average', p.loadAverage.map((l) => l.toFixed(2)).join(' '), src('loadAverage')],
    ['node', p.node, 'os'],
    ['system type', `${p.systemType}: ${p.systemTypeRule}`, 'rule'],
  ];
  if (p.disk.measured) {
    const m = p.disk.measured;
    rows.push(['disk speed', `seq read ${m.seqReadMBps.toFixed(0)} MB/s, seq write ${m.seqWriteMBps.toFixed(0)} MB/s, ${m.randomReadIops.toFixed(0)} random 4 KiB reads/s`, '[measured]']);
  }
  const unknown = Object.entries(p.unknown);
  const notes = unknown.length ? `\nnot readable: ${unknown.map(([k, v]) => `${k} (${v})`).join('; ')}` : '';
  return `${table(rows)}${notes}`;
}
