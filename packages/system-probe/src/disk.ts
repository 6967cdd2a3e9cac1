import { statSync } from 'node:fs';
import { posix } from 'node:path';
import type { DiskDevice, DiskType } from './types.js';
import type { Reader } from './reader.js';

/** Block devices that are not disks a program stores data on. */
export const NON_DISK_PATTERN = /^(loop|ram|zram|dm-|md|sr|fd|nbd|mtdblock|zd)/;
/** Paravirtual disks (virtio, Xen) whose rotational flag is a default, not a fact about storage. */
export const VIRTUAL_DISK_PATTERN = /^(vd|xvd)/;

/** Pure: a disk's type from its name and its sysfs rotational flag (null when unreadable). */
export function classifyDisk(name: string, rotational: string | null): { type: DiskType; reason: string } {
  const rot = rotational?.trim() ?? null;
  if (name.startsWith('nvme')) return { type: 'nvme', reason: `${name}: NVMe device name` };
  if (VIRTUAL_DISK_PATTERN.test(name)) {
    if (rot === '0') return { type: 'ssd', reason: `${name}: virtual disk marked non-rotational (queue/rotational=0) by the host` };
    return { type: 'unknown', reason: `${name}: virtual (virtio/Xen) disk ${rot === '1' ? 'claims rotational=1, the default for such disks' : 'with no readable rotational flag'}; the backing storage is unknown` };
  }
  if (rot === '0') return { type: 'ssd', reason: `${name}: queue/rotational=0` };
  if (rot === '1') return { type: 'hdd', reason: `${name}: queue/rotational=1` };
  return { type: 'unknown', reason: `${name}: queue/rotational ${rot === null ? 'unreadable' : `holds "${rot}"`}` };
}

/** Linux dev_t split (glibc's gnu_dev_major / gnu_dev_minor). */
export function devMajorMinor(dev: number): [number, number] {
  const d = BigInt(dev);
  const major = Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn));
  const minor = Number((d & 0xffn) | ((d >> 12n) & ~0xffn));
  return [major, minor];
}

function deviceOfPath(reader: Reader, path: string): string | null {
  try {
    const [major, minor] = devMajorMinor(statSync(path).dev);
    const real = reader.realpath(`/sys/dev/block/${major}:${minor}`);
    if (real === null) return null;
    return reader.exists(`${real}/partition`) ? posix.basename(posix.dirname(real)) : posix.basename(real);
  } catch {
    return null;
  }
}

export interface DiskTypeFacts {
  readonly type: DiskType;
  readonly reason: string;
  readonly device: string | null;
  readonly devices: readonly DiskDevice[];
}

/** The type of the disk holding `path` (or the only/first disk when that cannot be resolved). */
export function readDiskType(reader: Reader, path: string): DiskTypeFacts {
  const names = reader.list('/sys/block');
  if (names === null) return { type: 'unknown', reason: '/sys/block: missing or unreadable', device: null, devices: [] };
  const devices: DiskDevice[] = names.filter((n) => !NON_DISK_PATTERN.test(n)).sort().map((name) => {
    const r = reader.read(`/sys/block/${name}/queue/rotational`);
    return { name, ...classifyDisk(name, r.ok ? r.text : null) };
  });
  if (devices.length === 0) return { type: 'unknown', reason: `/sys/block lists no disks (only ${names.join(', ') || 'nothing'})`, device: null, devices };
  const own = deviceOfPath(reader, path);
  const chosen = devices.find((d) => d.name === own);
  if (chosen) return { type: chosen.type, reason: `${chosen.reason} (holds ${path})`, device: chosen.name, devices };
  const first = devices[0];
  const how = devices.length === 1 ? 'the only disk' : `first of ${devices.length} disks (${devices.map((d) => d.name).join(', ')}); the disk holding ${path} could not be resolved`;
  return { type: first.type, reason: `${first.reason} (${how})`, device: first.name, devices };
}
