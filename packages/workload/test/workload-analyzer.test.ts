import { describe, expect, it } from 'vitest';
import { encodeTrace, parseTrace, WorkloadAnalyzer, WorkloadError } from '../src/index.js';

/** A clock that advances by what the test says. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('WorkloadAnalyzer', () => {
  it('calls a workload io_bound from measured time shares, not from file counts', () => {
    const c = clock();
    const a = new WorkloadAnalyzer({ now: c.now });
    // two slow reads outweigh many cheap compute steps
    for (let i = 0; i < 2; i++) {
      c.advance(40);
      a.recordFileAccess(`/f${i}`, 'read', 40);
    }
    for (let i = 0; i < 50; i++) {
      c.advance(0.2);
      a.recordOperation('compute', 0.2);
    }
    const r = a.analyze();
    expect(r.workloadType).toBe('io_bound');
    expect(r.timeMs.io).toBe(80);
    expect(r.timeShares.io).toBeCloseTo(80 / 90, 12);
    expect(r.recommendations.map((x) => x.id)).toContain('io-bound-cache-reads');
    expect(r.recommendations[0].evidence.ioShare).toBeCloseTo(80 / 90, 12);
  });

  it('calls cpu_bound, memory_bound and mixed workloads', () => {
    const kinds: [string, string][] = [
      ['compute', 'cpu_bound'],
      ['gc', 'memory_bound'],
    ];
    for (const [kind, type] of kinds) {
      const a = new WorkloadAnalyzer({ now: clock().now });
      a.recordOperation(kind, 90);
      a.recordOperation('read', 10);
      expect(a.analyze().workloadType).toBe(type);
    }
    const m = new WorkloadAnalyzer({ now: clock().now });
    m.recordOperation('compute', 50);
    m.recordOperation('read', 50);
    expect(m.analyze().workloadType).toBe('mixed');
  });

  it('measures intensity from the busy fraction of wall-clock time', () => {
    const c = clock();
    const a = new WorkloadAnalyzer({ now: c.now });
    a.recordOperation('compute', 10);
    c.advance(100);
    a.recordOperation('compute', 10);
    const r = a.analyze();
    expect(r.intensity.operations).toBe(2);
    // span = 100 + the first operation's 10 ms; busy = 20 ms
    expect(r.intensity.busyFraction).toBeCloseTo(20 / 110, 12);
    expect(r.intensity.level).toBe('light');
  });

  it('finds hot files, the loop pattern of file accesses, and exports them as a trace', () => {
    const a = new WorkloadAnalyzer({ now: clock().now, hotFiles: 2 });
    for (let round = 0; round < 20; round++) for (let f = 0; f < 30; f++) a.recordFileAccess(`/src/${f}.ts`, 'read', 1);
    a.recordFileAccess('/src/0.ts', 'write', 1);
    const r = a.analyze();
    expect(r.hotFiles[0]).toEqual({ path: '/src/0.ts', accesses: 21, share: 21 / 601, totalMs: 21 });
    expect(r.hotFiles).toHaveLength(2);
    expect(r.accessPattern?.kind).toBe('loop');
    expect(r.recommendations.find((x) => x.id === 'loop-size-cache')?.evidence.loopFiles).toBe(30);
    const t = a.toTrace();
    expect(t.requests).toBe(601);
    expect(t.keyOf!(0)).toBe('/src/0.ts');
    expect(t.opNames).toEqual(['read', 'write']);
    const back = parseTrace(encodeTrace(t, { format: 'libcachesim-csv' }), { format: 'libcachesim-csv' });
    expect(back.requests).toBe(601);
  });

  it('reports cache effectiveness where hits and misses were recorded', () => {
    const a = new WorkloadAnalyzer({ now: clock().now });
    expect(a.analyze().cache).toBeUndefined();
    for (let i = 0; i < 200; i++) a.recordCacheAccess(i % 4 === 0);
    const r = a.analyze();
    expect(r.cache).toEqual({ hits: 50, misses: 150, hitRatio: 0.25 });
    expect(r.recommendations.find((x) => x.id === 'cache-low-hit-ratio')?.evidence.hitRatio).toBe(0.25);
  });

  it('rejects negative durations with a typed error', () => {
    expect(() => new WorkloadAnalyzer().recordOperation('compute', -1)).toThrow(WorkloadError);
  });
});
