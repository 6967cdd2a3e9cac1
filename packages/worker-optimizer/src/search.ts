// Which worker counts to measure: doubling until throughput stops rising, then a bracketing
// refinement around the best count. Pure apart from the injected measurement.

/** Measures throughput with `workers` tasks in flight; null stops the search (fault or budget). */
export type Measure = (workers: number) => Promise<number | null>;

export interface SearchOptions {
  readonly maxWorkers: number;
  /** Doubling goes on while each step adds more than this share of throughput. @default SEARCH_MIN_GAIN (0.05) */
  readonly minGain?: number;
  /** Refinement measurements after the doubling. @default SEARCH_REFINE_STEPS (3) */
  readonly refineSteps?: number;
  /** Refinement stops when the gap around the best count is at most this share of it. @default SEARCH_RESOLUTION (0.15) */
  readonly resolution?: number;
  /**
   * A model's bound on useful counts (Goetz's), read after the first measurement: doubling goes
   * on through up to two dips in a row below it and measures it; above it, doubling goes on only
   * while each step gains more than minGain, and refinement stays at or under it unless a count
   * above it measured faster than every count under it by more than minGain (effectiveCap). @default () => Infinity
   */
  readonly cap?: () => number;
  /** False: the cap is hard (counts above it are measured only to reach SEARCH_MIN_COUNTS, refinement stays under it). @default () => true */
  readonly liftable?: () => boolean;
  /**
   * The first count measured. Above 1, counts are halved from it after the doubling for as long
   * as the smallest measured count is the best one. @default 1
   */
  readonly start?: number;
  /** Growth per step at and above the cap (each new count costs new threads: smaller steps cost fewer). @default 2 */
  readonly growthAboveCap?: number;
  /**
   * The gain a step to a count above the cap must show for doubling to go on (and not to be
   * measured again): each such step starts new threads, and one window reads within about +-15%
   * of its count's rate, so a 5% gain above the model's count is often luck. @default minGain
   */
  readonly minGainAboveCap?: number;
}

export const SEARCH_MIN_GAIN = 0.05;
export const SEARCH_REFINE_STEPS = 3;
export const SEARCH_RESOLUTION = 0.15;
/** Doubling measures at least this many counts (when maxWorkers allows), so the USL can be fitted. */
export const SEARCH_MIN_COUNTS = 3;
/** Under a model cap, doubling ends after this many steps in a row that gain too little. */
export const SEARCH_PATIENCE = 3;
/** A doubling step that measures this share below the best so far is measured again (as is every step that gains minGain or less where the search could go on). */
export const SEARCH_DIP = 0.1;

export interface SearchResult {
  /** Measured throughput by worker count, in the order measured. */
  readonly measured: ReadonlyMap<number, number>;
  /** False when a measurement returned null. */
  readonly finished: boolean;
}

function argmax(m: ReadonlyMap<number, number>): number {
  let best = 1, bestX = -Infinity;
  for (const [n, x] of m) if (x > bestX || (x === bestX && n < best)) { best = n; bestX = x; }
  return best;
}

/** The count to measure next inside the bracket around the best, or null when the bracket is fine enough. */
export function nextRefinement(measured: ReadonlyMap<number, number>, maxWorkers: number, resolution: number = SEARCH_RESOLUTION): number | null {
  const best = argmax(measured);
  const counts = [...measured.keys()].sort((a, b) => a - b);
  const lower = counts.filter((n) => n < best).at(-1) ?? best;
  const upper = counts.find((n) => n > best) ?? best;
  const minGap = Math.max(1, Math.floor(best * resolution));
  const gapLow = best - lower, gapHigh = upper - best;
  if (gapLow <= minGap && gapHigh <= minGap) return null;
  // Golden-section style: probe the larger side, at its middle.
  const candidate = gapHigh >= gapLow ? best + Math.round(gapHigh / 2) : best - Math.round(gapLow / 2);
  if (candidate < 1 || candidate > maxWorkers || measured.has(candidate)) return null;
  return candidate;
}

