// Both sides timed in one process, in alternated short batches (a b, b a, a b, ...), so that a change of
// machine speed during the process (CPU steal, frequency: on this machine whole processes ran at about
// 0.67x) hits both sides alike and cancels in their ratio. The process stays the unit of repetition: a
// comparison uses one ratio per fresh process (see `interleavedSideBySide`).
import { Bench } from 'tinybench';
import { opsPerSecond } from './measure.js';
import { median } from './stats.js';

export interface InterleaveOptions {
  /** Alternated batches (each times every instance of both sides once). @default 6 */
  readonly batches?: number;
  /** Time per instance per batch, ms. @default 10 */
  readonly batchTime?: number;
  /** Warm-up of each instance before the first batch, ms. @default 30 */
  readonly warmupTime?: number;
  /** Operations one call performs (throughput is ops per second). @default 1 */
  readonly opsPerCall?: number;
  /** Which side runs first in the first batch (then they alternate). @default 'a' */
  readonly first?: 'a' | 'b';
}

export interface InterleavedMeasurement {
  /** Side a's throughput (ops/s): median over its instances of each one's minimum latency over the batches. */
  readonly a: number;
  readonly b: number;
  /**
   * The process's estimate of a's speed relative to b: the median over batches of each batch's ratio
   * (median latency of b's instances / median latency of a's, each instance at its minimum in the batch).
   */
  readonly ratio: number;
  /** Per batch, that batch's ratio. */
  readonly batchRatios: readonly number[];
}

export const DEFAULT_BATCHES = 6;
export const DEFAULT_BATCH_TIME_MS = 10;
export const DEFAULT_INTERLEAVE_WARMUP_MS = 30;

async function minLatency(fn: () => unknown, time: number, warmupTime: number): Promise<number> {
  const bench = new Bench({ time, iterations: 4, warmup: warmupTime > 0, warmupTime, warmupIterations: 4, throws: true });
  bench.add('task', fn);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw new Error(`measurement ended in state ${r.state}`);
  return r.latency.min > 0 ? r.latency.min : r.latency.p50;
}

type Fns = (() => unknown) | readonly (() => unknown)[];

/**
 * Time side `a` and side `b` alternately in this process: each side is one function or several instances of it
 * (e.g. the same module imported under several URLs: each instance has its own JIT feedback, so a benchmark
 * whose speed depends on its JIT outcome is measured over several outcomes). Per batch: a1 b1 a2 b2 ... (or b
 * first, alternating per batch). Throws if a function throws.
 */
export async function measureInterleaved(a: Fns, b: Fns, options: InterleaveOptions = {}): Promise<InterleavedMeasurement> {
  const sides = { a: typeof a === 'function' ? [a] : [...a], b: typeof b === 'function' ? [b] : [...b] };
  if (sides.a.length === 0 || sides.b.length === 0) throw new RangeError('measureInterleaved: each side needs at least one function');
  const batches = options.batches ?? DEFAULT_BATCHES;
  const time = options.batchTime ?? DEFAULT_BATCH_TIME_MS;
  const warmup = options.warmupTime ?? DEFAULT_INTERLEAVE_WARMUP_MS;
  const ops = options.opsPerCall ?? 1;
  const best = { a: sides.a.map(() => Number.POSITIVE_INFINITY), b: sides.b.map(() => Number.POSITIVE_INFINITY) };
  const batchRatios: number[] = [];
  const n = Math.max(sides.a.length, sides.b.length);
  for (let j = 0; j < batches; j++) {
    const aFirst = (j % 2 === 0) === ((options.first ?? 'a') === 'a');
    const lat = { a: [] as number[], b: [] as number[] };
    for (let k = 0; k < n; k++) {
      for (const side of aFirst ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
        const fn = sides[side][k];
        if (fn === undefined) continue;
        const l = await minLatency(fn, time, j === 0 ? warmup : 0);
        lat[side].push(l);
        best[side][k] = Math.min(best[side][k], l);
      }
    }
    batchRatios.push(median(lat.b) / median(lat.a));
  }
  const ra = opsPerSecond(median(best.a), ops);
  const rb = opsPerSecond(median(best.b), ops);
  return { a: ra, b: rb, ratio: median(batchRatios), batchRatios };
}
