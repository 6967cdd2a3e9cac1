// The disk level: one file per entry, named by the SHA-256 of its key, in 256 shard folders.
// Writes go to a temp file then rename (atomic); reads verify a CRC-32 (a mismatch is a miss
// and the file is removed). Last use is the file's mtime, so several processes sharing the
// folder see each other's use; runs are lines of `runs.log`.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { compressEncoded, DEFAULT_COMPRESS_MIN_BYTES } from './codec.js';
import type { Compression } from './codec.js';
import { DiskIndex } from './disk-index.js';
import type { DiskEviction } from './disk-index.js';
import { entryName, packEntry, unpackEntry } from './disk-format.js';
import { nodeDiskFs } from './disk-fs.js';
import { parseRuns, removeStaleTemps, scanEntries, SHARD_DIR } from './disk-scan.js';
import type { DiskFs } from './disk-fs.js';
import { CacheError } from './errors.js';
import type { CacheWarning, LevelStats } from './types.js';

/** Runs an unused entry survives with eviction 'generation'. */
export const DEFAULT_GENERATIONS = 3;
/** Over budget, the level evicts down to this fraction of maxBytes. */
export const DEFAULT_LOW_WATER = 0.9;
/** A hit rewrites the file's mtime at most this often (and always once per run). */
export const TOUCH_INTERVAL_MS = 60_000;

/** Options of the disk level. */
export interface DiskLevelOptions {
  type: 'disk';
  /** Folder of the entries (created if missing); several processes may share it. */
  dir: string;
  /** Byte budget of the entry files, enforced by eviction. */
  maxBytes: number;
  /** Name in stats. @default 'disk' */
  name?: string;
  /** 'lru' or 'generation' (see README: executors that look up every live file each run want 'generation'). @default 'lru' */
  eviction?: DiskEviction;
  /** With eviction 'generation': entries unused in the last N runs are removed. @default 3 */
  generations?: number;
  /** Entries unused for longer than this are removed. @default no age limit */
  maxAgeMs?: number;
  /** Identifies the run; processes of one build passing the same id count as one run. @default a fresh id per open */
  runId?: string;
  /** Compression of stored values. @default 'none' */
  compression?: Compression;
  /** Values smaller than this are stored uncompressed. @default 1024 */
  compressMinBytes?: number;
  /** fsync each file and its folder before set() resolves, so acknowledged writes survive a power loss. @default false (atomic, not durable) */
  durable?: boolean;
  /** Over budget, evict down to this fraction of maxBytes. @default 0.9 */
  lowWater?: number;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** File operations (fault injection in tests). @default node:fs/promises */
  fs?: Partial<DiskFs>;
}

const DISABLING_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

function errCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export class DiskLevel {
  readonly type = 'disk' as const;
  readonly name: string;
  readonly dir: string;
  readonly index: DiskIndex;
  private readonly fs: DiskFs;
  private readonly now: () => number;
  private readonly clockInjected: boolean;
  private readonly tmpDir: string;
  private readonly compression: Compression;
  private readonly compressMinBytes: number;
  private readonly durable: boolean;
  private readonly warn: (warning: Omit<CacheWarning, 'level'>) => void;
  private readonly shards = new Set<string>();
  private readonly ready: Promise<void>;
  private writable = true;
  private maintaining = false;
  private tmpCounter = 0;
  private counters = { hits: 0, misses: 0, evictions: 0 };

  constructor(options: DiskLevelOptions, warn: (warning: Omit<CacheWarning, 'level'>) => void = () => {}) {
    if (typeof options.dir !== 'string' || options.dir === '') {
      throw new CacheError('CACHE_INVALID_OPTION', `disk level: dir must be a folder path, got ${JSON.stringify(options.dir)}`);
    }
    if (!(options.maxBytes > 0)) {
      throw new CacheError('CACHE_INVALID_OPTION', `disk level ${options.dir}: maxBytes must be a positive number, got ${String(options.maxBytes)}`);
    }
    const generations = options.generations ?? DEFAULT_GENERATIONS;
    if (!Number.isInteger(generations) || generations < 1) {
      throw new CacheError('CACHE_INVALID_OPTION', `disk level ${options.dir}: generations must be an integer >= 1, got ${String(generations)}`);
    }
    this.name = options.name ?? 'disk';
    this.dir = options.dir;
    this.tmpDir = join(options.dir, 'tmp');
    this.fs = { ...nodeDiskFs, ...options.fs };
    this.now = options.now ?? Date.now;
    this.clockInjected = options.now !== undefined;
    this.compression = options.compression ?? 'none';
    this.compressMinBytes = options.compressMinBytes ?? DEFAULT_COMPRESS_MIN_BYTES;
    this.durable = options.durable ?? false;
    this.warn = warn;
    this.index = new DiskIndex({
      maxBytes: options.maxBytes,
      eviction: options.eviction ?? 'lru',
      generations,
      maxAgeMs: options.maxAgeMs,
      lowWater: options.lowWater ?? DEFAULT_LOW_WATER,
    });
    this.ready = this.open(options.runId);
  }

  /** Resolves when the folder is scanned and run-start evictions are done. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** True while the level still writes (false after a full disk or a read-only folder). */
  get isWritable(): boolean {
    return this.writable;
  }

  /** Stored bytes of `key` after checksum verification, or undefined. */
  async get(key: string): Promise<Buffer | undefined> {
    await this.ready;
    const name = entryName(key);
    const path = this.pathOf(name);
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(path);
    } catch (error) {
      if (errCode(error) !== 'ENOENT') this.warn({ code: 'CACHE_DISK_IO', message: `disk level "${this.name}": reading ${path} failed (${String(error)}); served as a miss`, cause: error });
      this.counters.misses++;
      return undefined;
    }
    const entry = unpackEntry(bytes);
    if (!entry.ok) {
      this.warn({ code: 'CACHE_DISK_CORRUPT_ENTRY', message: `disk level "${this.name}": ${path} is damaged (${entry.reason}); removed and served as a miss` });
      this.index.remove(name);
      await this.fs.unlink(path).catch(() => {});
      this.counters.misses++;
      return undefined;
    }
    if (entry.key !== key) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    const now = this.now();
    const node = this.index.get(name);
    const stale = node === undefined || node.used < this.index.runStart || now - node.used >= TOUCH_INTERVAL_MS;
    this.index.touch(name, now, bytes.length);
    if (stale && this.writable) await this.fs.utimes(path, now).catch(() => {});
    return entry.value;
  }

  /** Stores encoded bytes; never throws (faults become warnings). */
  async set(key: string, encoded: Buffer): Promise<void> {
    await this.ready;
    if (!this.writable) return;
    const name = entryName(key);
    const file = packEntry(key, await compressEncoded(encoded, this.compression, this.compressMinBytes));
    if (file.length > this.index.options.maxBytes) return;
    const shard = join(this.dir, name.slice(0, 2));
    const tmp = join(this.tmpDir, `${name}.${process.pid}.${this.tmpCounter++}.tmp`);
    try {
      if (!this.shards.has(shard)) {
        await this.fs.mkdir(shard);
        this.shards.add(shard);
      }
      await this.fs.writeNew(tmp, file, this.durable);
      // An injected clock is the one truth of last use: give the file its time.
      if (this.clockInjected) await this.fs.utimes(tmp, this.now());
      await this.fs.rename(tmp, join(shard, name));
      if (this.durable) await this.fs.syncDir(shard);
    } catch (error) {
      await this.fs.unlink(tmp).catch(() => {});
      this.fault(error, `writing ${join(shard, name)}`);
      return;
    }
    this.index.upsert(name, file.length, this.now());
    if (this.index.bytes > this.index.options.maxBytes) await this.maintain(name, true);
  }

  async has(key: string): Promise<boolean> {
    await this.ready;
    try {
      await this.fs.stat(this.pathOf(entryName(key)));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await this.ready;
    const name = entryName(key);
    this.index.remove(name);
    await this.fs.unlink(this.pathOf(name)).catch(() => {});
  }

  /** Removes every entry (the runs log stays). */
  async clear(): Promise<void> {
    await this.ready;
    for (const shard of await this.fs.readdir(this.dir).catch(() => [])) {
      if (SHARD_DIR.test(shard)) await this.fs.rm(join(this.dir, shard)).catch(() => {});
    }
    this.shards.clear();
    this.index.load([]);
  }

  /** Starts a new run (or joins the run `runId` of another process), then applies generation and age eviction. */
  async beginRun(runId?: string): Promise<void> {
    await this.ready;
    await this.startRun(runId);
  }

  private async startRun(runId: string | undefined): Promise<void> {
    const runsPath = join(this.dir, 'runs.log');
    const text = await this.fs.readFile(runsPath).then((b) => b.toString('utf8'), () => '');
    const runs = parseRuns(text);
    if (runId === undefined || !runs.some((run) => run.id === runId)) {
      const last = runs.length === 0 ? -Infinity : runs[runs.length - 1].start;
      const start = Math.max(this.now(), last + 1);
      const id = runId ?? randomUUID();
      runs.push({ start, id });
      if (this.writable) await this.fs.appendFile(runsPath, `${start} ${id}\n`).catch((error: unknown) => this.fault(error, `appending to ${runsPath}`));
    }
    this.index.setRuns(runs.map((run) => run.start));
    await this.maintain(undefined, true);
  }

  stats(): LevelStats {
    return { name: this.name, type: 'disk', ...this.counters, bytes: this.index.bytes, entries: this.index.entries };
  }

  async close(): Promise<void> {
    await this.ready;
  }

  private async open(runId: string | undefined): Promise<void> {
    try {
      await this.fs.mkdir(this.dir);
      await this.fs.mkdir(this.tmpDir);
    } catch (error) {
      this.fault(error, `creating ${this.tmpDir}`);
    }
    await this.startRun(runId);
  }

  private pathOf(name: string): string {
    return join(this.dir, name.slice(0, 2), name);
  }

  /** Rescans the folder (other processes' entries), then evicts what the index decides. */
  private async maintain(keep: string | undefined, rescan: boolean): Promise<void> {
    if (this.maintaining) return;
    this.maintaining = true;
    try {
      if (rescan) await this.rescan();
      const victims = this.index.evict(this.now(), keep);
      this.counters.evictions += victims.length;
      for (const name of victims) await this.fs.unlink(this.pathOf(name)).catch(() => {});
    } finally {
      this.maintaining = false;
    }
  }

  private async rescan(): Promise<void> {
    const found = await scanEntries(this.fs, this.dir);
    // Keep in-process knowledge of use that is newer than the files' mtimes.
    for (const entry of found) {
      const known = this.index.get(entry.name);
      if (known !== undefined && known.used > entry.used) entry.used = known.used;
    }
    this.index.load(found);
    await removeStaleTemps(this.fs, this.tmpDir);
  }

  private fault(error: unknown, what: string): void {
    const code = errCode(error);
    if (code !== undefined && DISABLING_CODES.has(code)) {
      if (!this.writable) return;
      this.writable = false;
      this.warn({
        code: 'CACHE_DISK_DISABLED',
        message: `disk level "${this.name}" stopped writing: ${what} failed with ${code}; entries already written are still read. Free space or make ${this.dir} writable, then start a new cache`,
        cause: error,
      });
      return;
    }
    this.warn({ code: 'CACHE_DISK_IO', message: `disk level "${this.name}": ${what} failed (${String(error)}); the entry was not stored`, cause: error });
  }
}
