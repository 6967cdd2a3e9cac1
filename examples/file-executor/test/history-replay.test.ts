import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayExecutorHistory } from '../src/history-replay.js';

const shared = process.env.PERF_SHARED_DIR ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const rxjs = join(shared, 'traces/executor/rxjs.changes.tsv.gz');

describe('replaying the rxjs executor history', () => {
  it('an LRU smaller than the live set collapses to no hits; generation eviction keeps all unchanged files', async () => {
    const generation = await replayExecutorHistory(rxjs, { from: 3000, count: 100, eviction: { kind: 'generation', generations: 3 } });
    const smallLru = await replayExecutorHistory(rxjs, { from: 3000, count: 100, eviction: { kind: 'lru', capacity: 500 } });
    expect(generation.length).toBeGreaterThan(0);
    expect(smallLru.map((r) => r.commit)).toEqual(generation.map((r) => r.commit));
    const live = generation[0].live;
    expect(live).toBeGreaterThan(500);
    expect(smallLru.every((r) => r.hits === 0)).toBe(true);
    // Each run misses only the files its commit added or modified (at most the changed count).
    for (const run of generation) {
      expect(run.misses).toBeLessThanOrEqual(run.changed);
      expect(run.hits + run.misses).toBe(run.live);
    }
  });
});
