// A seeded Zipf key sequence (inverse-CDF over precomputed weights), the same for every side.

/** mulberry32: a small seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` draws of ranks in [0, universe) with P(rank k) ∝ 1 / (k + 1)^alpha. */
export function zipfIds(n: number, universe: number, alpha: number, seed: number): Uint32Array {
  const cdf = new Float64Array(universe);
  let sum = 0;
  for (let k = 0; k < universe; k++) cdf[k] = sum += 1 / Math.pow(k + 1, alpha);
  const random = rng(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const u = random() * sum;
    let lo = 0;
    let hi = universe - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    // Scatter ranks so popular keys are not numerically adjacent.
    out[i] = Math.imul(lo, 2654435761) >>> 0;
  }
  return out;
}
