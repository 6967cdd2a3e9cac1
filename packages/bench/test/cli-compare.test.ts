import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI, as users run it (turbo builds before testing).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'perf-bench-compare-'));
const fixture = (name: string): string => join(fixtures, name);
// short runs: the fixtures differ 3x (or not at all), far beyond what noise can move at the 10% gate
const short = ['--processes', '3', '--instances', '1', '--batches', '2', '--batch-time', '5', '--warmup-time', '5', '--cpu', 'none'];

function perfBench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report { comparison: { method: string; regressions: number; comparisons: { verdict: string; confirmed?: boolean }[] }; sideBySide: { processRatios: number[] } }

describe('perf-bench compare exit codes', () => {
  it('exits 1 when the candidate does 3x the work, confirmed by a re-run, and writes the markdown asked for', () => {
    const md = join(dir, 'slow.md');
    const r = perfBench('compare', fixture('compare-base.mjs'), fixture('compare-slow.mjs'), ...short, '--json', '--markdown', md);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.comparison.method).toBe('interleaved');
    expect(report.comparison.regressions).toBe(1);
    expect(report.comparison.comparisons[0]).toMatchObject({ verdict: 'regression', confirmed: true });
    expect(report.sideBySide.processRatios).toHaveLength(3);
    expect(r.stderr).toMatch(/regression: .*compare-slow\.mjs is slower than .*compare-base\.mjs/);
    expect(readFileSync(md, 'utf8')).toMatch(/regression/);
  });

  it('exits 0 for two identical modules, and prints the verdict table', () => {
    const r = perfBench('compare', fixture('compare-base.mjs'), fixture('compare-same.mjs'), ...short);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/compare-same\.mjs vs .*compare-base\.mjs/);
    expect(r.stdout).toMatch(/UNCHANGED|INCONCLUSIVE|IMPROVEMENT/);
  });

  it('exits 0 when the candidate is the faster one (an improvement is not a failure)', () => {
    const r = perfBench('compare', fixture('compare-slow.mjs'), fixture('compare-base.mjs'), ...short, '--json');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Report).comparison.comparisons[0]?.verdict).toBe('improvement');
  });

  it('times a named export with --export', () => {
    const r = perfBench('compare', fixture('work.mjs'), fixture('work.mjs'), ...short, '--export', 'bench', '--no-rerun');
    expect(r.status).toBe(0);
  });

  writeFileSync(join(dir, 'throws.mjs'), "throw new Error('broken on import');\n");
  it.each([
    ['a missing module file', [fixture('nope.mjs'), fixture('compare-base.mjs')], /MODULE_NOT_FOUND: no module file at .*nope\.mjs/],
    ['a module without a function to time', [fixture('compare-base.mjs'), fixture('compare-no-export.mjs')], /MODULE_NO_EXPORT: .*compare-no-export\.mjs has neither/],
    ['a missing named export', [fixture('compare-base.mjs'), fixture('compare-same.mjs'), '--export', 'nope'], /MODULE_NO_EXPORT: .*no function export 'nope'/],
    ['a module that throws on import', [join(dir, 'throws.mjs'), fixture('compare-base.mjs')], /MODULE_LOAD_FAILED: .*throws\.mjs could not be imported: broken on import/],
    ['too few processes', [fixture('compare-base.mjs'), fixture('compare-same.mjs'), '--processes', '1'], /BENCH_BAD_OPTION: --processes must be an integer from 2 to 50, got '1'/],
    ['too many processes', [fixture('compare-base.mjs'), fixture('compare-same.mjs'), '--processes', '51'], /BENCH_BAD_OPTION: --processes/],
    ['a non-numeric process count', [fixture('compare-base.mjs'), fixture('compare-same.mjs'), '--processes', 'many'], /BENCH_BAD_OPTION: --processes/],
    ['a bad --cpu', [fixture('compare-base.mjs'), fixture('compare-same.mjs'), '--cpu', 'fast'], /BENCH_BAD_OPTION: --cpu/],
  ])('exits 2 with one line and a code on %s, before measuring', (_what, args, message) => {
    const r = perfBench('compare', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the stack only with --debug', () => {
    const r = perfBench('compare', fixture('nope.mjs'), fixture('compare-base.mjs'), '--debug');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/MODULE_NOT_FOUND/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
