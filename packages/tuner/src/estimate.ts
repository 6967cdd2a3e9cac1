/**
 * The speedup model behind `estimatedSpeedup`: a run over `files` items, each either a cache
 * hit (cost `hitMs`, on the main thread) or a miss (cost `missMs` of lookup and store, plus
 * `computeMs` of work spread over a pool whose speedup at `workers` comes from a USL fit or
 * is 1 for the main thread), or inline when the pool's fixed cost would exceed what it saves.
 * The baseline runs every item serially, uncached, and pays the work's one-time load (a fresh
 * run of a tool loads its compiler once, whatever it does next).
 */
export interface SpeedupInputs {
  /** Expected hit ratio of the tuned cache, 0..1 (from the miss-ratio curve at the chosen size). */
  readonly hitRatio: number;
  /** Cost of one item's work (the transform), ms, measured serially. */
  readonly computeMs: number;
  /** Cost of a cache hit (hash + lookup + read), ms. */
  readonly hitMs: number;
  /** Cost a miss adds besides the work (hash + lookup + store), ms. */
  readonly missOverheadMs: number;
  /** Pool speedup over one serial run of the work at the chosen worker count (1 = no gain). */
  readonly parallelSpeedup: number;
  /** Fixed cost of a tuned run (pool start-up, cache open), ms. */
  readonly fixedMs: number;
  /** Number of items in one run. */
  readonly items: number;
  /** One-time cost of the work's first call on the main thread (loading a compiler), paid by the baseline and by an inline run with misses. @default 0 */
  readonly loadMs?: number;
}

export interface SpeedupEstimate {
  readonly model: 'cache-and-pool-v1';
  readonly formula: string;
  readonly inputs: SpeedupInputs;
  readonly baselineMs: number;
  readonly tunedMs: number;
  readonly speedup: number;
}

export const SPEEDUP_FORMULA =
  'baseline = loadMs + items * computeMs; misses m = (1 - h) * items; tuned = items * h * hitMs + m * missOverheadMs + min(fixedMs + m * computeMs / parallelSpeedup, loadMs + m * computeMs) (0 when m = 0); speedup = baseline / tuned';

/** Pure: the estimate and the inputs that gave it. */
export function estimateSpeedup(inputs: SpeedupInputs): SpeedupEstimate {
  const h = clamp(inputs.hitRatio, 0, 1);
  const parallel = Math.max(inputs.parallelSpeedup, Number.MIN_VALUE);
  const baselineMs = (inputs.loadMs ?? 0) + inputs.items * inputs.computeMs;
  const misses = (1 - h) * inputs.items;
  // The pool starts only when it pays: few misses run inline (the executor's inlineBelow rule).
  const missWork = misses > 0
    ? Math.min(inputs.fixedMs + (misses * inputs.computeMs) / parallel, (inputs.loadMs ?? 0) + misses * inputs.computeMs)
    : 0;
  const tunedMs = inputs.items * h * inputs.hitMs + misses * inputs.missOverheadMs + missWork;
  return {
    model: 'cache-and-pool-v1',
    formula: SPEEDUP_FORMULA,
    inputs,
    baselineMs,
    tunedMs,
    speedup: tunedMs > 0 ? baselineMs / tunedMs : Number.POSITIVE_INFINITY,
  };
}

/**
 * Misses from which the pool beats running them inline, by the same model:
 * fixedMs + m * computeMs / S < loadMs + m * computeMs. Infinity when the pool never pays (S <= 1).
 */
export function poolBreakEven(inputs: Pick<SpeedupInputs, 'computeMs' | 'parallelSpeedup' | 'fixedMs' | 'loadMs'>): number {
  const saved = inputs.computeMs * (1 - 1 / Math.max(inputs.parallelSpeedup, Number.MIN_VALUE));
  if (!(saved > 0)) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((inputs.fixedMs - (inputs.loadMs ?? 0)) / saved) + 1);
}

/** USL relative throughput at n workers: X(n) / X(1) = n / (1 + sigma (n - 1) + kappa n (n - 1)). */
export function uslSpeedup(n: number, sigma: number, kappa: number): number {
  if (n <= 0) return 1;
  return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
