// The throughput bench's workload as modules for `perf-bench compare` (interleaved: both sides
// timed alternately in each fresh process): Zipf(0.99) over 100,000 keys, 10,000 entries,
// "get, then set on a miss". Needs `pnpm build` (the sides import ../../dist).
const UNIVERSE = 100_000;
const REQUESTS = 300_000;
export const CAPACITY = 10_000;

/** mulberry32, as bench/zipf.ts. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfKeys() {
  const cdf = new Float64Array(UNIVERSE);
  let sum = 0;
  for (let k = 0; k < UNIVERSE; k++) cdf[k] = sum += 1 / Math.pow(k + 1, 0.99);
  const random = rng(42);
  const keys = new Array(REQUESTS);
  for (let i = 0; i < REQUESTS; i++) {
    const u = random() * sum;
    let lo = 0;
    let hi = UNIVERSE - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    keys[i] = `key:${Math.imul(lo, 2654435761) >>> 0}`;
  }
  return keys;
}

const keys = zipfKeys();
const value = { payload: 1 };

/** A timed function over `cache` (500 requests per call, wrapping around), after a warm-up of 200,000 requests. */
export function side(cache) {
  let i = 0;
  const bench = () => {
    for (let j = 0; j < 500; j++) {
      const key = keys[i];
      i = i + 1 === REQUESTS ? 0 : i + 1;
      if (cache.get(key) === undefined) cache.set(key, value);
    }
  };
  for (let j = 0; j < 400; j++) bench();
  return bench;
}
