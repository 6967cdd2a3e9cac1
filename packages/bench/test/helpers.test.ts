import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { packageDirName, runChild, sideBySide, sideBySideResults, writeBenchReport, findWorkspaceRoot } from '../src/index.js';

const child = new URL('./fixtures/child.mjs', import.meta.url);

describe('writeBenchReport', () => {
  it('writes the workspace JSON shape into <root>/bench-results/<dir>.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'perf-bench-'));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const { path, report } = writeBenchReport({
      package: '@perf/example',
      rootDir: root,
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      results: [{ name: 'x', unit: 'ops/s', value: 1234.5, kind: 'measured', samples: [1200, 1234.5, 1300] }],
    });
    out.mockRestore();
    expect(path).toBe(join(root, 'bench-results', 'example.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(report);
    expect(report).toMatchObject({ package: '@perf/example', node: process.version, date: '2026-01-02T03:04:05.000Z' });
  });
  it('rejects a malformed result line', () => {
    expect(() => writeBenchReport({ package: '@perf/x', rootDir: tmpdir(), print: false, results: [{ name: 'x' } as never] }))
      .toThrow(/results\[0\] needs name, unit/);
  });
  it('finds the package directory and the workspace root', () => {
    const root = mkdtempSync(join(tmpdir(), 'perf-ws-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    mkdirSync(join(root, 'packages', 'dir-name', 'bench'), { recursive: true });
    writeFileSync(join(root, 'packages', 'dir-name', 'package.json'), '{"name":"@perf/other-name"}');
    expect(packageDirName('@perf/other-name', join(root, 'packages', 'dir-name', 'bench'))).toBe('dir-name');
    expect(packageDirName('@perf/unknown', root)).toBe('unknown');
    expect(findWorkspaceRoot(join(root, 'packages', 'dir-name'))).toBe(root);
  });
});

describe('runChild', () => {
  it('parses the last stdout line as JSON', async () => {
    const r = await runChild({ script: child, args: ['value', '42'] });
    expect(r).toMatchObject({ ok: true, output: { value: 42 } });
  });
  it('reports a crash with the exit code and stderr', async () => {
    const r = await runChild({ script: child, args: ['crash'] });
    expect(r).toMatchObject({ ok: false, failure: 'crash' });
    expect(!r.ok && r.error).toMatch(/code 3: boom/);
  });
  it('kills and reports a hanging child', async () => {
    const r = await runChild({ script: child, args: ['hang'] }, 500);
    expect(r).toMatchObject({ ok: false, failure: 'timeout' });
  });
  it('reports output that is not JSON', async () => {
    const r = await runChild({ script: child, args: ['garbage'] });
    expect(r).toMatchObject({ ok: false, failure: 'output' });
  });
});

describe('sideBySide', () => {
  it('alternates sides, pairs them, and re-runs a flagged result before it stands', async () => {
    const order: string[] = [];
    const r = await sideBySide({
      name: 'demo',
      processes: 3,
      a: { label: 'fast', script: child, args: ['value', '200'] },
      b: { label: 'ref', script: child, args: ['number', '100'] },
      onSample: (side) => order.push(side),
    });
    // first run: 3 alternated pairs; flagged, so 3 more pairs, alternation continuing
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(r.a.samples).toEqual([200, 200, 200]);
    expect(r.b.samples).toEqual([100, 100, 100]);
    expect(r.pairs).toBe(3);
    expect(r.ratio).toBe(2);
    expect(r.speedup).toBeCloseTo(2, 12);
    expect(r).toMatchObject({ verdict: 'improvement', confirmed: true, rerun: { pairs: 3, a: { samples: [200, 200, 200] } } });
    const lines = sideBySideResults(r, { target: '>= 1', pass: r.ratio >= 1 });
    expect(lines.map((l) => l.kind)).toEqual(['measured', 'measured', 'ratio']);
    expect(lines[2]).toMatchObject({ value: 2, reference: 'ref', pass: true });
  }, 60_000);
  it('does not re-run an unflagged result, nor a flagged one with rerun: false', async () => {
    const same = await sideBySide({
      name: 'same', processes: 3, cpu: null,
      a: { label: 'a', script: child, args: ['value', '10'] }, b: { label: 'b', script: child, args: ['value', '10'] },
    });
    expect(same).toMatchObject({ verdict: 'unchanged', cpu: null, interval: [1, 1] });
    expect(same.rerun).toBeUndefined();
    expect(same.confirmed).toBeUndefined();
    const once = await sideBySide({
      name: 'once', processes: 2, cpu: null, rerun: false,
      a: { label: 'a', script: child, args: ['value', '50'] }, b: { label: 'b', script: child, args: ['value', '100'] },
    });
    expect(once.verdict).toBe('regression');
    expect(once.rerun).toBeUndefined();
  });
  it('turns a flag the re-run does not repeat into inconclusive', async () => {
    let calls = 0;
    // slow in the first run's 3 repetitions only
    const r = await sideBySide({
      name: 'flaky', processes: 3,
      a: { label: 'a', fn: () => (++calls <= 3 ? 50 : 100) }, b: { label: 'b', fn: () => 100 },
    });
    expect(r).toMatchObject({ verdict: 'inconclusive', confirmed: false, cpu: null });
    expect(r.reason).toMatch(/first run said regression .* re-run said unchanged/);
    expect(r.cpuReason).toMatch(/both sides are functions/);
  });
  it('records failing repetitions, drops their pairs and goes on', async () => {
    const r = await sideBySide({
      name: 'faulty',
      processes: 2,
      cpu: null,
      a: { label: 'crashy', script: child, args: ['crash'] },
      b: { label: 'fn', fn: () => 5 },
    });
    expect(r.a.failures).toHaveLength(2);
    expect(r.b.samples).toEqual([5, 5]);
    expect(r.pairs).toBe(0);
    expect(r.verdict).toBe('inconclusive');
  });
  it('rejects a bad process count', async () => {
    await expect(sideBySide({ name: 'x', processes: 0, a: { label: 'a', fn: () => 1 }, b: { label: 'b', fn: () => 1 } }))
      .rejects.toThrow(/processes must be a positive integer/);
  });
});

describe('measureThroughput', () => {
  it('returns a positive finite ops/s for a trivial function', async () => {
    const { measureThroughput } = await import('../src/index.js');
    const v = await measureThroughput(() => Math.sqrt(2), { time: 5, warmupTime: 1, opsPerCall: 10 });
    expect(Number.isFinite(v) && v > 0).toBe(true);
  });
});
