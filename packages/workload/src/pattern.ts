import type { StackDistanceHistogram } from './stack-distance.js';
import type { ZipfFit } from './stats.js';

/** Access pattern classes. */
export type AccessPatternKind = 'sequential-scan' | 'loop' | 'zipfian' | 'uniform' | 'mixed';

/** The measured numbers a pattern was decided from. */
export interface PatternEvidence {
  /** Distinct keys / requests (1 = no key is ever reused). */
  readonly firstAccessRatio: number;
  /** Share of requests whose id is the previous request's id + 1 (ids are in first-seen order). */
  readonly sequentialRatio: number;
  /** Share of reuses at the single most common stack distance (a loop puts all at loop length - 1). */
  readonly dominantDistanceShare: number;
  /** That most common stack distance (-1 when there is no reuse). */
  readonly dominantDistance: number;
  readonly zipfAlpha: number;
  readonly zipfRSquared: number;
  /** Variance / mean of per-key counts (about 1 for uniform random draws). */
  readonly dispersionIndex: number;
}

export interface AccessPattern {
  readonly kind: AccessPatternKind;
  /** Heuristic score in [0, 1] of how clearly the evidence meets the rule (not a probability). */
  readonly confidence: number;
  /** Which rule fired, in words, with the numbers. */
  readonly reason: string;
  readonly evidence: PatternEvidence;
}

/** Thresholds of the rules (named so the decision can be audited). */
export const PATTERN_RULES = {
  scanFirstAccess: 0.9,
  loopDominantShare: 0.6,
  loopMinReuse: 0.5,
  zipfMinAlpha: 0.4,
  zipfMinRSquared: 0.8,
  uniformMaxAlpha: 0.25,
  uniformMaxDispersion: 2,
  uniformMinDispersion: 0.5,
} as const;

/** Measures the evidence from a trace's ids, stack distances, counts and Zipf fit. */
export function patternEvidence(
  ids: ArrayLike<number>,
  uniqueKeys: number,
  distances: StackDistanceHistogram,
  zipf: ZipfFit,
  dispersion: number,
): PatternEvidence {
  const n = ids.length;
  let sequential = 0;
  for (let i = 1; i < n; i++) if (ids[i] === ids[i - 1] + 1) sequential++;
  let reuses = 0;
  let best = -1;
  let bestCount = 0;
  const c = distances.counts;
  for (let d = 0; d < c.length; d++) {
    reuses += c[d];
    if (c[d] > bestCount) {
      bestCount = c[d];
      best = d;
    }
  }
  return {
    firstAccessRatio: n === 0 ? 0 : uniqueKeys / n,
    sequentialRatio: n < 2 ? 0 : sequential / (n - 1),
    dominantDistanceShare: reuses === 0 ? 0 : bestCount / reuses,
    dominantDistance: best,
    zipfAlpha: zipf.alpha,
    zipfRSquared: zipf.rSquared,
    dispersionIndex: dispersion,
  };
}

/** Applies the rules in order: scan, loop, zipfian, uniform, else mixed. */
export function classifyPattern(e: PatternEvidence): AccessPattern {
  const r = PATTERN_RULES;
  const f = (x: number) => x.toFixed(3);
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  if (e.firstAccessRatio >= r.scanFirstAccess) {
    return {
      kind: 'sequential-scan',
      confidence: clamp(e.firstAccessRatio * (0.5 + 0.5 * e.sequentialRatio)),
      reason: `${f(e.firstAccessRatio)} of requests touch a new key (>= ${r.scanFirstAccess}); ${f(e.sequentialRatio)} follow the previous key in order`,
      evidence: e,
    };
  }
  if (1 - e.firstAccessRatio >= r.loopMinReuse && e.dominantDistanceShare >= r.loopDominantShare) {
    return {
      kind: 'loop',
      confidence: clamp(e.dominantDistanceShare),
      reason: `${f(e.dominantDistanceShare)} of reuses come back after exactly ${e.dominantDistance} other keys (>= ${r.loopDominantShare}): a loop over ${e.dominantDistance + 1} keys`,
      evidence: e,
    };
  }
  if (e.zipfAlpha >= r.zipfMinAlpha && e.zipfRSquared >= r.zipfMinRSquared) {
    return {
      kind: 'zipfian',
      confidence: clamp(e.zipfRSquared * Math.min(1, e.zipfAlpha / 0.6)),
      reason: `rank-frequency is a power law: alpha ${f(e.zipfAlpha)} (>= ${r.zipfMinAlpha}), R² ${f(e.zipfRSquared)} (>= ${r.zipfMinRSquared})`,
      evidence: e,
    };
  }
  if (e.zipfAlpha < r.uniformMaxAlpha && e.dispersionIndex <= r.uniformMaxDispersion && e.dispersionIndex >= r.uniformMinDispersion) {
    return {
      kind: 'uniform',
      confidence: clamp(1 - e.zipfAlpha / r.uniformMaxAlpha / 2 - Math.max(0, e.dispersionIndex - 1) / r.uniformMaxDispersion / 2),
      reason: `flat rank-frequency: alpha ${f(e.zipfAlpha)} (< ${r.uniformMaxAlpha}), count variance/mean ${f(e.dispersionIndex)} (${r.uniformMinDispersion}..${r.uniformMaxDispersion}, about 1 for random draws)`,
      evidence: e,
    };
  }
  return {
    kind: 'mixed',
    confidence: 0.5,
    reason: `no rule fits: new-key share ${f(e.firstAccessRatio)}, dominant reuse share ${f(e.dominantDistanceShare)}, alpha ${f(e.zipfAlpha)} (R² ${f(e.zipfRSquared)}), dispersion ${f(e.dispersionIndex)}`,
    evidence: e,
  };
}
