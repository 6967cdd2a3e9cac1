// The Redis level (Redis or Valkey, through node-redis). Every command has a deadline; a
// failed or late command marks the level down for `retryAfterMs`, emits one warning per
// outage, and the cache carries on with its other levels. Callers never see the outage.
import { createRequire } from 'node:module';
import type * as RedisModule from 'redis';
import { compressEncoded, DEFAULT_COMPRESS_MIN_BYTES } from './codec.js';
import type { Compression } from './codec.js';
import { CacheError } from './errors.js';
import type { CacheWarning, LevelStats } from './types.js';

/** Deadline of each Redis command. */
export const DEFAULT_REDIS_TIMEOUT_MS = 250;
/** After a failure, Redis is skipped this long before trying again. */
export const DEFAULT_REDIS_RETRY_AFTER_MS = 1_000;
/** Prefix of every key this level writes. */
export const DEFAULT_REDIS_KEY_PREFIX = 'perf-cache:';

/** Options of the Redis level. */
export interface RedisLevelOptions {
  type: 'redis';
  /** Server address, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Name in stats. @default 'redis' */
  name?: string;
  /** Expiry of each entry in ms. @default no expiry */
  ttlMs?: number;
  /** Prefix of the keys (clear() removes only keys with it). @default 'perf-cache:' */
  keyPrefix?: string;
  /** Deadline of each command; a late reply counts as an outage. @default 250 */
  timeoutMs?: number;
  /** After a failure, skip Redis this long. @default 1_000 */
  retryAfterMs?: number;
  /** Compression of stored values. @default 'none' */
  compression?: Compression;
  /** Values smaller than this are stored uncompressed. @default 1024 */
  compressMinBytes?: number;
}

type Arg = string | Buffer;
interface RedisLike {
  isReady: boolean;
  connect(): Promise<unknown>;
  destroy(): void;
  close(): Promise<void>;
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
  sendCommand(args: readonly Arg[], options?: { abortSignal?: AbortSignal; typeMapping?: Record<number, unknown> }): Promise<unknown>;
}

// The client loads when a Redis level is created: importing it costs ~200 ms of start-up that
// memory- and disk-only caches should not pay.
let redisModule: typeof RedisModule | undefined;
const loadRedis = (): typeof RedisModule => (redisModule ??= createRequire(import.meta.url)('redis') as typeof RedisModule);
/** RESP type of bulk strings (`$`): replies of this type come back as Buffers. */
const BLOB_STRING = 36;
const BUFFERS = { [BLOB_STRING]: Buffer };
class Timeout extends Error {}

export class RedisLevel {
  readonly type = 'redis' as const;
  readonly name: string;
  private readonly client: RedisLike;
  private readonly options: RedisLevelOptions;
  private readonly timeoutMs: number;
  private readonly retryAfterMs: number;
  private readonly prefix: string;
  private readonly warn: (warning: Omit<CacheWarning, 'level'>) => void;
  private readonly connecting: Promise<void>;
  private downUntil = 0;
  private down = false;
  private closed = false;
  private counters = { hits: 0, misses: 0, evictions: 0, bytes: 0, entries: 0 };

