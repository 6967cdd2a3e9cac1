import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTrace, loadTrace, nextAccessVtime, parseTrace, TraceRecorder, writeTrace } from '../src/index.js';
import { firstDifference, tracePath } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'workload-write-'));

describe('writers', () => {
  it('writes libCacheSim oracleGeneral byte for byte like the sample', async () => {
    const path = tracePath('libcachesim/cloudPhysicsIO.oracleGeneral.bin');
    const t = await loadTrace(path, { format: 'oracle-general' });
    const bytes = encodeTrace(t, { format: 'oracle-general' });
    expect(Buffer.compare(Buffer.from(bytes), readFileSync(path))).toBe(0);
  });

  it('round-trips 64-bit keys beyond 2^53 through oracle-general', async () => {
    const n = 20_000;
    const raw = Buffer.alloc(n * 8);
    for (let i = 0; i < n; i++) raw.writeBigUInt64BE(2n ** 63n + 12345n + BigInt((i * 7919) % 3001), i * 8);
    const t = parseTrace(raw, { format: 'int64be' });
    const out = join(dir, 'wide.oracleGeneral.bin.gz');
    await writeTrace(out, t, { format: 'oracle-general' });
    const back = await loadTrace(out);
    expect(back.format).toBe('oracle-general');
    expect(back.uniqueKeys).toBe(3001);
    expect(firstDifference(back.ids, t.ids)).toBe(-1);
    expect(back.keyOf!(1)).toBe(String(2n ** 63n + 12345n + 1917n)); // 7919 % 3001
  });

  it('round-trips the CSV sample through the CSV writer', async () => {
    const t = await loadTrace(tracePath('libcachesim/cloudPhysicsIO.csv'));
    const out = join(dir, 'cp.csv');
    await writeTrace(out, t, { format: 'libcachesim-csv' });
    expect(readFileSync(out, 'utf8').startsWith('time,obj_id,obj_size,op\n5633898,42932745,512,2a\n')).toBe(true);
    const back = await loadTrace(out);
    expect(firstDifference(back.ids, t.ids)).toBe(-1);
    expect(firstDifference(back.sizes!, t.sizes!)).toBe(-1);
    expect(firstDifference(back.timestamps!, t.timestamps!)).toBe(-1);
  });

  it('computes next access times as libCacheSim does (1-based, -1 for none)', () => {
    expect([...nextAccessVtime([0, 1, 0, 0, 1], 2)]).toEqual([3, 5, 4, -1, -1]);
  });

  it('says which writers exist for an unknown one', () => {
    expect(() => encodeTrace({ requests: 1, uniqueKeys: 1, ids: Uint32Array.of(0) }, { format: 'int32be' })).toThrow(
      expect.objectContaining({ code: 'TRACE_UNKNOWN_FORMAT', message: expect.stringContaining('oracle-general') as unknown }),
    );
  });
});

describe('TraceRecorder', () => {
  it('records keys of every kind with sizes, ops and times', () => {
    const r = new TraceRecorder();
    r.record('a');
    r.record(42, { size: 100, op: 'set', time: 5 });
    r.record(2n ** 63n + 5n);
    r.record('a', { op: 'get' });
    r.record(42);
    const t = r.toTrace();
    expect(t.requests).toBe(5);
    expect(t.uniqueKeys).toBe(3);
    expect([...t.ids]).toEqual([0, 1, 2, 0, 1]);
    expect([...t.sizes!]).toEqual([1, 100, 1, 1, 1]);
    expect([...t.timestamps!]).toEqual([0, 5, 0, 0, 0]);
    expect(t.opNames).toEqual(['get', 'set']);
    expect([...t.ops!]).toEqual([0, 1, 0, 0, 0]);
    expect(t.keyOf!(2)).toBe(String(2n ** 63n + 5n));
    expect(t.keyOf!(0)).toBe('a');
  });

  it('flushes batches to one CSV file that libCacheSim-style readers load back', async () => {
    const r = new TraceRecorder();
    const out = join(dir, 'recorded.csv');
    for (let i = 0; i < 1000; i++) r.record(i % 37, { size: 10 + (i % 3), time: i });
    await r.flush(out, { format: 'libcachesim-csv' });
    expect(r.requests).toBe(0);
    for (let i = 1000; i < 1500; i++) r.record(i % 37, { size: 10 + (i % 3), time: i });
    await r.flush(out, { format: 'libcachesim-csv' });
    const back = await loadTrace(out);
    expect(back.requests).toBe(1500);
    expect(back.uniqueKeys).toBe(37);
    expect(back.timestamps![1499]).toBe(1499);
    expect(back.sizes![1499]).toBe(10 + (1499 % 3));
  });

  it('writes string keys as dense ids to oracle-general', () => {
    const r = new TraceRecorder();
    for (const k of ['x', 'y', 'x']) r.record(k);
    const back = parseTrace(encodeTrace(r.toTrace(), { format: 'oracle-general' }), { format: 'oracle-general' });
    expect([...back.ids]).toEqual([0, 1, 0]);
    expect(back.keyOf!(1)).toBe('2');
  });
});
