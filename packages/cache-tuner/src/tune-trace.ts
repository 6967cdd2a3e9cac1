// Sizing from a real trace: the exact LRU curve as evidence, the knee, cliffs (a size just
// below one is never recommended), the policy that does best at the chosen size, levels.
import { CacheTunerError } from './errors.js';
import { missRatioCurve, sizeGrid } from './mrc.js';
import type { CurvePoint } from './curve.js';
import { createPolicy } from './registry.js';
import type { SimTrace } from './simulate.js';

/** Object size assumed when the trace has no sizes and the caller gives none. */
export const DEFAULT_OBJECT_BYTES = 4096;
/** A further step is worth taking while it gains at least this much hit rate. */
export const MIN_MARGINAL_GAIN = 0.005;
/** A drop of at least this much miss ratio within CLIFF_SPAN marks a cliff. */
export const CLIFF_DROP = 0.2;
/** Relative size span (c to c * CLIFF_SPAN) over which a cliff's drop is measured. */
export const CLIFF_SPAN = 1.25;
/** Trace segments behind the hit-rate interval. */
export const INTERVAL_SEGMENTS = 10;
/** Policies `tuneFromTrace` compares by default. */
export const DEFAULT_TUNE_POLICIES = ['lru', 'wtinylfu', 's3fifo', 'arc', 'sieve'] as const;

export interface TuneFromTraceOptions {
  /** Memory the cache may use. */
  readonly memoryBudgetBytes: number;
  readonly hitCostMs: number;
  readonly missCostMs: number;
  /** Smallest acceptable hit rate (0..1): the size grows to reach it when the budget allows. */
  readonly targetHitRate?: number;
  /** Bytes per object when the trace has no sizes. @default DEFAULT_OBJECT_BYTES */
  readonly objectBytes?: number;
  /** Policies compared at the chosen size. @default DEFAULT_TUNE_POLICIES */
  readonly policies?: readonly string[];
}

export interface MarginalStep {
  readonly fromSize: number;
  readonly toSize: number;
  readonly hitRateGain: number;
  /** Expected time saved per request (ms). */
  readonly msSaved: number;
}

export interface TraceTuning {
  /** Recommended entries (0 = no cache: nothing within the budget is worth it). */
  readonly size: number;
  readonly sizeBytes: number;
  readonly policy: string;
  /** Hit rate of `policy` at `size` over the whole trace (simulated). */
  readonly expectedHitRate: number;
  /** 95% interval from the spread of the hit rate over INTERVAL_SEGMENTS consecutive segments. */
  readonly hitRateInterval: readonly [number, number];
  readonly expectedAccessMs: number;
  /** Knee of the LRU curve (largest distance below the chord), in entries. */
  readonly knee: number;
  /** Sizes where the curve drops by CLIFF_DROP or more within CLIFF_SPAN (scan-every-run workloads). */
  readonly cliffs: readonly number[];
  readonly marginalGains: readonly MarginalStep[];
  /** Hit rate of each compared policy at `size`. */
  readonly policies: Readonly<Record<string, number>>;
  /** The exact LRU curve the decision rests on. */
  readonly curve: readonly CurvePoint[];
  readonly objectBytes: number;
  readonly basis: { readonly kind: 'trace'; readonly method: string };
  readonly notes: readonly string[];
  /** TTL suggestion when asked through `ttlFromReuse`; absent here. */
  readonly ttl?: number;
}

function avgObjectBytes(trace: SimTrace, fallback: number | undefined): { bytes: number; note?: string } {
  if (trace.sizes !== undefined && trace.sizes.length > 0) {
    let sum = 0;
    for (let i = 0; i < trace.sizes.length; i++) sum += trace.sizes[i];
    return { bytes: Math.max(1, sum / trace.sizes.length) };
  }
  const bytes = fallback ?? DEFAULT_OBJECT_BYTES;
  return { bytes, note: `the trace has no object sizes: ${bytes} bytes per object assumed (set objectBytes)` };
}

