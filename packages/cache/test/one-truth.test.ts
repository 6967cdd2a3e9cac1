// One truth: replaying a shared trace through the memory level ("get, set on a miss") gives
// exactly the hits of @perf/cache-tuner's simulator for the same policy and size. The trace
// carries each key's 30-bit hash, which W-TinyLFU counts (the level passes the same hash).
import { simulate } from '@perf/cache-tuner';
import { describe, expect, it } from 'vitest';
import { keyTrace, MemoryLevel, POLICY_NAMES } from '../src/index.js';
import { lirsKeys } from './helpers.js';

function replayHits(level: MemoryLevel, keys: readonly string[]): number {
  let hits = 0;
  for (const key of keys) {
    if (level.get(key) === undefined) level.set(key, key);
    else hits++;
  }
  return hits;
}

describe.each(['sprite', 'multi2'])('memory level = simulator on lirs/%s', (traceName) => {
  const keys = lirsKeys(traceName);
  const trace = keyTrace(keys);
  const sizes = [100, 500, 1000, 2000];
  const rows = simulate(trace, { policies: [...POLICY_NAMES], sizes });

  it.each([...POLICY_NAMES])('%s: same hits at every size', (policy) => {
    for (const size of sizes) {
      const expected = rows.find((r) => r.policy === policy && r.size === size)!.hits;
      expect(replayHits(new MemoryLevel({ maxEntries: size, policy }), keys), `${policy} @${size}`).toBe(expected);
    }
  });
});
