import { constants } from 'node:fs';
import type * as FsPromisesModule from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiskMeasurement } from './types.js';

type FsPromises = typeof FsPromisesModule;

const BLOCK = 1024 * 1024;
const RANDOM_READ = 4096;
const ALIGN_PROBE_SPAN = 8192;

export interface MeasureDiskSettings {
  readonly directory: string;
  readonly fileBytes: number;
  readonly randomReads: number;
  readonly now: () => number;
}

/** Fills with xorshift32 noise, so a compressing or deduplicating layer cannot shrink the writes. */
function fillNoise(buf: Buffer): void {
  let x = 0x9e3779b9;
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf.writeUInt32LE(x >>> 0, i);
  }
}

/** Finds an offset into `ab` at which O_DIRECT reads are accepted (buffers must be block aligned). */
async function alignedOffset(fh: FileHandle, ab: ArrayBuffer): Promise<number | null> {
  for (let off = 0; off < ALIGN_PROBE_SPAN; off += 16) {
    try {
      await fh.read(new Uint8Array(ab, off, RANDOM_READ), 0, RANDOM_READ, 0);
      return off;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') return null;
    }
  }
  return null;
}

/** Opens with O_DIRECT and an aligned buffer offset when possible, else a plain (cached) handle. */
async function openForReading(open: FsPromises['open'], file: string, ab: ArrayBuffer): Promise<{ fh: FileHandle; offset: number | null }> {
  if (constants.O_DIRECT !== undefined) {
    let direct: FileHandle | null = null;
    try {
      direct = await open(file, constants.O_RDONLY | constants.O_DIRECT);
      const offset = await alignedOffset(direct, ab);
      if (offset !== null) return { fh: direct, offset };
    } catch {
      // O_DIRECT refused (tmpfs, some network filesystems): fall through to a cached read.
    }
    await direct?.close();
  }
  return { fh: await open(file, 'r'), offset: null };
}

/**
 * Writes `fileBytes` sequentially (1 MiB writes, then fsync), reads them back sequentially,
 * then does `randomReads` 4 KiB reads at random aligned offsets, one at a time (queue depth 1).
 * Reads use O_DIRECT when the filesystem allows it; otherwise the page cache serves them and
 * inflates the read figures, which `note` says. The temp directory is always removed.
 */
export async function measureDisk(s: MeasureDiskSettings): Promise<DiskMeasurement> {
  // Imported here, not at the top: node:fs/promises pulls in readline and abort_controller,
  // several milliseconds of start-up the static probe should not pay.
  const { mkdtemp, open, rm } = await import('node:fs/promises');
  const dir = await mkdtemp(join(s.directory, 'perf-system-probe-'));
  const file = join(dir, 'probe.bin');
  const blocks = Math.max(1, Math.floor(s.fileBytes / BLOCK));
  const fileBytes = blocks * BLOCK;
  try {
    const data = Buffer.allocUnsafe(BLOCK);
    fillNoise(data);
    const w = await open(file, 'w');
    let t0 = s.now();
    try {
      for (let i = 0; i < blocks; i++) await w.write(data, 0, BLOCK, i * BLOCK);
      await w.sync();
    } finally {
      await w.close();
    }
    const writeSec = (s.now() - t0) / 1000;

    const ab = new ArrayBuffer(BLOCK + ALIGN_PROBE_SPAN);
    const { fh, offset } = await openForReading(open, file, ab);
    const buf = new Uint8Array(ab, offset ?? 0, BLOCK);
    try {
      t0 = s.now();
      for (let i = 0; i < blocks; i++) await fh.read(buf, 0, BLOCK, i * BLOCK);
      const readSec = (s.now() - t0) / 1000;
      const small = buf.subarray(0, RANDOM_READ);
      const slots = fileBytes / RANDOM_READ;
      t0 = s.now();
      for (let i = 0; i < s.randomReads; i++) await fh.read(small, 0, RANDOM_READ, Math.floor(Math.random() * slots) * RANDOM_READ);
      const randomSec = (s.now() - t0) / 1000;
      const cacheBypassed = offset !== null;
      return {
        seqWriteMBps: fileBytes / 1e6 / writeSec,
        seqReadMBps: fileBytes / 1e6 / readSec,
        randomReadIops: s.randomReads / randomSec,
        fileBytes,
        directory: s.directory,
        cacheBypassed,
        note: `measured on a ${fileBytes / BLOCK} MiB temp file: write = 1 MiB writes + fsync; reads ${cacheBypassed
          ? 'with O_DIRECT (page cache bypassed; the host or hypervisor may still cache)'
          : 'through the page cache (O_DIRECT refused here): page cache may inflate read figures'}; random reads one at a time (queue depth 1) through Node's fs`,
      };
    } finally {
      await fh.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
