// The throughput bench's workload as modules for `perf-bench compare` (interleaved: both sides
// timed alternately in each fresh process): Zipf(0.99) over 100,000 keys, 10,000 entries,
// "get, then set on a miss". TypeScript sources: run with NODE_OPTIONS='--import tsx' (README).
import { zipfIds } from '../zipf.js';

const UNIVERSE = 100_000;
const REQUESTS = 300_000;
export const CAPACITY = 10_000;

const ids = zipfIds(REQUESTS, UNIVERSE, 0.99, 42);
/** The key strings, reused in a ring (so V8 keeps each one's hash). */
const keys = Array.from(ids, (id) => `key:${id}`);

const value = { payload: 1 };

/** A timed function over `cache` (500 requests per call, wrapping around), after a warm-up of 200,000 requests. */
export function side(cache: { get(key: string): unknown; set(key: string, value: unknown): unknown }): () => void {
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

/**
 * The same requests, but each key string is built when it is requested, as a tool builds a key
 * per file: every lookup hashes a new string, in lru-cache's `Map` as in the memory level. Both
 * sides pay the same string building inside the timed function.
 */
export function freshKeysSide(cache: { get(key: string): unknown; set(key: string, value: unknown): unknown }): () => void {
  let i = 0;
  const bench = () => {
    for (let j = 0; j < 500; j++) {
      const key = `key:${ids[i]}`;
      i = i + 1 === REQUESTS ? 0 : i + 1;
      if (cache.get(key) === undefined) cache.set(key, value);
    }
  };
  for (let j = 0; j < 400; j++) bench();
  return bench;
}