/** Sizes (ascending) where the miss ratio falls by at least CLIFF_DROP within CLIFF_SPAN. */
export function findCliffs(bySize: Float64Array): number[] {
  const out: number[] = [];
  const n = bySize.length - 1;
  let c = 1;
  while (c < n) {
    const far = Math.min(n, Math.max(c + 1, Math.floor(c * CLIFF_SPAN)));
    if (bySize[c] - bySize[far] >= CLIFF_DROP) {
      // The cliff's foot: the first size past which the drop is done.
      let end = far;
      while (end < n && bySize[end] - bySize[Math.min(n, end + 1)] > 1e-9 && bySize[c] - bySize[end] < CLIFF_DROP * 2) end++;
      out.push(end);
      c = end + 1;
    } else c = far;
  }
  return out;
}

/** Knee (Kneedle): the grid point farthest below the chord from the first to the last point. */
export function kneeOf(points: readonly { size: number; missRatio: number }[]): number {
  if (points.length < 3) return points[points.length - 1]?.size ?? 0;
  const a = points[0];
  const b = points[points.length - 1];
  const lx = (s: number): number => Math.log(s);
  let best = a.size;
  let bestD = -Infinity;
  for (const p of points) {
    const t = (lx(p.size) - lx(a.size)) / Math.max(1e-12, lx(b.size) - lx(a.size));
    const chord = a.missRatio + t * (b.missRatio - a.missRatio);
    const d = chord - p.missRatio;
    if (d > bestD) {
      bestD = d;
      best = p.size;
    }
  }
  return best;
}

function hitRateWithInterval(trace: SimTrace, policy: string, size: number): { hitRate: number; interval: [number, number] } {
  const p = createPolicy(policy, { capacity: size, maxIdHint: trace.uniqueKeys + 1 });
  const n = trace.ids.length;
  const k = Math.min(INTERVAL_SEGMENTS, n);
  const rates: number[] = [];
  let hits = 0;
  for (let s = 0; s < k; s++) {
    const part = trace.ids.subarray(Math.floor((s * n) / k), Math.floor(((s + 1) * n) / k));
    const h = p.replay(part);
    hits += h;
    if (part.length > 0) rates.push(h / part.length);
  }
  const hitRate = hits / n;
  const mean = rates.reduce((x, y) => x + y, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, rates.length - 1));
  const half = (1.96 * sd) / Math.sqrt(rates.length);
  return { hitRate, interval: [Math.max(0, hitRate - half), Math.min(1, hitRate + half)] };
}

