import { analyzeTrace } from './analyze.js';
import { WorkloadError } from './errors.js';
import type { AccessPattern } from './pattern.js';
import { TraceRecorder } from './recorder.js';
import type { Trace } from './trace.js';

export type WorkloadType = 'io_bound' | 'cpu_bound' | 'memory_bound' | 'mixed';
type Resource = 'io' | 'cpu' | 'memory' | 'other';

/** Operation kinds counted as each resource by `recordOperation` (anything else is `other`). */
export const OPERATION_KINDS: Readonly<Record<Exclude<Resource, 'other'>, readonly string[]>> = {
  io: ['io', 'read', 'write', 'file', 'disk', 'network', 'net', 'fetch', 'query'],
  cpu: ['compute', 'cpu', 'parse', 'transform', 'compile', 'hash', 'render'],
  memory: ['memory', 'alloc', 'gc', 'copy', 'serialize'],
};

/** Share of measured time one resource needs for the workload to be called bound by it. @default 0.6 */
export const DEFAULT_DOMINANT_SHARE = 0.6;
/** Busy fraction (measured time / wall-clock span) limits of the intensity levels. */
export const INTENSITY_LEVELS = { idle: 0.05, light: 0.3, moderate: 0.7 } as const;
/** File accesses needed before an access pattern is reported. */
export const MIN_ACCESSES_FOR_PATTERN = 50;
/** Cache lookups needed before cache advice is given. */
export const MIN_LOOKUPS_FOR_CACHE_ADVICE = 100;

export interface WorkloadAnalyzerOptions {
  /** Clock in milliseconds. @default performance.now */
  readonly now?: () => number;
  /** Hot files reported. @default 10 */
  readonly hotFiles?: number;
  /** Time share that makes a workload io/cpu/memory bound. @default DEFAULT_DOMINANT_SHARE (0.6) */
  readonly dominantShare?: number;
}

export interface Recommendation {
  /** Stable identifier of the rule. */
  readonly id: string;
  readonly message: string;
  /** The measured numbers that triggered it. */
  readonly evidence: Readonly<Record<string, number | string>>;
}

export interface HotFile {
  readonly path: string;
  readonly accesses: number;
  /** accesses / all file accesses. */
  readonly share: number;
  readonly totalMs: number;
}

export interface WorkloadAnalysis {
  readonly workloadType: WorkloadType;
  /** Measured time per resource, and its share of all measured time. */
  readonly timeMs: Readonly<Record<Resource, number>>;
  readonly timeShares: Readonly<Record<Resource, number>>;
  readonly intensity: {
    readonly operations: number;
    readonly operationsPerSecond: number;
    /** Measured time / wall-clock span from the first to the last record. */
    readonly busyFraction: number;
    readonly level: 'idle' | 'light' | 'moderate' | 'heavy';
  };
  /** Pattern of file accesses (undefined below MIN_ACCESSES_FOR_PATTERN accesses). */
  readonly accessPattern: AccessPattern | undefined;
  readonly hotFiles: readonly HotFile[];
  /** Hit ratio where cache hits and misses were recorded. */
  readonly cache: { readonly hits: number; readonly misses: number; readonly hitRatio: number } | undefined;
  readonly recommendations: readonly Recommendation[];
}

/** Records what a program does (file accesses, timed operations, cache lookups) and says what kind of workload it is. */
export class WorkloadAnalyzer {
  private readonly now: () => number;
  private readonly hotFileCount: number;
  private readonly dominantShare: number;
  private readonly recorder = new TraceRecorder();
  private readonly time: Record<Resource, number> = { io: 0, cpu: 0, memory: 0, other: 0 };
  private readonly files = new Map<string, { accesses: number; totalMs: number }>();
  private operations = 0;
  private first = Number.NaN;
  private last = Number.NaN;
  private hits = 0;
  private misses = 0;

  constructor(options: WorkloadAnalyzerOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.hotFileCount = options.hotFiles ?? 10;
    this.dominantShare = options.dominantShare ?? DEFAULT_DOMINANT_SHARE;
    if (!(this.dominantShare > 0.5 && this.dominantShare <= 1)) {
      throw new WorkloadError('INVALID_OPTION', `dominantShare must be in (0.5, 1], got ${this.dominantShare}`);
    }
  }

  /** A file was read or written (`op`), taking `durationMs`; counted as I/O time. */
  recordFileAccess(path: string, op: string, durationMs = 0): void {
    this.tick(durationMs);
    this.time.io += durationMs;
    const f = this.files.get(path);
    if (f) {
      f.accesses++;
      f.totalMs += durationMs;
    } else this.files.set(path, { accesses: 1, totalMs: durationMs });
    this.recorder.record(path, { op, time: this.last });
  }

  /** An operation of `kind` (see OPERATION_KINDS) took `durationMs`. */
  recordOperation(kind: string, durationMs: number): void {
    this.tick(durationMs);
    const k = kind.toLowerCase();
    const resource = (Object.keys(OPERATION_KINDS) as (keyof typeof OPERATION_KINDS)[]).find((r) => OPERATION_KINDS[r].includes(k)) ?? 'other';
    this.time[resource] += durationMs;
  }

  /** A cache lookup hit or missed. */
  recordCacheAccess(hit: boolean): void {
    if (hit) this.hits++;
    else this.misses++;
  }

  /** The file accesses seen, as a trace (key = path, op kept), to write with `writeTrace`. */
  toTrace(): Trace {
    return this.recorder.toTrace();
  }

