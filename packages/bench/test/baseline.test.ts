import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BenchError, fingerprintDifferences, formatComparisonTable, readBaseline, SAVED_BASELINE_NOTE, SuiteResults, toMarkdown, writeBaseline, type Baseline, type EnvironmentFingerprint,
} from '../src/index.js';

const fp: EnvironmentFingerprint = { cpuModel: 'Test CPU', effectiveCores: 2, node: 'v20.0.0', platform: 'linux', arch: 'x64', source: 'os' };
const ctx = { fingerprint: fp, date: '2026-01-01T00:00:00.000Z', estimator: 'min', processes: 5, processFailures: [] };

function results(values: Record<string, number[]>): SuiteResults {
  return new SuiteResults(Object.entries(values).map(([name, samples]) => ({
    state: 'completed' as const, name, unit: 'ops/s', higherIsBetter: true, value: samples.slice().sort((a, b) => a - b)[samples.length >> 1], samples, errors: [],
  })), ctx);
}

const dir = mkdtempSync(join(tmpdir(), 'perf-bench-baseline-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
function codeOf(fn: () => unknown): string {
  try { fn(); } catch (err) { return err instanceof BenchError ? `${err.code} ${err.path ?? ''}` : 'other'; }
  return 'none';
}

describe('baseline files', () => {
  it('round-trips through writeBaseline and readBaseline', () => {
    const doc = results({ a: [100, 101, 99] }).toBaseline('main');
    const p = join(dir, 'main.json');
    writeBaseline(p, doc);
    expect(readBaseline(p)).toEqual(doc);
  });
  it('names the missing file', () => {
    expect(codeOf(() => readBaseline(join(dir, 'nope.json')))).toBe(`BASELINE_NOT_FOUND ${join(dir, 'nope.json')}`);
  });
  it('rejects broken JSON with its path', () => {
    const p = file('broken.json', '{"format": "perf-bench-baseline",');
    expect(codeOf(() => readBaseline(p))).toBe(`BASELINE_CORRUPT ${p}`);
    expect(() => readBaseline(p)).toThrow(p);
  });
  it('rejects a foreign JSON file', () => {
    const p = file('package.json', '{"name": "x", "version": "1.0.0"}');
    expect(codeOf(() => readBaseline(p))).toBe(`BASELINE_FOREIGN ${p}`);
  });
  it('rejects another format version', () => {
    const p = file('v9.json', JSON.stringify({ ...results({ a: [1, 2] }).toBaseline('x'), version: 9 }));
    expect(codeOf(() => readBaseline(p))).toBe(`BASELINE_VERSION ${p}`);
  });
  it('rejects damaged samples rather than compare against them', () => {
    const doc = results({ a: [1, 2] }).toBaseline('x');
    const bad = { ...doc, benchmarks: [{ ...doc.benchmarks[0], samples: [1, 'two'] }] };
    const p = file('bad-samples.json', JSON.stringify(bad));
    expect(() => readBaseline(p)).toThrow(/benchmarks\[0\] \(a\)\.samples/);
    const p2 = file('no-fp.json', JSON.stringify({ ...doc, fingerprint: null }));
    expect(codeOf(() => readBaseline(p2))).toBe(`BASELINE_CORRUPT ${p2}`);
  });
  it('compareToBaseline by name reads from baselineDir and fails clearly on a bad file', () => {
    const r = new SuiteResults(results({ a: [1, 2] }).benchmarks, { ...ctx, baselineDir: dir });
    file('corrupt.json', 'not json');
    expect(() => r.compareToBaseline('corrupt')).toThrow(`baseline ${join(dir, 'corrupt.json')} is not valid JSON`);
    expect(() => r.compareToBaseline('../escape')).toThrow(/not allowed/);
  });
});

describe('compareToBaseline', () => {
  const base = results({ fast: [100, 100, 101, 99, 100], same: [50, 51, 49, 50, 50], gone: [5, 5, 5] });
  it('gives speedup, interval and verdict per benchmark', () => {
    const now = results({ fast: [80, 81, 79, 80, 80], same: [50, 50, 51, 49, 50], fresh: [1, 1, 1] });
    const c = now.compareToBaseline(base.toBaseline('main'));
    const by = Object.fromEntries(c.comparisons.map((x) => [x.benchmark, x]));
    expect(by.fast.speedup).toBe(0.8);
    expect(by.fast.verdict).toBe('regression');
    expect(by.same.verdict).toBe('unchanged');
    expect(by.fresh.verdict).toBe('inconclusive');
    expect(by.fresh.reason).toBe('not in the baseline');
    expect(by.gone.reason).toBe('in the baseline but not run now');
    expect(c.regressions).toBe(1);
    expect(c.warnings).toEqual([]);
  });
  it('says that a saved-baseline verdict is the weaker, unpaired design, in the result and the reports', () => {
    const c = results({ same: [50, 50, 51, 49, 50] }).compareToBaseline(base.toBaseline('main'));
    expect(c.method).toBe('saved-baseline');
    expect(c.note).toBe(SAVED_BASELINE_NOTE);
    expect(c.note).toMatch(/cannot be paired.*detected a real 15% slowdown in only/);
    expect(formatComparisonTable(c)).toContain(`Note: ${SAVED_BASELINE_NOTE}`);
    expect(toMarkdown(results({ same: [50] }), c)).toContain(`> ${SAVED_BASELINE_NOTE}`);
  });
  it('never gives a verdict for a benchmark that failed now', () => {
    const failed = new SuiteResults([{ state: 'failed', name: 'fast', unit: 'ops/s', higherIsBetter: true, error: 'boom', samples: [], errors: ['boom'] }], ctx);
    const c = failed.compareToBaseline(base.toBaseline('main'));
    expect(c.comparisons[0]).toMatchObject({ benchmark: 'fast', verdict: 'inconclusive', reason: 'failed in this run: boom' });
  });
  it('warns with the reason when the fingerprints differ', () => {
    const other: Baseline = { ...base.toBaseline('ci'), fingerprint: { ...fp, cpuModel: 'Other CPU', node: 'v22.1.0' } };
    const c = results({ same: [50, 50, 50] }).compareToBaseline(other);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/CPU model "Other CPU" → "Test CPU".*Node v22.1.0 → v20.0.0/);
  });
  it('lists fingerprint differences field by field', () => {
    expect(fingerprintDifferences(fp, fp)).toEqual([]);
    expect(fingerprintDifferences(fp, { ...fp, effectiveCores: 4 })).toEqual(['effective cores 2 → 4 (parallel benchmarks scale with cores)']);
  });
  it('summarises like the seed', () => {
    const r = new SuiteResults([
      ...results({ a: [10, 10, 10], b: [30, 30, 30] }).benchmarks,
      { state: 'failed', name: 'c', unit: 'ops/s', higherIsBetter: true, error: 'x', samples: [], errors: ['x'] },
    ], ctx);
    expect(r.getSummary()).toEqual({ totalBenchmarks: 3, successful: 2, failed: 1, avgThroughput: 20 });
  });
});