/** The policy and size to use for this trace, with the curve as evidence. */
export function tuneFromTrace(trace: SimTrace, options: TuneFromTraceOptions): TraceTuning {
  const { memoryBudgetBytes, hitCostMs, missCostMs } = options;
  if (!(memoryBudgetBytes > 0)) throw new CacheTunerError('INVALID_SIZE', `tuneFromTrace: memoryBudgetBytes must be > 0, got ${String(memoryBudgetBytes)}`);
  if (!(hitCostMs >= 0) || !(missCostMs >= 0)) {
    throw new CacheTunerError('INVALID_OPTION', `tuneFromTrace: hitCostMs and missCostMs must be >= 0, got ${String(hitCostMs)} and ${String(missCostMs)}`);
  }
  if (options.targetHitRate !== undefined && !(options.targetHitRate >= 0 && options.targetHitRate <= 1)) {
    throw new CacheTunerError('INVALID_OPTION', `tuneFromTrace: targetHitRate must be in 0..1 (0.9 for 90%), got ${String(options.targetHitRate)}`);
  }
  const notes: string[] = [];
  const { bytes: objectBytes, note } = avgObjectBytes(trace, options.objectBytes);
  if (note !== undefined) notes.push(note);
  const affordable = Math.max(0, Math.floor(memoryBudgetBytes / objectBytes));
  const maxSize = Math.min(affordable, trace.uniqueKeys);
  const exact = missRatioCurve(trace, { method: 'exact', sizes: sizeGrid(trace.uniqueKeys) });
  const bySize = exact.bySize!;
  const grid = sizeGrid(Math.max(1, maxSize)).map((size) => ({ size, missRatio: bySize[size] }));
  const cliffs = findCliffs(bySize);
  const knee = kneeOf(grid);
  const time = (m: number): number => (1 - m) * hitCostMs + m * missCostMs;
  const marginalGains: MarginalStep[] = [];
  for (let i = 1; i < grid.length; i++) {
    const gain = grid[i - 1].missRatio - grid[i].missRatio;
    marginalGains.push({ fromSize: grid[i - 1].size, toSize: grid[i].size, hitRateGain: gain, msSaved: time(grid[i - 1].missRatio) - time(grid[i].missRatio) });
  }
  // Smallest size after which no further step gains MIN_MARGINAL_GAIN; then the target; then cliffs.
  let size = grid[grid.length - 1]?.size ?? 0;
  for (let i = marginalGains.length - 1; i >= 0; i--) {
    if (marginalGains[i].hitRateGain >= MIN_MARGINAL_GAIN) break;
    size = marginalGains[i].fromSize;
  }
  if (options.targetHitRate !== undefined) {
    const reach = grid.find((p) => 1 - p.missRatio >= options.targetHitRate!);
    if (reach !== undefined) size = Math.max(size, reach.size);
    else notes.push(`target hit rate ${options.targetHitRate} is out of reach within the budget (LRU reaches ${(1 - (grid[grid.length - 1]?.missRatio ?? 1)).toFixed(3)})`);
  }
  for (const cliff of cliffs) {
    if (size < cliff && size >= cliff / CLIFF_SPAN ** 4) {
      if (cliff <= maxSize) {
        notes.push(`a cliff at ${cliff} entries (the working set of a scan): size moved past it`);
        size = cliff;
      } else {
        notes.push(`a cliff at ${cliff} entries is beyond the budget (${maxSize}): below it the cache mostly misses, so none is recommended`);
        size = 0;
      }
    }
  }
  if (size > 0 && 1 - bySize[size] < MIN_MARGINAL_GAIN) {
    const beyond = cliffs.find((c) => c > maxSize);
    notes.push(
      beyond !== undefined
        ? `a cliff at ${beyond} entries is beyond the budget (${maxSize}): below it the cache mostly misses, so none is recommended`
        : `no size within the budget reaches a hit rate of ${MIN_MARGINAL_GAIN}: none is recommended`,
    );
    size = 0;
  }
  if (size === 0 || maxSize === 0) {
    return {
      size: 0, sizeBytes: 0, policy: 'none', expectedHitRate: 0, hitRateInterval: [0, 0], expectedAccessMs: missCostMs, knee, cliffs, marginalGains,
      policies: {}, curve: exact.points, objectBytes, basis: { kind: 'trace', method: 'exact LRU stack distances + simulation' }, notes,
    };
  }
  const policies: Record<string, number> = {};
  let best = { policy: 'lru', hitRate: -1, interval: [0, 0] as [number, number] };
  for (const policy of options.policies ?? DEFAULT_TUNE_POLICIES) {
    const r = hitRateWithInterval(trace, policy, size);
    policies[policy] = r.hitRate;
    if (r.hitRate > best.hitRate) best = { policy, hitRate: r.hitRate, interval: r.interval };
  }
  return {
    size,
    sizeBytes: Math.round(size * objectBytes),
    policy: best.policy,
    expectedHitRate: best.hitRate,
    hitRateInterval: best.interval,
    expectedAccessMs: time(1 - best.hitRate),
    knee,
    cliffs,
    marginalGains,
    policies,
    curve: exact.points,
    objectBytes,
    basis: { kind: 'trace', method: 'exact LRU stack distances + simulation of each policy' },
    notes,
  };
}

export interface CacheLevelSpec {
  readonly name: string;
  readonly latencyMs: number;
  readonly budgetBytes: number;
}

export interface LevelPlan {
  readonly name: string;
  readonly size: number;
  readonly sizeBytes: number;
  /** Share of all requests served by this level. */
  readonly hitShare: number;
}

/**
 * Sizes for an L1/L2/... hierarchy from the LRU curve (exclusive levels: level i holds the
 * entries ranked just after those above it, so its hits are m(sum above) - m(sum through i)).
 * Each level takes the smallest size within 0.1% of the best expected access time its budget allows.
 */
