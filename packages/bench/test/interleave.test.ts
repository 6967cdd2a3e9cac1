import { describe, expect, it } from 'vitest';
import { interleavedSideBySide, measureInterleaved } from '../src/index.js';

// interleavedSideBySide runs its child from dist/ (built before testing).
const work = new URL('./fixtures/work.mjs', import.meta.url);

describe('measureInterleaved', () => {
  it('times both functions in alternated batches and returns their throughputs and ratio', async () => {
    const calls = { a: 0, b: 0 };
    const m = await measureInterleaved(() => { calls.a++; }, () => { calls.b++; }, { batches: 3, batchTime: 2, warmupTime: 0 });
    expect(m.batchRatios).toHaveLength(3);
    expect(calls.a).toBeGreaterThan(0);
    expect(calls.b).toBeGreaterThan(0);
    expect(Number.isFinite(m.a) && Number.isFinite(m.b)).toBe(true);
    expect(m.ratio).toBeGreaterThan(0);
  });
  it('runs b first when asked', async () => {
    const order: string[] = [];
    await measureInterleaved(() => { order.push('a'); }, () => { order.push('b'); }, { batches: 2, batchTime: 1, warmupTime: 0, first: 'b' });
    expect(order[0]).toBe('b');
    expect(order.at(-1)).toBe('b'); // second batch: a then b
  });
  it('times every instance of a side in each batch and takes the median over instances', async () => {
    const calls = [0, 0, 0, 0];
    const m = await measureInterleaved(
      [() => { calls[0]++; }, () => { calls[1]++; }, () => { calls[2]++; }], [() => { calls[3]++; }],
      { batches: 2, batchTime: 1, warmupTime: 0 },
    );
    expect(calls.every((c) => c > 0)).toBe(true);
    expect(m.batchRatios).toHaveLength(2);
    expect(Number.isFinite(m.ratio)).toBe(true);
    await expect(measureInterleaved([], () => 1)).rejects.toThrow(RangeError);
  });
  it('throws when a side throws', async () => {
    await expect(measureInterleaved(() => 1, () => { throw new Error('side b broke'); }, { batches: 1, batchTime: 1, warmupTime: 0 }))
      .rejects.toThrow(/side b broke/);
  });
});

describe('interleavedSideBySide', () => {
  it('measures both sides in each fresh process and decides from the per-process ratios', async () => {
    const ratios: (number | null)[] = [];
    const r = await interleavedSideBySide({
      name: 'same module twice', a: { label: 'a', module: work }, b: { label: 'b', module: work },
      processes: 3, instances: 2, batches: 2, batchTime: 2, warmupTime: 1, cpu: null, rerun: false, onSample: (x) => { ratios.push(x); },
    });
    expect(r.pairs).toBe(3);
    expect(r.a.samples).toHaveLength(3);
    expect(r.b.samples).toHaveLength(3);
    expect(ratios.every((x) => typeof x === 'number' && x > 0)).toBe(true);
    expect(r.processRatios).toEqual(ratios);
    expect(['regression', 'improvement', 'unchanged', 'inconclusive']).toContain(r.verdict);
    expect(r.cpu).toBeNull();
  });
  it('records a process whose side cannot be timed as a failure', async () => {
    const r = await interleavedSideBySide({
      name: 'broken', a: { label: 'a', module: work, export: 'broken' }, b: { label: 'b', module: work },
      processes: 2, batches: 1, batchTime: 1, warmupTime: 0, cpu: null,
    });
    expect(r.pairs).toBe(0);
    expect(r.a.failures).toHaveLength(2);
    expect(r.a.failures[0]).toMatch(/deliberately broken|exited|crash/i);
    expect(r.verdict).toBe('inconclusive');
  });
  it('rejects a bad process count or cpu', async () => {
    await expect(interleavedSideBySide({ name: 'x', a: { label: 'a', module: work }, b: { label: 'b', module: work }, processes: 0 }))
      .rejects.toMatchObject({ code: 'BENCH_BAD_OPTION' });
    await expect(interleavedSideBySide({ name: 'x', a: { label: 'a', module: work }, b: { label: 'b', module: work }, cpu: -1 }))
      .rejects.toMatchObject({ code: 'BENCH_BAD_OPTION' });
  });
});
