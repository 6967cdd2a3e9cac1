import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const shared = process.env.PERF_SHARED_DIR ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const sprite = join(shared, 'traces/lirs/sprite.trace.gz');

function run(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('perf-tune', () => {
  it('tune --json --no-bench prints the tuneFull result and writes tuning.json and report.html', async () => {
    const project = await mkdtemp(join(tmpdir(), 'perf-tune-project-'));
    await writeFile(join(project, 'a.ts'), 'export const a = 1;\n');
    const r = run(['tune', '--json', '--no-bench', '--project', project]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { profileName: string; estimatedSpeedup: { model: string; inputs: Record<string, number> }; optimalConfig: { parallel: { source: string } } };
    expect(result.profileName).toMatch(/_/);
    expect(result.estimatedSpeedup.model).toBe('cache-and-pool-v1');
    expect(result.optimalConfig.parallel.source).toBe('model');
    expect(await readFile(join(project, '.perf', 'report.html'), 'utf8')).toContain('cache-and-pool-v1');
    const saved = JSON.parse(await readFile(join(project, '.perf', 'tuning.json'), 'utf8')) as unknown;
    expect(saved).toEqual(result);
    // The history got one line; a corrupt line is skipped and reported on the next run.
    const history = join(project, '.perf', 'history.jsonl');
    await writeFile(history, `${await readFile(history, 'utf8')}{broken\n`);
    const again = JSON.parse(run(['tune', '--json', '--no-bench', '--project', project]).stdout) as { recommendations: { message: string }[]; evidence: { history: { skippedLines: number } } };
    expect(again.evidence.history.skippedLines).toBe(1);
    expect(again.recommendations.some((x) => x.message.includes('corrupt'))).toBe(true);
  });

  it('cache simulate --json has the stable shape and libCacheSim figures', () => {
    const r = run(['cache', 'simulate', '--trace', sprite, '--format', 'lirs', '--policy', 'lru,fifo', '--size', '100,1000', '--json']);
    expect(r.code).toBe(0);
    const { results } = JSON.parse(r.stdout) as { results: { policy: string; size: number; requests: number; misses: number; missRatio: number }[] };
    expect(results.map((x) => [x.policy, x.size, Number(x.missRatio.toFixed(4))])).toEqual([
      ['lru', 100, 0.7842], ['lru', 1000, 0.0936], ['fifo', 100, 0.777], ['fifo', 1000, 0.1276],
    ]);
    expect(Object.keys(results[0]).sort()).toEqual(['missRatio', 'misses', 'policy', 'requests', 'size']);
    expect(results[0].requests).toBe(133_996);
  });

  it('bad input: one clear line, exit 2, no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perf-tune-bad-'));
    const noDefault = join(dir, 'task.mjs');
    await writeFile(noDefault, 'export const notDefault = () => 1;\n');
    await writeFile(join(dir, 'inputs.json'), '[1, 2]');
    const cases: [string[], RegExp][] = [
      [['tune', '--no-bench', '--project', join(dir, 'missing')], /project directory .* does not exist .*TUNER_PROJECT_DIR/],
      [['cache', 'simulate', '--trace', join(dir, 'nope.trace'), '--format', 'lirs'], /cannot read the trace/],
      [['cache', 'simulate', '--trace', sprite, '--format', 'lirs', '--policy', 'lru,bogus'], /unknown policy bogus/],
      [['cache', 'simulate', '--trace', sprite, '--format', 'lirs', '--size', '0'], /not a positive whole number/],
      [['workers', 'calibrate', '--task', noDefault, '--inputs', join(dir, 'inputs.json')], /no default export function/],
      [['tune', '--target', 'speed'], /Allowed choices are throughput, latency, memory/],
      [['frobnicate'], /too many arguments|unknown command/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const debug = run(['tune', '--no-bench', '--debug', '--project', join(dir, 'missing')]);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('--help lists the commands, examples and exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['tune', 'probe', 'profile', 'cache', 'workers', 'bench', 'report', 'Exit codes']) expect(r.stdout).toContain(word);
  });
});
