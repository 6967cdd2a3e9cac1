import { describe, expect, it } from 'vitest';
import { loadTrace, packageName, streamTrace, type Trace } from '../src/index.js';
import { firstDifference, tracePath } from './shared.js';

const cases: { file: string; format: string; requests: number; unique?: number }[] = [
  { file: 'lirs/sprite.trace.gz', format: 'lirs', requests: 133_996, unique: 7_075 },
  { file: 'lirs/loop.trace.gz', format: 'lirs', requests: 505_500, unique: 1_011 },
  { file: 'cloud_physics/w106.trace.gz', format: 'uint32be', requests: 5_292_456 },
  { file: 'scarab/scarab-recs.trace.gz', format: 'int64be', requests: 1_245_184, unique: 258_368 },
  { file: 'cache2k/web07.trace.gz', format: 'int32be', requests: 76_118 },
  { file: 'cache2k/web12.trace.gz', format: 'int32be', requests: 95_607 } /* README rounds to 96k */,
  { file: 'address/gcc.trace.gz', format: 'address', requests: 515_683 },
  { file: 'libcachesim/cloudPhysicsIO.csv', format: 'libcachesim-csv', requests: 113_872, unique: 48_974 },
  { file: 'libcachesim/cloudPhysicsIO.oracleGeneral.bin', format: 'oracle-general', requests: 113_872, unique: 48_974 },
];

function checkDense(t: Trace): void {
  expect(t.ids.length).toBe(t.requests);
  // first-seen order: each new id is exactly one above the highest so far
  let next = 0;
  let outOfOrder = 0;
  for (const id of t.ids) {
    if (id === next) next++;
    else if (id > next) outOfOrder++;
  }
  expect(outOfOrder).toBe(0);
  expect(next).toBe(t.uniqueKeys);
}

describe('loadTrace on the shared traces', () => {
  it('is the @perf/workload package', () => {
    expect(packageName).toBe('@perf/workload');
  });

  for (const c of cases) {
    it(`reads ${c.file} as ${c.format} with the README's request count`, async () => {
      const t = await loadTrace(tracePath(c.file), { format: c.format });
      expect(t.requests).toBe(c.requests);
      if (c.unique !== undefined) expect(t.uniqueKeys).toBe(c.unique);
      expect(t.format).toBe(c.format);
      checkDense(t);
    });
  }

  it('reads w106 with about 275k distinct keys', async () => {
    const t = await loadTrace(tracePath('cloud_physics/w106.trace.gz'), { format: 'uint32be' });
    expect(t.uniqueKeys).toBe(275_171);
    expect(t.keyOf!(0)).toBe('3402501376');
  });

  it('keeps 64-bit scarab keys exact beyond 2^53', async () => {
    const t = await loadTrace(tracePath('scarab/scarab-recs.trace.gz'), { format: 'int64be' });
    const first = t.keyOf!(0);
    expect(BigInt(first)).toBeGreaterThan(2n ** 53n);
    expect(first).toBe('8756849942801480528');
  });

  it('reads sizes and times from the CSV and oracleGeneral twins identically', async () => {
    const csv = await loadTrace(tracePath('libcachesim/cloudPhysicsIO.csv'));
    const bin = await loadTrace(tracePath('libcachesim/cloudPhysicsIO.oracleGeneral.bin'), { format: 'oracle-general' });
    expect(csv.format).toBe('libcachesim-csv');
    expect(firstDifference(csv.ids, bin.ids)).toBe(-1);
    // libCacheSim's converter rewrote some sizes, so only ids and times are compared
    expect(firstDifference(csv.timestamps!, bin.timestamps!)).toBe(-1);
    expect(csv.sizes![0]).toBe(512);
    expect(csv.opNames).toEqual(['2a', '28']);
  });

  it('skips the `*` checkpoint lines of 2_pools', async () => {
    const t = await loadTrace(tracePath('lirs/2_pools.trace.gz'), { format: 'lirs' });
    expect(t.requests).toBe(100_000);
    expect(t.uniqueKeys).toBe(9_939);
  });

  it('streams scarab in bounded chunks with the same ids as loadTrace', async () => {
    const path = tracePath('scarab/scarab-recs.trace.gz');
    const whole = await loadTrace(path, { format: 'int64be' });
    const stream = streamTrace(path, { format: 'int64be', chunkRequests: 100_000 });
    let start = 0;
    let chunks = 0;
    for await (const chunk of stream) {
      expect(chunk.start).toBe(start);
      expect(chunk.requests).toBeLessThanOrEqual(100_000);
      expect(firstDifference(chunk.ids, whole.ids.subarray(start, start + chunk.requests))).toBe(-1);
      start += chunk.requests;
      chunks++;
    }
    expect(start).toBe(whole.requests);
    expect(chunks).toBe(13);
    expect(stream.uniqueKeys).toBe(whole.uniqueKeys);
    expect(stream.keyOf(0)).toBe(whole.keyOf!(0));
  });

  for (const [file, format] of [
    ['libcachesim/cloudPhysicsIO.csv', 'libcachesim-csv'],
    ['lirs/loop.trace.gz', 'lirs'],
    ['address/gcc.trace.gz', 'address'],
    ['libcachesim/cloudPhysicsIO.oracleGeneral.bin', 'oracle-general'],
  ] as const) {
    it(`streams ${file} through small odd-sized reads with the ids, sizes and times of loadTrace`, async () => {
      const path = tracePath(file);
      const whole = await loadTrace(path, { format });
      const stream = streamTrace(path, { format, readBytes: 4093, chunkRequests: 4097 });
      const ids: number[] = [];
      const sizes: number[] = [];
      const times: number[] = [];
      for await (const c of stream) {
        for (let i = 0; i < c.requests; i++) {
          ids.push(c.ids[i]);
          if (c.sizes) sizes.push(c.sizes[i]);
          if (c.timestamps) times.push(c.timestamps[i]);
        }
      }
      expect(firstDifference(ids, whole.ids)).toBe(-1);
      if (whole.sizes) expect(firstDifference(sizes, whole.sizes)).toBe(-1);
      if (whole.timestamps) expect(firstDifference(times, whole.timestamps)).toBe(-1);
      expect(stream.uniqueKeys).toBe(whole.uniqueKeys);
    });
  }
});
