import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI, as users run it (turbo builds before testing).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'perf-bench-cli-'));
const quick = ['--quick', '--processes', '2', '--only', '^cache/Map/miss$', '--baseline-dir', join(dir, 'baselines')];

function perfBench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Scale every baseline figure, to fake a faster or slower past. */
function scaledBaseline(factor: number, name: string): string {
  const doc = JSON.parse(readFileSync(join(dir, 'baselines', 'main.json'), 'utf8')) as { benchmarks: { value: number; samples: number[] }[] };
  for (const b of doc.benchmarks) { b.value *= factor; b.samples = b.samples.map((s) => s * factor); }
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

describe('perf-bench CLI exit codes', () => {
  it('exits 0 after a run that saves a baseline, and writes the reports asked for', () => {
    const r = perfBench('run', ...quick, '--save', 'main', '--markdown', join(dir, 'r.md'), '--github-benchmark', join(dir, 'gab.json'), '--bencher', join(dir, 'bmf.json'));
    expect(r.stderr).toMatch(/baseline saved/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cache\/Map\/miss/);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/^## perf-bench/);
    expect(JSON.parse(readFileSync(join(dir, 'gab.json'), 'utf8'))).toEqual([expect.objectContaining({ name: 'cache/Map/miss', unit: 'ops/s' })]);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'bmf.json'), 'utf8')) as object)).toEqual(['cache/Map/miss']);
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(true);
  });

  it('exits 1 on an injected regression (baseline 3x faster), confirmed by a re-run', () => {
    const r = perfBench(...quick, '--compare', scaledBaseline(3, 'faster-past'), '--json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { comparison: { comparisons: { verdict: string; confirmed?: boolean }[] } };
    expect(report.comparison.comparisons[0]).toMatchObject({ verdict: 'regression', confirmed: true });
    expect(r.stderr).toMatch(/re-running 1 flagged/);
  });

  it('exits 0 when the only change is an improvement', () => {
    const r = perfBench(...quick, '--compare', scaledBaseline(1 / 3, 'slower-past'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/IMPROVEMENT/);
  });

  it.each([
    ['a bad process count', ['--processes', '0'], /argument '0' is invalid/],
    ['a non-numeric process count', ['--processes', 'many'], /argument 'many' is invalid/],
    ['an unknown option', ['--frobnicate'], /unknown option '--frobnicate'/],
    ['a missing baseline', ['--compare', 'nothing-here'], /no baseline at .*nothing-here\.json/],
    ['a bad baseline name', ['--save', '../x'], /baseline name "..\/x" is not allowed/],
  ])('exits 2 with one clear line on %s', (_what, args, message) => {
    const r = perfBench(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the file on a corrupt or foreign baseline, before measuring anything', () => {
    writeFileSync(join(dir, 'corrupt.json'), '{"format":"perf-bench-baseline","version":1,"benchmarks":[');
    writeFileSync(join(dir, 'foreign.json'), '{"name":"some-package"}');
    const corrupt = perfBench('--compare', join(dir, 'corrupt.json'));
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toContain(join(dir, 'corrupt.json'));
    expect(corrupt.stdout).toBe('');
    const foreign = perfBench('--compare', join(dir, 'foreign.json'));
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/foreign\.json is not a perf-bench baseline/);
  });

  it('shows the stack only with --debug', () => {
    const r = perfBench('--compare', join(dir, 'foreign.json'), '--debug');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
