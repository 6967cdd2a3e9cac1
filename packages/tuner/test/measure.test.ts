import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolBreakEven } from '../src/estimate.js';
import { projectSourceFiles } from '../src/cli/files.js';
import { TunerError } from '../src/errors.js';
import { measureSpeedup } from '../src/measure.js';
import { PerformanceTuner } from '../src/tuner.js';

// A real task module, run on the main thread and in real tinypool workers: a hash loop of ~1 ms.
const TASK = `import { createHash } from 'node:crypto';
export default function task(seed) {
  let h = Buffer.from(String(seed));
  for (let i = 0; i < 300; i++) h = createHash('sha256').update(h).digest();
  return h.toString('hex');
}
`;
let dir = '';
let task = '';
const inputs = Array.from({ length: 40 }, (_, i) => i);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-tuner-measure-'));
  task = join(dir, 'task.mjs');
  await writeFile(task, TASK);
  await writeFile(join(dir, 'failing.mjs'), `export default function (n) { if (n === 3) throw new Error('cannot do 3'); return n; }\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('measureSpeedup on a real task', () => {
  it('measures the fresh pool beside the serial passes and medians the per-item costs', async () => {
    const m = await measureSpeedup({ task, inputs, workers: 2, hitRatio: 0.5 });
    expect(m.baselineMs).toHaveLength(3);
    expect(m.tunedMs).toHaveLength(3);
    expect(m.cachedItems).toBe(20);
    expect(m.computeMs).toBeCloseTo(m.baselineMs[0] / inputs.length, 10);
    expect(m.freshPoolMs).not.toBeNull();
    expect(m.freshPoolMs!).toBeGreaterThan(0);
    // The realised speedup is the serial first pass over the pool's time less its fixed cost.
    const expected = m.baselineMs[0] / Math.max(m.freshPoolMs! - m.fixedMs, m.baselineMs[0] / 64);
    expect(m.freshPoolSpeedup).toBeCloseTo(expected, 10);
    for (const x of [m.hitMs, m.missOverheadMs, m.fixedMs, m.loadMs]) expect(Number.isFinite(x) && x >= 0).toBe(true);
  }, 60_000);

  it('names the input a task throws on, with a stable code', async () => {
    const failing = join(dir, 'failing.mjs');
    const error = await measureSpeedup({ task: failing, inputs: [1, 2, 3, 4], workers: 0, hitRatio: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TunerError);
    expect((error as TunerError).code).toBe('TUNER_TASK');
    expect((error as TunerError).message).toContain('threw on the input 3: cannot do 3');
  });

  it('leaves declaration files out of a project\'s sources', async () => {
    await writeFile(join(dir, 'types.d.mts'), 'export declare const x: number;\n');
    await writeFile(join(dir, 'types.d.ts'), 'export declare const y: number;\n');
    const files = await projectSourceFiles(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['failing.mjs', 'task.mjs']);
  });

  it('has no pool figures without workers', async () => {
    const m = await measureSpeedup({ task, inputs: inputs.slice(0, 10), workers: 0, hitRatio: 0, repetitions: 1 });
    expect(m.freshPoolMs).toBeNull();
    expect(m.freshPoolSpeedup).toBeNull();
  }, 30_000);
});

describe('tuneFull with a task and benchmarks', () => {
  it('feeds the measured fresh-pool speedup to the estimate and runs inline when the pool never pays', async () => {
    const r = await new PerformanceTuner().tuneFull({ runBenchmarks: true, projectDir: dir, historyPath: null, task, taskInputs: inputs, calibrationBudgetMs: 4000 });
    const i = r.estimatedSpeedup.inputs;
    expect(r.optimalConfig.parallel.source).toBe('measured');
    expect(Number.isFinite(i.parallelSpeedup) && i.parallelSpeedup > 0).toBe(true);
    expect(r.measuredSpeedup).toBeDefined();
    // The configuration follows the model: no pool where the pool cannot pay (calibration may pick the main thread too).
    if (poolBreakEven(i) > inputs.length) expect(r.optimalConfig.parallel.mode).toBe('main-thread');
  }, 90_000);
});
