import { describe, expect, it } from 'vitest';
import { TaskType, WorkerPoolOptimizer, toPiscinaOptions, toTinypoolOptions } from '../src/index.js';

const GIB = 1024 ** 3;
const twoCores = { effectiveCores: 2, memoryLimitBytes: 4 * GIB, source: 'test' };

describe('WorkerPoolOptimizer', () => {
  const opt = new WorkerPoolOptimizer({ system: twoCores });

  it('calculateSpeedup: Amdahl (s = 0.05, t = 10 ms) with the overhead, parallelism capped by Goetz', () => {
    expect(opt.calculateSpeedup(1, TaskType.CPU_BOUND, 0)).toBeCloseTo(1, 12);
    expect(opt.calculateSpeedup(2, TaskType.CPU_BOUND, 0.1)).toBeCloseTo(1 / 0.535, 12);
    expect(opt.calculateSpeedup(8, TaskType.CPU_BOUND, 0.1)).toBeCloseTo(1 / 0.535, 12);
    expect(opt.calculateSpeedup(6, TaskType.IO_BOUND, 0.1)).toBeCloseTo(1 / (0.06 + 0.95 / 6), 12);
  });

  it('findOptimalWorkerCount: the smallest count at the best speedup', () => {
    expect(opt.findOptimalWorkerCount(TaskType.CPU_BOUND)).toEqual([2, 1 / 0.535]);
    const [io, ioSpeedup] = opt.findOptimalWorkerCount(TaskType.IO_BOUND);
    expect(io).toBe(6);
    expect(ioSpeedup).toBeCloseTo(1 / (0.06 + 0.95 / 6), 12);
    expect(opt.findOptimalWorkerCount(TaskType.MIXED)[0]).toBe(4);
    expect(opt.findOptimalWorkerCount(TaskType.IO_BOUND, 3)[0]).toBe(3);
  });

  it('optimize: CPU-bound gets the effective cores, in threads', () => {
    const c = opt.optimize({ taskType: TaskType.CPU_BOUND, avgTaskDurationMs: 10, memoryPerTaskMb: 50 });
    expect(c).toMatchObject({ maxWorkers: 2, minWorkers: 2, threadPoolSize: 4, processPoolSize: 2, mode: 'threads', batchSize: 1 });
    expect(c.speedup).toBeCloseTo(1 / 0.535, 12);
    expect(c.reason).toContain('goetz(cores=2, targetUtilization=1, waitMs=0, computeMs=1) = 2');
    expect(c.reason).toContain('system: test');
    expect(c.models.map((m) => m.model)).toEqual(['goetz', 'core-cap', 'memory-cap', 'amdahl-with-dispatch-overhead', 'batch-size', 'uv-threadpool']);
  });

  it('optimize: known wait and compute times use Goetz; UV_THREADPOOL_SIZE follows the count', () => {
    const c = opt.optimize({ taskType: TaskType.IO_BOUND, avgTaskDurationMs: 21, memoryPerTaskMb: 50, waitMs: 20, computeMs: 1 });
    expect(c.maxWorkers).toBe(42);
    expect(c.minWorkers).toBe(2);
    expect(c.threadPoolSize).toBe(42);
  });

  it('optimize: memory per task caps the count', () => {
    const c = opt.optimize({ taskType: TaskType.IO_BOUND, memoryPerTaskMb: 1024 });
    expect(c.maxWorkers).toBe(3);
    expect(c.reason).toContain('memory-cap(memoryLimitBytes=4294967296, memoryPerTaskBytes=1073741824, headroom=0.8) = 3');
  });

  it('optimize: short tasks get batched so dispatch stays under 5%', () => {
    expect(opt.optimize({ taskType: TaskType.CPU_BOUND, avgTaskDurationMs: 0.5 }).batchSize).toBe(4);
  });

  it('optimize: one core and CPU-bound work means the main thread', () => {
    const one = new WorkerPoolOptimizer({ system: { effectiveCores: 1, memoryLimitBytes: GIB } });
    const c = one.optimize({ taskType: TaskType.CPU_BOUND });
    expect(c.mode).toBe('main-thread');
    expect(c.maxWorkers).toBe(1);
  });

  it('optimize: isolation asks for processes, at most one per core', () => {
    const iso = new WorkerPoolOptimizer({ system: twoCores, isolate: true });
    const c = iso.optimize({ taskType: TaskType.MIXED });
    expect(c.mode).toBe('processes');
    expect(c.maxWorkers).toBe(2);
    expect(toTinypoolOptions(c)).toEqual({ minThreads: 2, maxThreads: 2, concurrentTasksPerWorker: 1, runtime: 'child_process' });
  });

  it('rejects bad inputs with the field named', () => {
    expect(() => opt.optimize({ taskType: 'gpu' as TaskType })).toThrow(/taskType is "gpu"; pass one of cpu_bound, io_bound, mixed/);
    expect(() => opt.optimize({ taskType: TaskType.MIXED, waitMs: 3 })).toThrow(/pass both/);
    expect(() => new WorkerPoolOptimizer({ system: { effectiveCores: 0, memoryLimitBytes: 1 } })).toThrow(/system.effectiveCores is 0/);
  });

  it('without a system, states that the os module gave the figures', () => {
    expect(new WorkerPoolOptimizer().system.source).toMatch(/os\.availableParallelism/);
  });

  it('create() reads the machine through @perf/system-probe', async () => {
    const probed = await WorkerPoolOptimizer.create();
    expect(probed.system.effectiveCores).toBeGreaterThanOrEqual(1);
    expect(probed.system.source).toMatch(/system-probe|probeSystem/);
  });
});

describe('adapters', () => {
  it('turn a calibration into tinypool and piscina options', () => {
    expect(toTinypoolOptions({ recommendedWorkers: 3 })).toEqual({ minThreads: 3, maxThreads: 3, concurrentTasksPerWorker: 1, runtime: 'worker_threads' });
    expect(toPiscinaOptions({ recommendedWorkers: 3 })).toEqual({ minThreads: 3, maxThreads: 3, concurrentTasksPerWorker: 1 });
    expect(toPiscinaOptions({ maxWorkers: 8, minWorkers: 2, mode: 'threads' })).toEqual({ minThreads: 2, maxThreads: 8, concurrentTasksPerWorker: 1 });
  });
});
