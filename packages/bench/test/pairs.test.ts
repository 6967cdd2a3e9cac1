import { describe, expect, it } from 'vitest';
import {
  allowedCpus, bootstrapPairedRatioInterval, canPin, comparePairs, hodgesLehmann, parseCpuList, runChild, sideBySide,
} from '../src/index.js';

describe('paired comparison', () => {
  it('computes the Hodges-Lehmann estimate exactly', () => {
    // Walsh averages of [1, 2, 10]: 1, 1.5, 5.5, 2, 6, 10 -> median (2 + 5.5) / 2
    expect(hodgesLehmann([1, 2, 10])).toBe(3.75);
    expect(hodgesLehmann([4])).toBe(4);
    expect(hodgesLehmann([])).toBeNaN();
  });
  it('cancels what both sides of a pair shared', () => {
    const load = [1, 0.6, 1, 0.6, 0.8];
    const baseline = load.map((s) => 100 * s);
    const current = baseline.map((x) => x / 1.15);
    const iv = bootstrapPairedRatioInterval(current, baseline, { resamples: 500 });
    expect(iv.ratio).toBeCloseTo(1 / 1.15, 12);
    expect(iv.upper).toBeCloseTo(1 / 1.15, 12);
    const c = comparePairs('x', baseline, current, { resamples: 500 });
    expect(c.verdict).toBe('regression');
    expect(c.speedup).toBeCloseTo(1 / 1.15, 12);
  });
  it('is direction-aware for times and rejects lists that do not pair', () => {
    const c = comparePairs('t', [10, 20, 30], [11.5, 23, 34.5], { higherIsBetter: false, resamples: 200 });
    expect(c.speedup).toBeCloseTo(1 / 1.15, 12);
    expect(comparePairs('x', [1], [1]).verdict).toBe('inconclusive');
    expect(() => comparePairs('x', [1, 2], [1])).toThrow(/do not pair up/);
  });
});

describe('CPU pinning', () => {
  it('parses Linux CPU lists', () => {
    expect(parseCpuList('0-3,6,8-9\n')).toEqual([0, 1, 2, 3, 6, 8, 9]);
    expect(parseCpuList('1')).toEqual([1]);
  });
  it('lists at least one allowed CPU', () => {
    expect(allowedCpus().length).toBeGreaterThan(0);
  });
  it.runIf(canPin())('runs a child pinned to a CPU (taskset)', async () => {
    const cpu = allowedCpus()[0];
    const r = await runChild({ script: new URL('./fixtures/cpus.mjs', import.meta.url), cpu });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.output).toBe(String(cpu));
  });
  it('rejects a cpu that is not a CPU number', async () => {
    await expect(sideBySide({ name: 'x', cpu: -1, a: { label: 'a', fn: () => 1 }, b: { label: 'b', fn: () => 1 } }))
      .rejects.toMatchObject({ code: 'BENCH_BAD_OPTION' });
  });
  it.runIf(canPin())('pins both sides by default, to the CPU pickCpu chose', async () => {
    const cpus = new URL('./fixtures/cpus.mjs', import.meta.url);
    const child = new URL('./fixtures/child.mjs', import.meta.url);
    const r = await sideBySide({ name: 'pin', processes: 2, a: { label: 'a', script: child, args: ['value', '10'] }, b: { label: 'b', script: child, args: ['value', '10'] } });
    expect(r.cpu).not.toBeNull();
    expect(r.cpuReason).toMatch(/pinned to CPU \d+, the quickest in a probe/);
    expect(r.a.samples).toEqual([10, 10]);
    const pinned = await runChild({ script: cpus, cpu: r.cpu ?? 0 });
    expect(pinned.ok && pinned.output).toBe(String(r.cpu));
  }, 60_000);
});
