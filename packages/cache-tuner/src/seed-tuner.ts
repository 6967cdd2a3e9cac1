// The seed's CacheTuner API, for callers with counters but no trace. Every estimate here
// rests on a named model (no trace was replayed) and says so in `basis`.
import { CacheTunerError } from './errors.js';
import { hitRateOf } from './metrics.js';
import type { CacheMetrics } from './metrics.js';

/** Cache sizes per level and the policy, as the seed's config. */
export interface CacheConfig {
  readonly l1SizeMb: number;
  readonly l2SizeMb: number;
  readonly l3SizeMb: number;
  readonly evictionPolicy: string;
  readonly ttlSeconds?: number;
}

/** Total size of a config in MB. */
export function totalSizeMb(config: CacheConfig): number {
  return config.l1SizeMb + config.l2SizeMb + config.l3SizeMb;
}

/** What an estimate rests on. */
export type EstimateBasis = { readonly kind: 'model'; readonly model: string } | { readonly kind: 'trace'; readonly method: string };

/** Exponent of the power-law miss curve. */
export const POWER_LAW_BETA = 0.5;
const POWER_LAW_MODEL = `power-law miss curve m(c) = m0 * (c / c0)^-${POWER_LAW_BETA} (the square-root rule, Hartstein et al. 2006), fitted to the current hit rate at the current size`;
const UNIFORM_MODEL = 'uniform access over the working set: hit rate = min(1, cache size / working-set size)';
/** Size assumed for the current cache when the caller gives none. @default 100 MB */
export const DEFAULT_CURRENT_SIZE_MB = 100;
/** L1 : L2 : L3 split of a recommended total. */
export const LEVEL_SPLIT = [0.1, 0.3, 0.6] as const;

export interface TuneResult {
  readonly config: CacheConfig;
  readonly expectedHitRate: number;
  /** True when the target is out of reach within the memory given. */
  readonly limitedByMemory: boolean;
  readonly basis: EstimateBasis;
}

export interface Adjustment {
  readonly action: 'grow' | 'shrink' | 'rebalance' | 'keep' | 'change-policy';
  readonly reason: string;
  readonly suggested?: CacheConfig;
  readonly basis: EstimateBasis;
}

function rate(value: number, field: string): number {
  if (!(value >= 0 && value <= 1)) {
    throw new CacheTunerError('INVALID_OPTION', `CacheTuner: ${field} must be in 0..1 (0.75 for 75%), got ${String(value)}`);
  }
  return value;
}

/** Sizes a cache from hit counters with a model (no trace): see `tuneFromTrace` for the measured way. */
export class CacheTuner {
  /** Total size that reaches `targetHitRate` under the power-law model, capped by the memory given. */
  tune(currentMetrics: CacheMetrics, targetHitRate: number, availableMemoryGb: number, currentConfig?: CacheConfig): TuneResult {
    rate(targetHitRate, 'targetHitRate');
    if (!(availableMemoryGb > 0)) {
      throw new CacheTunerError('INVALID_SIZE', `CacheTuner.tune: availableMemoryGb must be > 0, got ${String(availableMemoryGb)}`);
    }
    const h0 = currentMetrics.hitRate ?? hitRateOf(currentMetrics);
    const c0 = currentConfig ? totalSizeMb(currentConfig) : DEFAULT_CURRENT_SIZE_MB;
    const m0 = Math.max(1e-9, 1 - h0);
    const mt = Math.max(1e-9, 1 - targetHitRate);
    const wanted = mt >= m0 ? c0 : c0 * (m0 / mt) ** (1 / POWER_LAW_BETA);
    const cap = availableMemoryGb * 1024;
    const total = Math.min(wanted, cap);
    const expected = 1 - Math.min(1, m0 * (total / c0) ** -POWER_LAW_BETA);
    return {
      config: {
        l1SizeMb: total * LEVEL_SPLIT[0],
        l2SizeMb: total * LEVEL_SPLIT[1],
        l3SizeMb: total * LEVEL_SPLIT[2],
        evictionPolicy: currentConfig?.evictionPolicy ?? 'wtinylfu',
      },
      expectedHitRate: expected,
      limitedByMemory: wanted > cap,
      basis: { kind: 'model', model: POWER_LAW_MODEL },
    };
  }

  /** Hit rate of `config` over a working set of `workingSetSizeMb`, under the uniform-access model. */
  estimateHitRate(config: CacheConfig, workingSetSizeMb: number): { readonly hitRate: number; readonly basis: EstimateBasis } {
    if (!(workingSetSizeMb > 0)) {
      throw new CacheTunerError('INVALID_SIZE', `CacheTuner.estimateHitRate: workingSetSizeMb must be > 0, got ${String(workingSetSizeMb)}`);
    }
    return { hitRate: Math.min(1, totalSizeMb(config) / workingSetSizeMb), basis: { kind: 'model', model: UNIFORM_MODEL } };
  }

  /** Rules over the counters: grow when the hit rate is low, rebalance when L1 serves too little of the hits. */
  recommendAdjustments(currentConfig: CacheConfig, currentMetrics: CacheMetrics): Adjustment[] {
    const basis: EstimateBasis = { kind: 'model', model: POWER_LAW_MODEL };
    const h = currentMetrics.hitRate ?? hitRateOf(currentMetrics);
    const hits = currentMetrics.l1Hits + currentMetrics.l2Hits + currentMetrics.l3Hits;
    const out: Adjustment[] = [];
    if (hits + currentMetrics.misses === 0) return [{ action: 'keep', reason: 'no requests counted yet', basis }];
    if (h < 0.5) {
      const factor = 4;
      out.push({
        action: 'grow',
        reason: `hit rate ${(h * 100).toFixed(1)}% is below 50%; 4x the size would give about ${((1 - (1 - h) * factor ** -POWER_LAW_BETA) * 100).toFixed(1)}% under the model`,
        suggested: { ...currentConfig, l1SizeMb: currentConfig.l1SizeMb * factor, l2SizeMb: currentConfig.l2SizeMb * factor, l3SizeMb: currentConfig.l3SizeMb * factor },
        basis,
      });
      if (currentConfig.evictionPolicy === 'lru') {
        out.push({ action: 'change-policy', reason: 'with a low hit rate, wtinylfu resists scans and one-hit wonders better than lru', basis });
      }
    } else if (h > 0.98) {
      out.push({
        action: 'shrink',
        reason: `hit rate ${(h * 100).toFixed(1)}% is above 98%; half the size would keep about ${((1 - (1 - h) * 2 ** POWER_LAW_BETA) * 100).toFixed(1)}% under the model`,
        basis,
      });
    }
    if (hits > 0 && currentMetrics.l1Hits / hits < 0.3 && currentMetrics.l2Hits + currentMetrics.l3Hits > 0) {
      out.push({
        action: 'rebalance',
        reason: `L1 serves ${((currentMetrics.l1Hits / hits) * 100).toFixed(1)}% of the hits; move size from L3 to L1`,
        suggested: { ...currentConfig, l1SizeMb: currentConfig.l1SizeMb * 2, l3SizeMb: Math.max(0, currentConfig.l3SizeMb - currentConfig.l1SizeMb) },
        basis,
      });
    }
    if (out.length === 0) out.push({ action: 'keep', reason: `hit rate ${(h * 100).toFixed(1)}% is in the healthy range`, basis });
    return out;
  }
}
