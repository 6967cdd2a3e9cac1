import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, bestMeasured, readHistory, type HistoryEntry } from '../src/history.js';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  version: 1, time: '2026-01-01T00:00:00.000Z', fingerprint: 'fp', workloadSignature: 'w',
  targetMetric: 'throughput', config: {}, estimatedSpeedup: 2, ...over,
});

describe('history', () => {
  it('appends entries and reads them back', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'perf-history-')), 'nested', 'history.jsonl');
    await appendHistory(path, entry({ measuredSpeedup: 1.5 }));
    await appendHistory(path, entry({ measuredSpeedup: 3 }));
    const read = await readHistory(path);
    expect(read.entries.map((e) => e.measuredSpeedup)).toEqual([1.5, 3]);
    expect(read.skipped).toEqual([]);
  });

  it('skips and reports corrupt lines, keeping the rest', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'perf-history-')), 'history.jsonl');
    await writeFile(path, `${JSON.stringify(entry({}))}\n{not json\n${JSON.stringify({ version: 2 })}\n`);
    const read = await readHistory(path);
    expect(read.entries).toHaveLength(1);
    expect(read.skipped.map((s) => s.line)).toEqual([2, 3]);
    await appendHistory(path, entry({ measuredSpeedup: 2 }));
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('treats a missing file as an empty history', async () => {
    const read = await readHistory(join(tmpdir(), 'perf-no-such-dir', 'history.jsonl'));
    expect(read).toEqual({ entries: [], skipped: [] });
  });

  it('picks the best measured entry for the same machine and workload only', () => {
    const entries = [
      entry({ measuredSpeedup: 2, config: { id: 'a' } }),
      entry({ measuredSpeedup: 5, fingerprint: 'other' }),
      entry({ measuredSpeedup: 4, workloadSignature: 'other' }),
      entry({ measuredSpeedup: 3, config: { id: 'b' } }),
      entry({ config: { id: 'unmeasured' } }),
    ];
    expect(bestMeasured(entries, 'fp', 'w')?.config).toEqual({ id: 'b' });
    expect(bestMeasured(entries, 'nope', 'w')).toBeUndefined();
  });
});