export function tuneLevels(
  trace: SimTrace,
  options: { readonly levels: readonly CacheLevelSpec[]; readonly missCostMs: number; readonly objectBytes?: number },
): { readonly levels: readonly LevelPlan[]; readonly expectedAccessMs: number; readonly missRatio: number; readonly basis: string; readonly notes: readonly string[] } {
  if (options.levels.length === 0) throw new CacheTunerError('INVALID_OPTION', 'tuneLevels: levels is empty; give at least one { name, latencyMs, budgetBytes }');
  const notes: string[] = [];
  const { bytes, note } = avgObjectBytes(trace, options.objectBytes);
  if (note !== undefined) notes.push(note);
  const bySize = missRatioCurve(trace, { method: 'exact', sizes: [1] }).bySize!;
  const m = (c: number): number => bySize[Math.max(0, Math.min(Math.floor(c), bySize.length - 1))];
  const plans: LevelPlan[] = [];
  let above = 0;
  let time = 0;
  for (let i = 0; i < options.levels.length; i++) {
    const level = options.levels[i];
    if (!(level.budgetBytes >= 0) || !(level.latencyMs >= 0)) {
      throw new CacheTunerError('INVALID_OPTION', `tuneLevels: level "${level.name}" needs budgetBytes >= 0 and latencyMs >= 0`);
    }
    const next = options.levels[i + 1]?.latencyMs ?? options.missCostMs;
    const max = Math.min(Math.floor(level.budgetBytes / bytes), Math.max(0, bySize.length - 1 - above));
    // Entries served here instead of by the next level save (next - latency) each.
    const cost = (c: number): number => (m(above) - m(above + c)) * (level.latencyMs - next);
    let bestSize = 0;
    let bestCost = 0;
    const grid = max > 0 ? [0, ...sizeGrid(max)] : [0];
    for (const c of grid) if (cost(c) < bestCost) { bestCost = cost(c); bestSize = c; }
    const size = grid.find((c) => cost(c) <= bestCost * 0.999) ?? bestSize;
    const hitShare = m(above) - m(above + size);
    plans.push({ name: level.name, size, sizeBytes: Math.round(size * bytes), hitShare });
    time += hitShare * level.latencyMs;
    above += size;
  }
  time += m(above) * options.missCostMs;
  return { levels: plans, expectedAccessMs: time, missRatio: m(above), basis: 'exact LRU curve, exclusive levels', notes };
}

/** TTL that keeps `keepShare` of the reuses: the keepShare-quantile of re-reference times (trace timestamps, or request counts without them). */
export function ttlFromReuse(trace: SimTrace & { readonly timestamps?: Float64Array }, options: { readonly keepShare?: number } = {}): { readonly ttl: number; readonly unit: 'timestamp' | 'requests'; readonly reuses: number } {
  const keep = options.keepShare ?? 0.9;
  if (!(keep > 0 && keep <= 1)) throw new CacheTunerError('INVALID_OPTION', `ttlFromReuse: keepShare must be in (0, 1], got ${String(keep)}`);
  const ts = trace.timestamps;
  const last = new Float64Array(trace.uniqueKeys + 1).fill(-1);
  const gaps: number[] = [];
  for (let i = 0; i < trace.ids.length; i++) {
    const id = trace.ids[i];
    const t = ts ? ts[i] : i;
    if (last[id] >= 0) gaps.push(t - last[id]);
    last[id] = t;
  }
  if (gaps.length === 0) return { ttl: 0, unit: ts ? 'timestamp' : 'requests', reuses: 0 };
  const sorted = Float64Array.from(gaps).sort();
  return { ttl: sorted[Math.min(sorted.length - 1, Math.ceil(keep * sorted.length) - 1)], unit: ts ? 'timestamp' : 'requests', reuses: gaps.length };
}

/** Options for lru-cache from a tuning: `max` in entries, or `maxSize` in bytes when `bySize`; `ttl` in ms when given. */
export function toLruCacheOptions(result: Pick<TraceTuning, 'size' | 'sizeBytes'>, extra: { readonly bySize?: boolean; readonly ttlMs?: number } = {}): { max?: number; maxSize?: number; ttl?: number } {
  if (result.size <= 0) throw new CacheTunerError('INVALID_SIZE', 'toLruCacheOptions: the tuning recommends no cache (size 0); lru-cache needs max >= 1');
  const out: { max?: number; maxSize?: number; ttl?: number } = extra.bySize === true ? { maxSize: result.sizeBytes } : { max: result.size };
  if (extra.ttlMs !== undefined && extra.ttlMs > 0) out.ttl = Math.round(extra.ttlMs);
  return out;
}