  analyze(): WorkloadAnalysis {
    const t = this.time;
    const total = t.io + t.cpu + t.memory + t.other;
    const share = (x: number) => (total === 0 ? 0 : x / total);
    const timeShares = { io: share(t.io), cpu: share(t.cpu), memory: share(t.memory), other: share(t.other) };
    const bound = (['io', 'cpu', 'memory'] as const).find((r) => timeShares[r] >= this.dominantShare);
    const workloadType: WorkloadType = bound === undefined ? 'mixed' : `${bound}_bound`;
    const span = this.operations === 0 ? 0 : this.last - this.first;
    const busyFraction = span > 0 ? Math.min(1, total / span) : this.operations > 0 ? 1 : 0;
    const L = INTENSITY_LEVELS;
    const level = busyFraction < L.idle ? 'idle' : busyFraction < L.light ? 'light' : busyFraction < L.moderate ? 'moderate' : 'heavy';
    const accesses = this.recorder.requests;
    const hotFiles = [...this.files]
      .map(([path, f]) => ({ path, accesses: f.accesses, share: accesses === 0 ? 0 : f.accesses / accesses, totalMs: f.totalMs }))
      .sort((a, b) => b.accesses - a.accesses || b.totalMs - a.totalMs)
      .slice(0, this.hotFileCount);
    const accessPattern = accesses >= MIN_ACCESSES_FOR_PATTERN ? analyzeTrace(this.recorder.toTrace()).pattern : undefined;
    const lookups = this.hits + this.misses;
    const cache = lookups === 0 ? undefined : { hits: this.hits, misses: this.misses, hitRatio: this.hits / lookups };
    const analysis = {
      workloadType,
      timeMs: { ...t },
      timeShares,
      intensity: { operations: this.operations, operationsPerSecond: span > 0 ? (this.operations / span) * 1000 : 0, busyFraction, level },
      accessPattern,
      hotFiles,
      cache,
    } as const;
    return { ...analysis, recommendations: recommend(analysis, accesses) };
  }

  private tick(durationMs: number): void {
    if (!(durationMs >= 0) || !Number.isFinite(durationMs)) {
      throw new WorkloadError('INVALID_OPTION', `durationMs must be a finite number >= 0, got ${durationMs}`);
    }
    const now = this.now();
    if (this.operations === 0) this.first = now - durationMs;
    this.last = now;
    this.operations++;
  }
}

/** Rules from measured numbers to advice; each carries the numbers that fired it. */
function recommend(a: Omit<WorkloadAnalysis, 'recommendations'>, accesses: number): Recommendation[] {
  const out: Recommendation[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const s = a.timeShares;
  if (a.workloadType === 'io_bound') {
    const top = a.hotFiles.reduce((sum, f) => sum + f.share, 0);
    out.push({
      id: 'io-bound-cache-reads',
      message: `I/O takes ${pct(s.io)} of measured time; cache file contents (the top ${a.hotFiles.length} files are ${pct(top)} of accesses) and overlap I/O with async reads`,
      evidence: { ioShare: s.io, ioMs: a.timeMs.io, hotFilesAccessShare: top },
    });
  }
  if (a.workloadType === 'cpu_bound') {
    out.push({
      id: 'cpu-bound-parallelize',
      message: `CPU work takes ${pct(s.cpu)} of measured time; spread it over worker threads up to the core count`,
      evidence: { cpuShare: s.cpu, cpuMs: a.timeMs.cpu },
    });
  }
  if (a.workloadType === 'memory_bound') {
    out.push({
      id: 'memory-bound-reduce-allocation',
      message: `memory work (allocation, GC, copies) takes ${pct(s.memory)} of measured time; reuse buffers and stream instead of materialising`,
      evidence: { memoryShare: s.memory, memoryMs: a.timeMs.memory },
    });
  }
  const p = a.accessPattern;
  if (p?.kind === 'sequential-scan') {
    out.push({
      id: 'scan-bypass-cache',
      message: `file accesses are a scan (${pct(p.evidence.firstAccessRatio)} touch a new file); an LRU cache gains nothing: bypass it or use a scan-resistant policy (S3-FIFO, admission filter)`,
      evidence: { firstAccessRatio: p.evidence.firstAccessRatio, sequentialRatio: p.evidence.sequentialRatio, accesses },
    });
  } else if (p?.kind === 'loop') {
    out.push({
      id: 'loop-size-cache',
      message: `file accesses loop over ${p.evidence.dominantDistance + 1} files; LRU misses every time below that size: size the cache to at least ${p.evidence.dominantDistance + 1} entries or use a loop-resistant policy (LIRS, ARC)`,
      evidence: { loopFiles: p.evidence.dominantDistance + 1, dominantDistanceShare: p.evidence.dominantDistanceShare },
    });
  } else if (p?.kind === 'zipfian') {
    out.push({
      id: 'skew-frequency-cache',
      message: `file popularity is skewed (Zipf alpha ${p.evidence.zipfAlpha.toFixed(2)}); a small frequency-aware cache (W-TinyLFU) holds most hits`,
      evidence: { zipfAlpha: p.evidence.zipfAlpha, zipfRSquared: p.evidence.zipfRSquared },
    });
  }
  const c = a.cache;
  if (c && c.hits + c.misses >= MIN_LOOKUPS_FOR_CACHE_ADVICE && c.hitRatio < 0.5) {
    out.push({
      id: 'cache-low-hit-ratio',
      message: `the cache hits only ${pct(c.hitRatio)} of ${c.hits + c.misses} lookups; enlarge it, change the key, or drop it if entries are never reused`,
      evidence: { hitRatio: c.hitRatio, hits: c.hits, misses: c.misses },
    });
  }
  return out;
}
