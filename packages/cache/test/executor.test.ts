// ../shared/traces/executor: a run looks up every live file. LRU below the live set collapses;
// generation eviction does not, and bounds the cache without a size guess.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExecutorHistory, replayExecutor } from '../bench/executor.js';
import { sharedDir } from './helpers.js';

const history = readExecutorHistory(join(sharedDir(), 'traces', 'executor', 'rxjs.changes.tsv.gz'));
const from = 4_000;
const to = 4_100;

describe('executor history (rxjs, 100 commits) through the disk eviction model', () => {
  const live = replayExecutor(history, from, from + 1, { maxBytes: 1e9, eviction: 'lru', generations: 1 }).liveAtStart;

  it('LRU at 90% of the live set collapses to (almost) no hits, generation eviction keeps most', () => {
    const budget = Math.floor(live * 0.9);
    const lru = replayExecutor(history, from, to, { maxBytes: budget, eviction: 'lru', generations: 2 });
    const gen = replayExecutor(history, from, to, { maxBytes: budget, eviction: 'generation', generations: 2 });
    expect(lru.hitRatio).toBeLessThan(0.05);
    expect(gen.hitRatio).toBeGreaterThan(0.7);
    expect(gen.entriesAtEnd).toBeLessThanOrEqual(budget);
  });

  it('with room to spare, generation eviction holds about the live set while LRU keeps stale blobs', () => {
    const lru = replayExecutor(history, from, to, { maxBytes: live * 10, eviction: 'lru', generations: 2 });
    const gen = replayExecutor(history, from, to, { maxBytes: live * 10, eviction: 'generation', generations: 2 });
    expect(gen.hitRatio).toBeGreaterThan(0.95);
    expect(gen.hitRatio).toBeCloseTo(lru.hitRatio, 6);
    expect(gen.entriesAtEnd).toBeLessThan(live * 1.2);
    expect(lru.entriesAtEnd).toBeGreaterThan(gen.entriesAtEnd);
  });
});
