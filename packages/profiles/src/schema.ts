// The profile schema, written once in valibot; the TypeScript types are inferred from it.
import * as v from 'valibot';
import { parseExpression } from './expression.js';
import { parseDuration, parseSize } from './units.js';

/** Eviction policies, the names @perf/cache's memory level and @perf/cache-tuner accept. */
export const POLICY_NAMES = ['lru', 'sieve', 's3fifo', 'arc', 'wtinylfu'] as const;
/** Where tasks run, the modes @perf/worker-optimizer and the tuner use. */
export const WORKER_MODES = ['threads', 'processes', 'main-thread'] as const;

const SIZE_EXPECTED = 'a size such as "100MB" or "2GB" (binary units B, KB, MB, GB, TB)';
const DURATION_EXPECTED = 'a duration such as "30s", "10m", "6h" or "7d"';
const COUNT_EXPECTED = 'a number, or an expression of cores and memory_gb such as "min(cores, 8)"';

const Size = v.pipe(
  v.union([v.string(), v.number()], SIZE_EXPECTED),
  v.check((s) => parseSize(s) !== null, SIZE_EXPECTED),
);

const Duration = v.pipe(v.string(DURATION_EXPECTED), v.check((s) => parseDuration(s) !== null, DURATION_EXPECTED));

/** A count: a non-negative number or an expression that parses; evaluated by resolveProfile. */
const Count = v.pipe(
  v.union([v.pipe(v.number(), v.minValue(0)), v.string()], COUNT_EXPECTED),
  v.check((c) => {
    if (typeof c === 'number') return true;
    return parseExpression(c).ok;
  }, (issue) => {
    const parsed = typeof issue.input === 'string' ? parseExpression(issue.input) : null;
    return parsed !== null && !parsed.ok
      ? `${COUNT_EXPECTED} (column ${parsed.column}: ${parsed.message})`
      : COUNT_EXPECTED;
  }),
);

const Percent = v.pipe(v.number('a percentage from 0 to 100'), v.minValue(0, 'a percentage from 0 to 100'), v.maxValue(100, 'a percentage from 0 to 100'));

export const CacheSchema = v.strictObject({
  /** In-memory level size (@perf/cache `{ type: 'memory', maxBytes }`). */
  l1: Size,
  /** On-disk level size (@perf/cache `{ type: 'disk', maxBytes }`); absent: no disk level. */
  l2: v.optional(Size),
  /** Shared level size (@perf/cache `{ type: 'redis' }` or a second disk tier); absent: none. */
  l3: v.optional(Size),
  /** Eviction policy of the memory level. */
  policy: v.picklist(POLICY_NAMES, `one of ${POLICY_NAMES.join(', ')}`),
  /** Entry lifetime (Redis TTL, disk eviction by age); absent: entries never expire. */
  ttl: v.optional(Duration),
  /** Hit rate in percent that @perf/cache-tuner sizes the cache for. */
  targetHitRate: Percent,
});

export const WorkersSchema = v.strictObject({
  /** Where tasks run. */
  mode: v.picklist(WORKER_MODES, `one of ${WORKER_MODES.join(', ')}`),
  /** Most workers in the pool (tinypool `maxThreads`). */
  max: Count,
  /** Fewest workers kept alive (tinypool `minThreads`); default 1. */
  min: v.optional(Count),
  /** libuv thread pool size for fs, crypto and zlib work (`UV_THREADPOOL_SIZE`). */
  threads: Count,
  /** Items sent to a worker per task. */
  batchSize: Count,
  /** Tasks allowed to wait for a worker (tinypool `maxQueue`). */
  queueSize: Count,
});

export const ResourcesSchema = v.strictObject({
  /** Memory cap for the process tree (monitor alerts, worker-optimizer's memory cap). */
  memory: Size,
  /** CPU cap in cores (worker-optimizer caps workers at it; the tuner reports it). */
  cpu: Count,
});

const Extends = v.union([v.string(), v.array(v.string())], 'a profile name or a list of names');

/** One file as written: every setting optional (a child may set only what it changes). */
export const ProfileFileSchema = v.strictObject({
  description: v.optional(v.string('a one-line description')),
  extends: v.optional(Extends),
  cache: v.optional(v.partial(CacheSchema)),
  workers: v.optional(v.partial(WorkersSchema)),
  resources: v.optional(v.partial(ResourcesSchema)),
});

/** A complete profile after inheritance: what every consumer can rely on. */
export const ProfileSettingsSchema = v.strictObject({
  description: v.string('a one-line description'),
  cache: CacheSchema,
  workers: WorkersSchema,
  resources: ResourcesSchema,
});

export type PolicyName = (typeof POLICY_NAMES)[number];
export type WorkerMode = (typeof WORKER_MODES)[number];
/** A complete profile's settings, as written (sizes and expressions still strings). */
export type ProfileSettings = v.InferOutput<typeof ProfileSettingsSchema>;
/** One profile file as written. */
export type ProfileFile = v.InferOutput<typeof ProfileFileSchema>;

/** Keys known in each section, for unknown-key checks and "did you mean". */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['description', 'extends', 'cache', 'workers', 'resources'],
  cache: Object.keys(CacheSchema.entries),
  workers: Object.keys(WorkersSchema.entries),
  resources: Object.keys(ResourcesSchema.entries),
};

/** What each setting holds, for "missing setting" messages. */
export const SETTING_EXPECTED: Readonly<Record<string, string>> = {
  description: 'a one-line description',
  cache: 'a mapping of cache settings (l1, l2, l3, policy, ttl, targetHitRate)',
  workers: 'a mapping of worker settings (mode, max, min, threads, batchSize, queueSize)',
  resources: 'a mapping of resource caps (memory, cpu)',
  'cache.l1': SIZE_EXPECTED,
  'cache.policy': `one of ${POLICY_NAMES.join(', ')}`,
  'cache.targetHitRate': 'a percentage from 0 to 100',
  'workers.mode': `one of ${WORKER_MODES.join(', ')}`,
  'workers.max': COUNT_EXPECTED,
  'workers.threads': COUNT_EXPECTED,
  'workers.batchSize': COUNT_EXPECTED,
  'workers.queueSize': COUNT_EXPECTED,
  'resources.memory': SIZE_EXPECTED,
  'resources.cpu': COUNT_EXPECTED,
};

/** Sections: the keys whose values are mappings, merged key by key. */
export const SECTIONS = ['cache', 'workers', 'resources'] as const;
