// Miss-ratio curves: exact LRU from one stack-distance pass; SHARDS (./shards.ts); miniature
// simulations (Waldspurger et al., ATC 2017) for any policy on a spatially sampled trace with
// scaled caches.
import { CacheTunerError } from './errors.js';
import { hashId, HASH_RANGE } from './hash.js';
import { createPolicy } from './registry.js';
import type { SimTrace } from './simulate.js';
import { stackDistanceHistogram as workloadHistogram } from '@perf/workload';
import { missRatiosFromHistogram } from './stack.js';
import type { StackHistogram } from './stack.js';
import { checkRate, DEFAULT_CURVE_POINTS, DEFAULT_MIN_SAMPLED_OBJECTS, DEFAULT_MINIATURE_RATE, ERROR_MODEL, estimatePoint } from './curve.js';
import type { CurvePoint, MissRatioCurve, MissRatioCurveOptions } from './curve.js';
import { shardsCurve } from './shards.js';

/** Log-spaced sizes from 1 to `max` (integers, distinct, ascending). */
export function sizeGrid(max: number, points = DEFAULT_CURVE_POINTS): number[] {
  const out = new Set<number>();
  const top = Math.max(1, Math.floor(max));
  for (let i = 0; i < points; i++) out.add(Math.max(1, Math.round(Math.exp((Math.log(top) * i) / Math.max(1, points - 1)))));
  out.add(top);
  return [...out].sort((a, b) => a - b);
}

function checkSizes(sizes: readonly number[]): void {
  for (const s of sizes) {
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) {
      throw new CacheTunerError('INVALID_SIZE', `missRatioCurve: cache size ${String(s)} is not a number > 0 (sizes are in objects)`);
    }
  }
}

/** Builds a miss-ratio curve of `trace` by the chosen method. */
export function missRatioCurve(trace: SimTrace, options: MissRatioCurveOptions): MissRatioCurve {
  if (trace.ids.length === 0) throw new CacheTunerError('EMPTY_TRACE', 'missRatioCurve: the trace has no requests');
  const sizes = options.sizes ?? sizeGrid(trace.uniqueKeys);
  checkSizes(sizes);
  switch (options.method) {
    case 'exact':
      return exactCurve(trace, sizes);
    case 'shards':
      return shardsCurve(trace, sizes, options);
    case 'miniature':
      return miniatureCurve(trace, sizes, options);
    default:
      throw new CacheTunerError(
        'INVALID_OPTION',
        `missRatioCurve: unknown method ${JSON.stringify((options as { method?: unknown }).method)}; use 'exact', 'shards' or 'miniature'`,
      );
  }
}

/** Exact histogram from @perf/workload's counter (one truth for stack distances), shifted to 1-based distances. */
function exactHistogram(trace: SimTrace): StackHistogram {
  const w = workloadHistogram(trace);
  const counts = new Float64Array(trace.uniqueKeys + 2);
  const top = Math.min(w.counts.length, counts.length - 1);
  for (let d = 0; d < top; d++) counts[d + 1] = w.counts[d];
  return { counts, cold: w.coldMisses, requests: w.requests };
}

function exactCurve(trace: SimTrace, sizes: readonly number[]): MissRatioCurve {
  const h = exactHistogram(trace);
  const bySize = missRatiosFromHistogram(h, trace.uniqueKeys);
  const points = sizes.map((size): CurvePoint => ({ size, status: 'exact', missRatio: bySize[Math.min(Math.floor(size), trace.uniqueKeys)] }));
  return { method: 'exact', policy: 'lru', requests: trace.ids.length, uniqueKeys: trace.uniqueKeys, points, bySize };
}

function miniatureCurve(trace: SimTrace, sizes: readonly number[], o: Extract<MissRatioCurveOptions, { method: 'miniature' }>): MissRatioCurve {
  const rate = o.rate ?? DEFAULT_MINIATURE_RATE;
  checkRate(rate, 'rate');
  const min = o.minSampledObjects ?? DEFAULT_MIN_SAMPLED_OBJECTS;
  const threshold = rate * HASH_RANGE;
  const seed = o.seed ?? 0x2545f491;
  const { ids } = trace;
  let count = 0;
  const sample = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) if (hashId(ids[i], seed) < threshold) sample[count++] = ids[i];
  const sampledIds = sample.subarray(0, count);
  const points = sizes.map((size) => {
    const mini = Math.max(1, Math.round(size * rate));
    if (rate * size < min || count === 0) return { size, status: 'too-few-samples' as const, sampledObjects: rate * size };
    const p = createPolicy(o.policy, { capacity: mini, maxIdHint: trace.uniqueKeys + 1 });
    const hits = p.replay(sampledIds);
    return estimatePoint(size, rate, (count - hits) / count, min);
  });
  return {
    method: 'miniature',
    policy: o.policy,
    requests: ids.length,
    uniqueKeys: trace.uniqueKeys,
    points,
    rate,
    sampledRequests: count,
    errorModel: ERROR_MODEL,
  };
}

/** Miss ratio of a curve at `size` (step interpolation from the nearest point at or below; undefined where the curve has no number). */
export function missRatioAt(curve: MissRatioCurve, size: number): number | undefined {
  if (curve.bySize !== undefined) return curve.bySize[Math.max(0, Math.min(Math.floor(size), curve.bySize.length - 1))];
  let best: CurvePoint | undefined;
  for (const p of curve.points) if (p.size <= size && (best === undefined || p.size > best.size)) best = p;
  return best?.missRatio;
}
