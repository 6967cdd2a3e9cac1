// Reading the disk level's folder: entry files with their size and last use (mtime), stale
// temp files of dead or long-gone writers, and the runs log. I/O through DiskFs.
import { join } from 'node:path';
import type { DiskFs } from './disk-fs.js';

/** Temp files older than this (or of a dead process) are removed at scan. */
export const STALE_TMP_MS = 3_600_000;
export const ENTRY_FILE = /^[0-9a-f]{64}$/;
export const SHARD_DIR = /^[0-9a-f]{2}$/;

export interface ScannedEntry {
  name: string;
  size: number;
  used: number;
}

export interface Run {
  start: number;
  id: string;
}

/** Every entry file under `dir` (shard folders of two hex digits). */
export async function scanEntries(fs: DiskFs, dir: string): Promise<ScannedEntry[]> {
  const found: ScannedEntry[] = [];
  for (const shard of await fs.readdir(dir).catch(() => [])) {
    if (!SHARD_DIR.test(shard)) continue;
    const shardDir = join(dir, shard);
    const names = (await fs.readdir(shardDir).catch(() => [])).filter((n) => ENTRY_FILE.test(n));
    const stats = await Promise.all(names.map((n) => fs.stat(join(shardDir, n)).catch(() => undefined)));
    names.forEach((n, i) => {
      const s = stats[i];
      if (s !== undefined) found.push({ name: n, size: s.size, used: s.mtimeMs });
    });
  }
  return found;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files (`<name>.<pid>.<n>.tmp`) of dead processes, or older than STALE_TMP_MS. */
export async function removeStaleTemps(fs: DiskFs, tmpDir: string): Promise<void> {
  const now = Date.now();
  for (const tmp of await fs.readdir(tmpDir).catch(() => [])) {
    const pid = Number(tmp.split('.')[1]);
    const path = join(tmpDir, tmp);
    if (pid === process.pid) continue;
    const old = await fs.stat(path).then((s) => now - s.mtimeMs > STALE_TMP_MS, () => false);
    if (old || !Number.isInteger(pid) || !pidAlive(pid)) await fs.unlink(path).catch(() => {});
  }
}

/** Parses `runs.log` (one `<start ms> <run id>` line per run), skipping malformed lines. */
export function parseRuns(text: string): Run[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      return { start: Number(line.slice(0, space)), id: line.slice(space + 1) };
    })
    .filter((run) => Number.isFinite(run.start) && run.id !== '');
}
