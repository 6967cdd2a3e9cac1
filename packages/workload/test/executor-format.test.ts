import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectTraceFormat, loadTrace, parseTrace, streamTrace, WorkloadError } from '../src/index.js';
import { tracePath } from './shared.js';

const text = (lines: string[]): Uint8Array => Buffer.from(`${lines.join('\n')}\n`);

/** The README's definition, written plainly: after each commit, every live (path, blob) in path order. */
function referenceRuns(tsv: string): string[] {
  const live = new Map<string, string>();
  const keys: string[] = [];
  let commit: string | undefined;
  const run = (): void => { for (const p of [...live.keys()].sort()) keys.push(`${p}\0${live.get(p)}`); };
  for (const line of tsv.split('\n')) {
    if (line === '') continue;
    const [index, , status, path, blob] = line.split('\t');
    if (commit !== undefined && index !== commit) run();
    commit = index;
    if (status === 'D') live.delete(path);
    else live.set(path, blob);
  }
  if (commit !== undefined) run();
  return keys;
}

describe('executor edit-history format', () => {
  it('turns each commit into one run over the live files, in path order', () => {
    const t = parseTrace(text([
      '0\tsha0\tA\tb.ts\tb1',
      '0\tsha0\tA\ta.ts\ta1',
      '1\tsha1\tM\tb.ts\tb2',
      '2\tsha2\tD\ta.ts\ta1',
      '2\tsha2\tA\tc.ts\tc1',
    ]), { format: 'executor' });
    const keyOf = (id: number): string => t.keyOf?.(id) ?? '<no keyOf>';
    const keys = Array.from(t.ids, (id) => keyOf(id));
    expect(keys).toEqual(['a.ts\0a1', 'b.ts\0b1', 'a.ts\0a1', 'b.ts\0b2', 'b.ts\0b2', 'c.ts\0c1']);
    expect(t.uniqueKeys).toBe(4);
  });

  it('is detected from the .changes.tsv(.gz) name', () => {
    expect(detectTraceFormat('rxjs.changes.tsv.gz')).toBe('executor');
  });

  it('names the line of a malformed or out-of-order record', () => {
    const bad = [['x\tsha\tA\ta.ts\ta1'], ['0\tsha\tQ\ta.ts\ta1'], ['0\tsha\tA\ta.ts'], ['1\tsha\tA\ta.ts\ta1', '0\tsha\tA\tb.ts\tb1']];
    for (const lines of bad) {
      let error: unknown;
      try {
        parseTrace(text(lines), { format: 'executor', name: 'h.changes.tsv' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorkloadError);
      expect((error as WorkloadError).code).toBe('TRACE_MALFORMED_LINE');
      expect((error as WorkloadError).message).toContain(`h.changes.tsv:${lines.length}`);
    }
  });

  it('reproduces the plain reading of the shared rxjs history, loaded and streamed', async () => {
    const path = tracePath('executor/rxjs.changes.tsv.gz');
    const tsv = gunzipSync(readFileSync(path)).toString('utf8');
    // Every key of the first 3,000 lines' runs, compared one by one.
    const head = `${tsv.split('\n').slice(0, 3000).join('\n')}\n`;
    const expected = referenceRuns(head);
    const t = parseTrace(Buffer.from(head), { format: 'executor' });
    expect(t.requests).toBe(expected.length);
    const keyOf = (id: number): string => t.keyOf?.(id) ?? '<no keyOf>';
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (keyOf(t.ids[i]) !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
    // The whole history: as many requests as live files summed over the commits.
    const whole = await loadTrace(path);
    expect(whole.format).toBe('executor');
    expect(whole.requests).toBe(liveFilesPerRun(tsv));
    let streamed = 0;
    for await (const chunk of streamTrace(path, { chunkRequests: 100_000 })) streamed += chunk.requests;
    expect(streamed).toBe(whole.requests);
  });
});

/** Sum over commits of the live files after the commit. */
function liveFilesPerRun(tsv: string): number {
  const live = new Set<string>();
  let total = 0;
  let commit: string | undefined;
  for (const line of tsv.split('\n')) {
    if (line === '') continue;
    const [index, , status, path] = line.split('\t');
    if (commit !== undefined && index !== commit) total += live.size;
    commit = index;
    if (status === 'D') live.delete(path);
    else live.add(path);
  }
  return commit === undefined ? total : total + live.size;
}