  constructor(options: RedisLevelOptions, warn: (warning: Omit<CacheWarning, 'level'>) => void = () => {}) {
    if (typeof options.url !== 'string' || !/^(redis|rediss|valkey):\/\//.test(options.url)) {
      throw new CacheError('CACHE_INVALID_OPTION', `redis level: url must look like redis://host:port, got ${JSON.stringify(options.url)}`);
    }
    this.options = options;
    this.name = options.name ?? 'redis';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_REDIS_RETRY_AFTER_MS;
    this.prefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.warn = warn;
    const url = options.url.replace(/^valkey:/, 'redis:');
    this.client = loadRedis().createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(this.timeoutMs * 4, 1_000),
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2_000),
      },
    });
    this.client.on('error', (error) => this.markDown(error));
    this.client.on('ready', () => this.markUp());
    this.connecting = this.client.connect().then(
      () => {},
      (error: unknown) => this.markDown(error),
    );
  }

  /** Stored bytes of `key`, or undefined (a miss, or Redis unavailable). */
  async get(key: string): Promise<Buffer | undefined> {
    const reply = await this.run(['GET', this.prefix + key]);
    if (Buffer.isBuffer(reply)) {
      this.counters.hits++;
      return reply;
    }
    this.counters.misses++;
    return undefined;
  }

  async set(key: string, encoded: Buffer): Promise<void> {
    const stored = await compressEncoded(encoded, this.options.compression ?? 'none', this.options.compressMinBytes ?? DEFAULT_COMPRESS_MIN_BYTES);
    const args: Arg[] = ['SET', this.prefix + key, stored];
    if (this.options.ttlMs !== undefined) args.push('PX', String(Math.max(1, Math.round(this.options.ttlMs))));
    if ((await this.run(args)) !== undefined) {
      this.counters.entries++;
      this.counters.bytes += stored.length;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.run(['EXISTS', this.prefix + key])) === 1;
  }

  async delete(key: string): Promise<void> {
    if ((await this.run(['UNLINK', this.prefix + key])) === 1) this.counters.entries = Math.max(0, this.counters.entries - 1);
  }

  /** Removes every key with this level's prefix. */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const reply = await this.run(['SCAN', cursor, 'MATCH', `${this.prefix}*`, 'COUNT', '1000']);
      if (!Array.isArray(reply)) return;
      const [next, keys] = reply as [Buffer, Buffer[]];
      cursor = next.toString();
      if (keys.length > 0) await this.run(['UNLINK', ...keys]);
    } while (cursor !== '0');
    this.counters.entries = 0;
    this.counters.bytes = 0;
  }

  /** True when the last command succeeded and the client is connected. */
  get isAvailable(): boolean {
    return !this.down && this.client.isReady;
  }

  stats(): LevelStats {
    return { name: this.name, type: 'redis', ...this.counters };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.isReady) {
      const closing = this.client.close().catch(() => {});
      const late = await Promise.race([closing.then(() => false), sleep(this.timeoutMs).then(() => true)]);
      if (!late) return;
    }
    try {
      this.client.destroy();
    } catch {
      // already closed
    }
  }

  /** Runs a command within the deadline; undefined when Redis is down, late or fails. */
  private async run(args: readonly Arg[]): Promise<unknown> {
    if (this.closed || Date.now() < this.downUntil) return undefined;
    if (!this.client.isReady) {
      await Promise.race([this.connecting, sleep(this.timeoutMs)]);
      if (!this.client.isReady) {
        this.markDown(new Error(`not connected to ${this.options.url}`));
        return undefined;
      }
    }
    const command = this.client.sendCommand(args, { abortSignal: AbortSignal.timeout(this.timeoutMs), typeMapping: BUFFERS });
    command.catch(() => {});
    try {
      const reply = await Promise.race([command, sleep(this.timeoutMs).then(() => Promise.reject(new Timeout(`no reply within ${this.timeoutMs} ms`)))]);
      if (this.down) this.markUp();
      return reply ?? null;
    } catch (error) {
      this.markDown(error);
      return undefined;
    }
  }

  private markDown(error: unknown): void {
    if (this.closed) return;
    this.downUntil = Date.now() + this.retryAfterMs;
    if (this.down) return;
    this.down = true;
    this.warn({
      code: 'CACHE_REDIS_UNAVAILABLE',
      message: `redis level "${this.name}" at ${this.options.url} is unavailable (${error instanceof Error ? error.message : String(error)}); serving from the other levels and retrying every ${this.retryAfterMs} ms`,
      cause: error,
    });
  }

  private markUp(): void {
    if (!this.down || this.closed) return;
    this.down = false;
    this.downUntil = 0;
    this.warn({ code: 'CACHE_REDIS_RECOVERED', message: `redis level "${this.name}" at ${this.options.url} answers again` });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