/**
 * Doubling from 1 while throughput rises by more than minGain (and at least SEARCH_MIN_COUNTS
 * counts; under a cap, through up to SEARCH_PATIENCE - 1 flat steps), then up to refineSteps
 * bracketing refinements. A step that gains minGain or less (where the search may go on), or
 * drops by more than SEARCH_DIP, is measured again before it counts (measure is then called
 * twice for one count: it should return the median of all its windows).
 */
export async function searchWorkerCounts(measure: Measure, options: SearchOptions): Promise<SearchResult> {
  const maxWorkers = options.maxWorkers;
  const minGain = options.minGain ?? SEARCH_MIN_GAIN;
  const measured = new Map<number, number>();
  const take = async (n: number): Promise<boolean> => {
    const x = await measure(n);
    if (x === null) return false;
    measured.set(n, x);
    return true;
  };
  const first = Math.max(1, Math.min(maxWorkers, Math.floor(options.start ?? 1)));
  if (!(await take(first))) return { measured, finished: false };
  const cap = Math.max(1, options.cap?.() ?? Infinity);
  const liftable = options.liftable?.() ?? true;
  const growth = Math.max(1.1, options.growthAboveCap ?? 2);
  const minGainAbove = options.minGainAboveCap ?? minGain;
  let n = first;
  let misses = 0;
  while (n < maxWorkers && (liftable || n < cap || measured.size < SEARCH_MIN_COUNTS)) {
    const doubled = Math.min(maxWorkers, n >= cap ? Math.max(n + 1, Math.ceil(n * growth)) : n * 2);
    const next = n < cap && doubled > cap ? Math.max(n + 1, Math.floor(cap)) : doubled;
    const bestBefore = Math.max(...measured.values());
    if (!(await take(next))) return { measured, finished: false };
    // A step that would count as a miss is measured again first (a single noisy window must not
    // end the doubling); so is a steep drop anywhere. Past a hard cap nothing is decided by it.
    const gained = (): boolean => measured.get(next)! > bestBefore * (1 + (next > cap ? minGainAbove : minGain));
    const mayGoOn = liftable || next < cap;
    if ((measured.get(next)! < bestBefore * (1 - SEARCH_DIP) || (!gained() && mayGoOn)) && !(await take(next))) return { measured, finished: false };
    n = next;
    misses = gained() ? 0 : misses + 1;
    // Without a cap, or at and above it, the first step that gains too little ends doubling; under one, three in a row (noise makes single dips).
    if (misses >= (cap === Infinity || n >= cap ? 1 : SEARCH_PATIENCE) && measured.size >= SEARCH_MIN_COUNTS) break;
  }
  // Started above 1 and the smallest count is the best: halve until it is not (or 1 is measured).
  for (let low = first; low > 1 && argmax(measured) === Math.min(...measured.keys());) {
    low = Math.max(1, Math.floor(low / 2));
    if (!(await take(low))) return { measured, finished: false };
  }
  const capped = Math.min(maxWorkers, liftable ? effectiveCap(measured, cap, minGain) : cap);
  for (let step = 0; step < (options.refineSteps ?? SEARCH_REFINE_STEPS); step++) {
    // A search that started at the top and halved once has two counts: the first refinement
    // goes above a liftable cap too, so that SEARCH_MIN_COUNTS are measured for the fit.
    const limit = liftable && measured.size < SEARCH_MIN_COUNTS ? maxWorkers : capped;
    const eligible = new Map([...measured].filter(([k]) => k <= limit));
    const upper = [...measured.keys()].filter((k) => k > limit).sort((a, b) => a - b)[0];
    // The first count above the cap bounds the bracket from above, as an unmeasured-but-known edge.
    const candidate = nextRefinement(upper === undefined ? eligible : new Map([...eligible, [upper, -Infinity]]), limit, options.resolution);
    if (candidate === null) break;
    if (!(await take(candidate))) return { measured, finished: false };
  }
  return { measured, finished: true };
}

