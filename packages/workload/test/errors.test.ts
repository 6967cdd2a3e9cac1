import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadTrace, parseTrace, streamTrace, traceFormatNames, WorkloadError } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'workload-errors-'));
const bytes = (s: string) => Buffer.from(s);

function caught(fn: () => unknown): WorkloadError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkloadError);
    return error as WorkloadError;
  }
  throw new Error('expected a WorkloadError');
}

describe('bad input', () => {
  it('names the file, line number and text of a malformed line', () => {
    const e = caught(() => parseTrace(bytes('1\n2\n\n*\nabc\n4\n'), { format: 'lirs', name: 'x.lirs' }));
    expect(e.code).toBe('TRACE_MALFORMED_LINE');
    expect(e.location).toEqual({ file: 'x.lirs', line: 5, text: 'abc' });
    expect(e.message).toContain('x.lirs:5');
    expect(e.message).toContain('"abc"');
  });

  it('skips blank and whitespace-only lines, and rejects an unknown key id with a code', () => {
    const t = parseTrace(bytes('5\n  \n\t\n6\n'), { format: 'lirs' });
    expect(t.requests).toBe(2);
    expect(caught(() => t.keyOf!(2)).code).toBe('KEY_ID_OUT_OF_RANGE');
  });

  it('keeps every id when short lines outgrow the first capacity guess', () => {
    for (const format of ['lirs', 'libcachesim-txt', 'keys']) {
      // 20,001 rounds of three keys: the first growth point (bytes / 8 = 22,502) expects id 2, not 0
      const t = parseTrace(bytes('1\n22\n333\n'.repeat(20_001)), { format });
      expect(t.requests).toBe(60_003);
      expect(t.ids.filter((id, i) => id !== i % 3)).toHaveLength(0);
    }
  });

  it('folds operation names past 254 distinct ones into "other"', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `op${i} 0x${i.toString(16)} 1`).join('\n');
    const t = parseTrace(bytes(lines), { format: 'address' });
    expect(t.opNames).toHaveLength(255);
    expect(t.opNames![254]).toBe('other');
    expect(t.ops![399]).toBe(254);
  });

  it('counts skipped lines under onError: skip', () => {
    const t = parseTrace(bytes('1\r\nfoo\r\n2\r\n-3\r\n1\r\n'), { format: 'lirs', onError: 'skip' });
    expect(t.requests).toBe(3);
    expect(t.skipped).toBe(2);
  });

  it('names the byte offset of a truncated binary record', () => {
    const e = caught(() => parseTrace(new Uint8Array(8 * 3 + 5), { format: 'int64be', name: 'k.bin' }));
    expect(e.code).toBe('TRACE_TRUNCATED_RECORD');
    expect(e.location.offset).toBe(24);
    expect(e.message).toContain('byte offset 24');
    const t = parseTrace(new Uint8Array(8 * 3 + 5), { format: 'int64be', onError: 'skip' });
    expect(t.requests).toBe(3);
    expect(t.skipped).toBe(1);
  });

  it('says a file is empty and lists the known formats', async () => {
    const path = join(dir, 'empty.lirs');
    writeFileSync(path, '');
    await expect(loadTrace(path)).rejects.toMatchObject({ code: 'TRACE_EMPTY', message: expect.stringContaining('uint32be') as unknown });
    writeFileSync(join(dir, 'blank.lirs'), '\n\n*\n');
    await expect(loadTrace(join(dir, 'blank.lirs'))).rejects.toMatchObject({ code: 'TRACE_EMPTY' });
  });

  it('lists the known formats for an unknown or undetectable one', () => {
    const e = caught(() => parseTrace(bytes('1\n'), { format: 'nope' }));
    expect(e.code).toBe('TRACE_UNKNOWN_FORMAT');
    for (const f of traceFormatNames()) expect(e.message).toContain(f);
    expect(caught(() => parseTrace(bytes('1\n'), { name: 'trace.bin' })).code).toBe('TRACE_UNKNOWN_FORMAT');
  });

  it('reports a missing file and corrupt gzip with their own codes', async () => {
    await expect(loadTrace(join(dir, 'missing.lirs'))).rejects.toMatchObject({ code: 'TRACE_IO' });
    const gz = gzipSync(bytes('1\n2\n3\n'.repeat(1000)));
    const cut = join(dir, 'cut.lirs.gz');
    writeFileSync(cut, gz.subarray(0, gz.length - 20));
    await expect(loadTrace(cut)).rejects.toMatchObject({ code: 'TRACE_CORRUPT_GZIP' });
    const consume = async () => {
      for await (const chunk of streamTrace(cut)) void chunk;
    };
    await expect(consume()).rejects.toMatchObject({ code: 'TRACE_CORRUPT_GZIP' });
  });

  it('stops at a line longer than maxLineBytes, or skips it', () => {
    const huge = `1\n${'9'.repeat(5000)}\n2\n`;
    expect(caught(() => parseTrace(bytes(huge), { format: 'lirs', maxLineBytes: 100 })).code).toBe('TRACE_LINE_TOO_LONG');
    const t = parseTrace(bytes(huge), { format: 'lirs', maxLineBytes: 100, onError: 'skip' });
    expect(t.requests).toBe(2);
    expect(t.skipped).toBe(1);
  });

  it('skips a huge line in a stream without buffering it', async () => {
    const path = join(dir, 'huge.keys');
    writeFileSync(path, `a\n${'x'.repeat(300_000)}\nb\n`);
    const seen: number[] = [];
    const s = streamTrace(path, { maxLineBytes: 1000, readBytes: 4096, onError: 'skip' });
    for await (const c of s) seen.push(...c.ids);
    expect(seen).toEqual([0, 1]);
    expect(s.keyOf(1)).toBe('b');
  });

  it('rejects a CSV column that the header lacks, naming the header', () => {
    const e = caught(() => parseTrace(bytes('a,b\n1,2\n'), { format: 'libcachesim-csv', keyColumn: 'lbn' }));
    expect(e.code).toBe('TRACE_BAD_HEADER');
    expect(e.message).toContain('a, b');
  });

  it('reads a CSV without header by column index', () => {
    const t = parseTrace(bytes('7;100;x\n8;200;y\n7;300;x\n'), { format: 'libcachesim-csv', delimiter: ';', keyColumn: 0, sizeColumn: 1 });
    expect([...t.ids]).toEqual([0, 1, 0]);
    expect([...t.sizes!]).toEqual([100, 200, 300]);
  });
});
