import os from 'node:os';
import { isAbsolute } from 'node:path';
import { SystemProbeError } from './errors.js';

/** Options of `probeSystem`. */
export interface ProbeOptions {
  /** Directory under which every /proc and /sys path is read (a fixture tree in tests). @default '/' */
  readonly rootDir?: string;
  /** Measure sequential and random disk speed on a temp file (takes about a second). @default false */
  readonly measureDisk?: boolean;
  /** Directory whose disk is typed, and where `measureDisk` writes its temp file. @default os.tmpdir() */
  readonly diskPath?: string;
  /** Size of the `measureDisk` temp file in bytes, 1 MiB to 1 GiB. @default DEFAULT_MEASURE_DISK_BYTES (64 MiB) */
  readonly measureDiskBytes?: number;
  /** Number of random 4 KiB reads `measureDisk` times. @default DEFAULT_RANDOM_READS (2000) */
  readonly randomReads?: number;
  /** Reuse static facts (CPU model, caches, disk type, container evidence) from an earlier probe in this process. @default true */
  readonly cache?: boolean;
  /** Let systeminformation fill facts /proc, /sys and os lack (physical cores only); loaded lazily. @default true */
  readonly useSystemInformation?: boolean;
  /** Clock in milliseconds, for `measureDisk`. @default performance.now */
  readonly now?: () => number;
}

export const DEFAULT_ROOT_DIR = '/';
export const DEFAULT_MEASURE_DISK_BYTES = 64 * 1024 * 1024;
export const DEFAULT_RANDOM_READS = 2000;
const MIN_MEASURE_DISK_BYTES = 1024 * 1024;
const MAX_MEASURE_DISK_BYTES = 1024 * 1024 * 1024;

export interface ResolvedOptions {
  readonly rootDir: string;
  readonly measureDisk: boolean;
  readonly diskPath: string;
  readonly measureDiskBytes: number;
  readonly randomReads: number;
  readonly cache: boolean;
  readonly useSystemInformation: boolean;
  readonly now: () => number;
}

function invalid(field: string, value: unknown, fix: string): SystemProbeError {
  return new SystemProbeError('SYSTEM_PROBE_INVALID_OPTION', `probeSystem: options.${field} is ${JSON.stringify(value)}; ${fix}`);
}

export function resolveOptions(options: ProbeOptions = {}): ResolvedOptions {
  const rootDir = options.rootDir ?? DEFAULT_ROOT_DIR;
  if (typeof rootDir !== 'string' || !isAbsolute(rootDir)) throw invalid('rootDir', rootDir, 'pass an absolute directory path such as "/" or a fixture tree');
  const diskPath = options.diskPath ?? os.tmpdir();
  if (typeof diskPath !== 'string' || !isAbsolute(diskPath)) throw invalid('diskPath', diskPath, 'pass an absolute directory path');
  const measureDiskBytes = options.measureDiskBytes ?? DEFAULT_MEASURE_DISK_BYTES;
  if (!Number.isInteger(measureDiskBytes) || measureDiskBytes < MIN_MEASURE_DISK_BYTES || measureDiskBytes > MAX_MEASURE_DISK_BYTES) {
    throw invalid('measureDiskBytes', measureDiskBytes, `pass an integer from ${MIN_MEASURE_DISK_BYTES} (1 MiB) to ${MAX_MEASURE_DISK_BYTES} (1 GiB)`);
  }
  const randomReads = options.randomReads ?? DEFAULT_RANDOM_READS;
  if (!Number.isInteger(randomReads) || randomReads < 1 || randomReads > 1_000_000) throw invalid('randomReads', randomReads, 'pass an integer from 1 to 1000000');
  return {
    rootDir,
    measureDisk: options.measureDisk ?? false,
    diskPath,
    measureDiskBytes,
    randomReads,
    cache: options.cache ?? true,
    useSystemInformation: options.useSystemInformation ?? true,
    now: options.now ?? (() => performance.now()),
  };
}