/**
 * The cap to recommend under: `cap` (a model's bound), unless a count above it measured faster
 * than every count at or under it by more than minGain, then none (the measurement wins).
 */
export function effectiveCap(measured: ReadonlyMap<number, number>, cap: number, minGain: number = SEARCH_MIN_GAIN): number {
  let under = -Infinity, above = -Infinity;
  for (const [n, x] of measured) {
    if (n <= cap) under = Math.max(under, x);
    else above = Math.max(above, x);
  }
  return above > under * (1 + minGain) ? Infinity : cap;
}

/** Smallest count whose throughput is within `tolerance` of the best, among counts up to `cap`. */
export function recommendFromPoints(measured: ReadonlyMap<number, number>, tolerance: number, cap: number = Infinity): number {
  const eligible = [...measured].filter(([n]) => n <= cap);
  if (eligible.length === 0) return Math.max(1, Math.min(cap, 1));
  const top = Math.max(...eligible.map(([, x]) => x));
  const ok = eligible.filter(([, x]) => x >= top * (1 - tolerance)).map(([n]) => n);
  return Math.min(...ok);
}

/**
 * recommendFromPoints among the counts measured with at least `minWindows` windows, when at least
 * two under the cap are (else among all): a count read high in one or two windows is not chosen
 * over counts measured more often, and a single well-measured count is not chosen for want of
 * others (at 12:34 UTC none of the mixed task's faster counts had 4 windows when the budget ran
 * out, and 32 workers were recommended at 392/s against 500/s for 24).
 */
export function recommendFromWellMeasured(measured: ReadonlyMap<number, number>, windows: ReadonlyMap<number, number>, tolerance: number, cap: number = Infinity, minWindows: number = 1): number {
  const well = new Map([...measured].filter(([n]) => n <= cap && (windows.get(n) ?? 0) >= minWindows));
  return recommendFromPoints(well.size >= 2 ? well : measured, tolerance, cap);
}

/**
 * For a task that waits: its throughput rises about linearly with the count until the cores are
 * saturated, then stays flat within noise. Below that knee a count loses throughput in proportion;
 * above it, a larger count costs a waiting task little. So where a smaller count leads by little,
 * the larger is the safer choice: the count recommendFromWellMeasured gives (under `cap`), raised
 * to the largest count at most `ceiling` (above `cap` too: a model's cap is an estimate of the
 * knee, and at 14:25 UTC the waiting reference task's model count, 18, was recommended at 773/s
 * with 32 at 734/s, and reached 90.8% of 31 side by side) whose throughput is within `band` of the
 * best, among the counts with at least `minWindows` windows when at least two have them (one 150
 * ms window reads within about +-15% of its count's rate here, and at 12:48 UTC the waiting
 * reference task's 22 workers led on their windows at 1389/s, yet reached 88.8% of 27 workers side
 * by side). `ceiling` bounds how far past the model's knee that goes.
 */
export function recommendOnPlateau(
  measured: ReadonlyMap<number, number>, windows: ReadonlyMap<number, number>, tolerance: number, band: number,
  cap: number = Infinity, minWindows: number = 1, ceiling: number = Infinity,
): number {
  const base = recommendFromWellMeasured(measured, windows, tolerance, cap, minWindows);
  const well = [...measured].filter(([n]) => (windows.get(n) ?? 0) >= minWindows);
  const pool = well.length >= 2 ? well : [...measured];
  if (pool.length === 0) return base;
  const top = Math.max(...pool.map(([, x]) => x));
  const plateau = pool.filter(([n, x]) => x >= top * (1 - band) && n <= ceiling).map(([n]) => n);
  return plateau.length === 0 ? base : Math.max(base, ...plateau);
}
