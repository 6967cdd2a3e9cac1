import { simulate } from '@perf/cache-tuner';
import type { Trace } from '@perf/workload';
import type { CurvePoint, TargetMetric } from './types.js';

/** Policies the tuner compares on a trace (Belady is an offline bound, not a choice). */
export const CANDIDATE_POLICIES = ['lru', 'sieve', 's3fifo', 'arc', 'wtinylfu'] as const;
/** Sizes tried: this many points, log-spaced from 0.1% of the distinct keys up to all of them. */
export const CURVE_POINTS = 14;
/** Throughput and latency take the smallest size within this many hit-ratio points of the best. */
export const NEAR_BEST_HIT_GAP = 0.01;
/** Memory takes the knee: the smallest size that reaches this share of the best hit ratio. */
export const KNEE_SHARE = 0.9;

export interface CachePlan {
  readonly curves: { readonly policy: string; readonly points: CurvePoint[] }[];
  readonly chosenSize: number;
  readonly chosenPolicy: string;
  /** Simulated hit ratio of the chosen policy at the chosen size. */
  readonly hitRatio: number;
  /** Best hit ratio any candidate reaches on the curve. */
  readonly bestHitRatio: number;
  readonly rule: string;
}

export function curveSizes(uniqueKeys: number, points = CURVE_POINTS): number[] {
  const low = Math.max(1, Math.floor(uniqueKeys / 1000));
  const sizes = new Set<number>();
  for (let i = 0; i < points; i++) sizes.add(Math.max(1, Math.round(low * (uniqueKeys / low) ** (i / (points - 1)))));
  return [...sizes].sort((a, b) => a - b);
}

/**
 * Pure over a trace: replays every candidate policy at every size (simulated, libCacheSim semantics)
 * and picks the size by the target. Picking the smallest size that reaches the goal lands past a
 * cliff (a scan-every-run workload), never just below it.
 */
export function planCache(trace: Trace, target: TargetMetric, maxEntries = Number.POSITIVE_INFINITY): CachePlan {
  const sizes = curveSizes(trace.uniqueKeys).filter((s) => s <= maxEntries);
  if (sizes.length === 0) sizes.push(Math.max(1, Math.min(maxEntries, trace.uniqueKeys)));
  const rows = simulate(trace, { policies: CANDIDATE_POLICIES, sizes });
  const curves = CANDIDATE_POLICIES.map((policy) => ({
    policy,
    points: rows.filter((r) => r.policy === policy).map((r) => ({ size: r.size, missRatio: r.missRatio })),
  }));
  const bestAt = (size: number): { policy: string; hit: number } => {
    let best = { policy: 'lru', hit: -1 };
    for (const row of rows) if (row.size === size && 1 - row.missRatio > best.hit) best = { policy: row.policy, hit: 1 - row.missRatio };
    return best;
  };
  const bestHitRatio = Math.max(...sizes.map((s) => bestAt(s).hit));
  const goal = target === 'memory' ? bestHitRatio * KNEE_SHARE : bestHitRatio - NEAR_BEST_HIT_GAP;
  const chosenSize = sizes.find((s) => bestAt(s).hit >= goal) ?? sizes[sizes.length - 1];
  const chosen = bestAt(chosenSize);
  const rule = target === 'memory'
    ? `knee: smallest size reaching ${KNEE_SHARE * 100}% of the best hit ratio ${bestHitRatio.toFixed(4)}`
    : `smallest size within ${NEAR_BEST_HIT_GAP} of the best hit ratio ${bestHitRatio.toFixed(4)}`;
  return { curves, chosenSize, chosenPolicy: chosen.policy, hitRatio: chosen.hit, bestHitRatio, rule };
}
