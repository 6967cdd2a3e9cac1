import { describe, expect, it } from 'vitest';
import {
  amdahlSpeedup, batchSizeFor, coreCap, describeModel, goetzThreads, memoryCap, mvaInFlight, mvaThroughput, uslPeak, uslThroughput, uvThreadpoolSize, WorkerOptimizerError,
} from '../src/index.js';

describe('amdahlSpeedup', () => {
  it('adds the per-task dispatch overhead to the serial part', () => {
    const r = amdahlSpeedup({ workers: 4, serialFraction: 0.1, taskMs: 10, overheadMs: 0.5 });
    expect(r.value).toBeCloseTo(1 / 0.375, 12);
    expect(r.model).toBe('amdahl-with-dispatch-overhead');
    expect(r.inputs).toEqual({ workers: 4, serialFraction: 0.1, taskMs: 10, overheadMs: 0.5 });
  });
  it('caps the parallel part at maxParallelism', () => {
    expect(amdahlSpeedup({ workers: 4, serialFraction: 0.1, taskMs: 10, overheadMs: 0.5, maxParallelism: 2 }).value).toBeCloseTo(1 / 0.6, 12);
  });
  it('is below 1 when dispatch costs more than the parallelism gives', () => {
    expect(amdahlSpeedup({ workers: 1, serialFraction: 0, taskMs: 1, overheadMs: 0.25 }).value).toBe(0.8);
  });
  it('names the field and the fix for a bad input', () => {
    expect(() => amdahlSpeedup({ workers: 0, serialFraction: 0.1, taskMs: 1, overheadMs: 0 })).toThrow(/amdahlSpeedup: workers is 0; pass a finite number above 0/);
    try {
      amdahlSpeedup({ workers: 1, serialFraction: 2, taskMs: 1, overheadMs: 0 });
    } catch (e) {
      expect(e).toBeInstanceOf(WorkerOptimizerError);
      expect((e as WorkerOptimizerError).code).toBe('WORKER_OPTIMIZER_INVALID_OPTION');
    }
  });
});

describe('USL', () => {
  it('computes X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))', () => {
    expect(uslThroughput(4, { sigma: 0.1, kappa: 0.01, lambda: 100 }).value).toBeCloseTo(400 / 1.42, 10);
    expect(uslThroughput(1, { sigma: 0.3, kappa: 0.2, lambda: 50 }).value).toBe(50);
  });
  it('peaks at N* = sqrt((1 - sigma) / kappa)', () => {
    expect(uslPeak({ sigma: 0.1, kappa: 0.01 }).value).toBeCloseTo(Math.sqrt(90), 12);
    expect(uslPeak({ sigma: 0.5, kappa: 0 }).value).toBe(Infinity);
  });
});

describe('goetzThreads', () => {
  it('gives cores x (1 + wait / compute)', () => {
    expect(goetzThreads({ cores: 2, waitMs: 20, computeMs: 1 }).value).toBe(42);
    expect(goetzThreads({ cores: 4, waitMs: 0, computeMs: 5 }).value).toBe(4);
    expect(goetzThreads({ cores: 2, waitMs: 20, computeMs: 1, targetUtilization: 0.5 }).value).toBe(21);
  });
});

describe('caps', () => {
  it('takes whole effective cores, at least one', () => {
    expect(coreCap(2).value).toBe(2);
    expect(coreCap(1.5).value).toBe(1);
    expect(coreCap(0.5).value).toBe(1);
  });
  it('fits tasks into the memory limit with headroom', () => {
    const gib = 1024 ** 3, mib = 1024 ** 2;
    expect(memoryCap({ memoryLimitBytes: 4 * gib, memoryPerTaskBytes: 100 * mib }).value).toBe(32);
    expect(memoryCap({ memoryLimitBytes: 4 * gib, memoryPerTaskBytes: 1024 * mib, headroom: 1 }).value).toBe(4);
    expect(memoryCap({ memoryLimitBytes: gib, memoryPerTaskBytes: 2 * gib }).value).toBe(0);
  });
});

describe('batchSizeFor', () => {
  it('keeps dispatch overhead under 5% of task time', () => {
    expect(batchSizeFor({ overheadMs: 0.1, taskMs: 0.5 }).value).toBe(4);
    expect(batchSizeFor({ overheadMs: 0.1, taskMs: 10 }).value).toBe(1);
    expect(batchSizeFor({ overheadMs: 2.129, taskMs: 3.052 }).value).toBe(14);
    expect(batchSizeFor({ overheadMs: 1, taskMs: 1, maxOverheadFraction: 0.1 }).value).toBe(10);
  });
});

describe('uvThreadpoolSize', () => {
  it('is one libuv thread per task in flight, within 4..1024', () => {
    expect(uvThreadpoolSize(2).value).toBe(4);
    expect(uvThreadpoolSize(16).value).toBe(16);
    expect(uvThreadpoolSize(5000).value).toBe(1024);
  });
});

describe('describeModel', () => {
  it('states the model, its inputs and the value', () => {
    expect(describeModel(goetzThreads({ cores: 2, waitMs: 20, computeMs: 1 }))).toBe('goetz(cores=2, targetUtilization=1, waitMs=20, computeMs=1) = 42');
  });
});

describe('mean value analysis (mvaThroughput, mvaInFlight)', () => {
  it('gives the exact closed-network throughput', () => {
    // One task: 1 / (c/P + w + c(P-1)/P) = 1 / 21 ms.
    expect(mvaThroughput(1, { cores: 2, waitMs: 20, computeMs: 1 }).value).toBeCloseTo(1000 / 21, 9);
    // The machine-repairman textbook case: one server, service 1, think time 1, two customers: utilisation 0.8.
    expect(mvaThroughput(2, { cores: 1, waitMs: 1, computeMs: 1 }).value).toBeCloseTo(800, 9);
  });

  it('asks for more tasks in flight than Goetz for the same utilisation of the cores', () => {
    expect(mvaInFlight({ cores: 2, waitMs: 20, computeMs: 1 }).value).toBe(51);
    expect(goetzThreads({ cores: 2, waitMs: 20, computeMs: 1 }).value).toBe(42);
    expect(mvaInFlight({ cores: 1, waitMs: 0, computeMs: 1 }).value).toBe(1);
    expect(mvaInFlight({ cores: 2, waitMs: 4, computeMs: 4 }).value).toBe(8);
    expect(mvaInFlight({ cores: 2, waitMs: 20, computeMs: 1, targetUtilization: 0.9 }).model).toBe('mva');
  });
});
