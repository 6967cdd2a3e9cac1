import { describe, expect, it } from 'vitest';
import {
  BenchError, PerformanceBenchmarkSuite, toBencherMetricFormat, toGithubActionBenchmark, toMarkdown, type EnvironmentFingerprint,
} from '../src/index.js';

const fingerprint: EnvironmentFingerprint = { cpuModel: 'Test CPU', effectiveCores: 2, node: process.version, platform: 'linux', arch: 'x64', source: 'os' };
const tiny = { quick: true, time: 10, warmupTime: 2, fingerprint, historyFile: null } as const;

describe('PerformanceBenchmarkSuite', () => {
  it('records a throwing benchmark as failed and runs the rest (inline)', async () => {
    const suite = new PerformanceBenchmarkSuite({
      ...tiny, isolation: 'inline', processes: 1, only: '^cache/',
      caches: {
        ok: 'Map',
        broken: () => ({ get: () => { throw new Error('get exploded'); }, set: () => undefined }),
      },
    });
    const r = await suite.benchmarkCache();
    const by = Object.fromEntries(r.benchmarks.map((b) => [b.name, b]));
    expect(Object.keys(by).sort()).toEqual(['cache/broken/miss', 'cache/broken/read-hit', 'cache/broken/write', 'cache/ok/miss', 'cache/ok/read-hit', 'cache/ok/write']);
    expect(by['cache/broken/read-hit']).toMatchObject({ state: 'failed', error: 'get exploded' });
    expect(by['cache/broken/write'].state).toBe('completed');
    expect(by['cache/ok/miss'].state).toBe('completed');
    expect(r.getSummary()).toMatchObject({ totalBenchmarks: 6, successful: 4, failed: 2 });
  });

  it('runs each repetition in a fresh process, cache modules included', async () => {
    const suite = new PerformanceBenchmarkSuite({
      ...tiny, processes: 2,
      caches: { 'lru-cache': 'lru-cache', broken: { module: new URL('./fixtures/broken-cache.mjs', import.meta.url).href } },
      only: '^(cache/lru-cache/miss|cache/broken/miss|memory/|io/)',
    });
    const r = await suite.runAll();
    const by = Object.fromEntries(r.benchmarks.map((b) => [b.name, b]));
    expect(by['cache/lru-cache/miss']).toMatchObject({ state: 'completed' });
    expect(by['cache/lru-cache/miss'].samples).toHaveLength(2);
    expect(by['cache/broken/miss']).toMatchObject({ state: 'failed', error: 'deliberately broken get' });
    expect(by['io/file-write-read']).toMatchObject({ state: 'completed', unit: 'MB/s' });
    expect(by['memory/small-objects']).toMatchObject({ state: 'completed' });
    expect(r.context.processFailures).toEqual([]);
    // reporters take the completed benchmarks only
    expect(toGithubActionBenchmark(r).map((x) => x.name)).not.toContain('cache/broken/miss');
    expect(Object.keys(toBencherMetricFormat(r))).toContain('cache/lru-cache/miss');
    expect(toBencherMetricFormat(r)['io/file-write-read'].throughput.lower_value).toBeLessThanOrEqual(by['io/file-write-read'].state === 'completed' ? by['io/file-write-read'].value : 0);
    expect(toMarkdown(r)).toMatch(/\| cache\/broken\/miss \| – \| ops\/s \| 0 \| failed: deliberately broken get \|/);
  });

  it('runs the tinypool pools at each size', async () => {
    const r = await new PerformanceBenchmarkSuite({ ...tiny, isolation: 'inline', processes: 1, poolSizes: [1, 2] }).benchmarkParallelExecution();
    expect(r.benchmarks.map((b) => `${b.name}:${b.state}`)).toEqual(['parallel/serial:completed', 'parallel/tinypool-1:completed', 'parallel/tinypool-2:completed']);
  });

  it('reports a process that times out, and the benchmarks it left without samples', async () => {
    const r = await new PerformanceBenchmarkSuite({ ...tiny, processes: 1, timeoutMs: 1, only: '^memory/' }).runAll();
    expect(r.benchmarks).toEqual([]);
    expect(r.context.processFailures[0]).toMatch(/did not finish within 1 ms/);
  });

  it('validates its options early', () => {
    expect(() => new PerformanceBenchmarkSuite({ processes: 0 })).toThrow(BenchError);
    expect(() => new PerformanceBenchmarkSuite({ only: '(' })).toThrow(/not a valid regular expression/);
    expect(() => new PerformanceBenchmarkSuite({ caches: { f: () => ({ get: () => 1, set: () => undefined }) } })).toThrow(/cannot cross into a fresh process/);
  });
});
