/** Package name, for diagnostics. */
export const packageName = '@perf/cache';

export { Cache, createCache } from './cache.js';
export type { CacheEvents, CacheOptions, LevelOptions } from './cache.js';
export { MemoryLevel, DEFAULT_MAX_ENTRIES, DEFAULT_REMEMBER_FACTOR, DEFAULT_REMEMBER_MIN, defaultSizeOf } from './memory.js';
export type { MemoryLevelOptions } from './memory.js';
export { DiskLevel, DEFAULT_GENERATIONS, DEFAULT_LOW_WATER } from './disk.js';
export type { DiskLevelOptions } from './disk.js';
export type { DiskFs } from './disk-fs.js';
export { DiskIndex } from './disk-index.js';
export type { DiskEviction, DiskIndexOptions } from './disk-index.js';
export { RedisLevel, DEFAULT_REDIS_KEY_PREFIX, DEFAULT_REDIS_RETRY_AFTER_MS, DEFAULT_REDIS_TIMEOUT_MS } from './redis.js';
export type { RedisLevelOptions } from './redis.js';
export { DEFAULT_POLICY, POLICY_NAMES } from './policy.js';
export type { EvictionPolicy, PolicyName } from './policy.js';
export { DEFAULT_COMPRESS_MIN_BYTES, decodeValue, encodeValue } from './codec.js';
export type { Compression } from './codec.js';
export { CacheError } from './errors.js';
export type { CacheErrorCode } from './errors.js';
export { crc32 } from './crc32.js';
/** The 30-bit key hash the memory level passes to its policy as `keyHash`, and the trace (`hashes` included) with which @perf/cache-tuner's simulate() replays exactly what the level does. */
export { keyHash30, keyTrace } from './key-hash.js';
export type { KeyTrace } from './key-hash.js';
export type { AccessRecorder, CacheMetrics, CacheStats, CacheWarning, CacheWarningCode, LevelStats } from './types.js';
