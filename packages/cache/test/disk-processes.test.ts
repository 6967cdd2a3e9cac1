// Several processes on one folder, and kill -9 in the middle of writes.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskLevel } from '../src/index.js';
import { expectedValue } from './fixtures/disk-child.js';
import { tempDir } from './helpers.js';

const child = fileURLToPath(new URL('./fixtures/disk-child.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function run(args: string[]): { proc: ReturnType<typeof spawn>; lines: string[]; done: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--conditions=@perf/source', '--import', 'tsx', child, ...args], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let rest = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  const done = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, lines, done };
}

describe('disk level across processes', () => {
  it('never serves a torn entry after kill -9 mid-write, and keeps every acknowledged one', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const valueBytes = 4 << 20;
    let acked = -1;
    let leftovers = 0;
    for (let round = 0; round < 3; round++) {
      const writer = run(['writer', tmp.dir, String(valueBytes), 'durable', String(acked + 1)]);
      const startAt = acked;
      while (writer.lines.length < 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (writer.proc.exitCode !== null) throw new Error('writer exited early');
      }
      // A write cycle (make a 4 MiB value, write, fsync, rename) takes ~60-120 ms here: kill at spread points of it.
      await new Promise((resolve) => setTimeout(resolve, 40 + round * 30));
      writer.proc.kill('SIGKILL');
      await writer.done;
      acked = Math.max(acked, startAt, ...writer.lines.map(Number));
      leftovers += readdirSync(join(tmp.dir, 'tmp')).length;
    }
    console.log(`kill -9 test: ${acked + 1} acknowledged writes, ${leftovers} partial temp file(s) left by the killed writers`);
    const disk = new DiskLevel({ type: 'disk', dir: tmp.dir, maxBytes: 1 << 30 });
    await disk.whenReady();
    let served = 0;
    for (let i = 0; i <= acked + 20; i++) {
      const got = await disk.get(`k${i}`);
      if (i <= acked) expect(got, `acknowledged k${i}`).toBeDefined();
      if (got !== undefined) {
        served++;
        expect(got.equals(expectedValue(`k${i}`, valueBytes)), `k${i} intact`).toBe(true);
      }
    }
    expect(served).toBeGreaterThan(0);
    // temp files of the killed writers are gone after the scan at open
    expect(readdirSync(join(tmp.dir, 'tmp'))).toEqual([]);
  });

  it('three processes reading, writing and evicting in one folder serve only intact values', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const maxBytes = 150_000;
    const children = [1, 2, 3].map((seed) => run(['mixed', tmp.dir, String(seed), '300', String(maxBytes)]));
    const codes = await Promise.all(children.map((c) => c.done));
    expect(codes).toEqual([0, 0, 0]);
    const summaries = children.map((c) => JSON.parse(c.lines[0]) as { bad: number; hits: number; sets: number });
    for (const s of summaries) {
      expect(s.bad).toBe(0);
      expect(s.hits).toBeGreaterThan(0);
    }
    // The folder stays near its budget: each process may overshoot by what it wrote since its last scan.
    const total = readdirSync(tmp.dir)
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .flatMap((d) => readdirSync(join(tmp.dir, d)).map((f) => statSync(join(tmp.dir, d, f)).size))
      .reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(maxBytes * 1.5);
  });
});
