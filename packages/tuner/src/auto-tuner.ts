import { TaskType } from '@perf/worker-optimizer';
import { PerformanceTuner, type TuneFullOptions } from './tuner.js';
import type { TargetMetric, TuneResult } from './types.js';

/** The seed's description of a workload, for tuning without a trace or a task. */
export interface WorkloadProfile {
  readonly avgFileSizeKb: number;
  readonly fileCount: number;
  readonly ioIntensive: boolean;
  readonly cpuIntensive: boolean;
  readonly memoryIntensive: boolean;
}

export interface AutoTuneOptions extends Omit<TuneFullOptions, 'targetMetric'> {
  readonly workload?: WorkloadProfile;
  readonly targetMetric?: TargetMetric;
}

/**
 * The seed's AutoTuner: tuneFull, then the workload description adjusts what nothing measured:
 * the task type picks the worker model, the file count and size bound the cache.
 */
export class AutoTuner {
  readonly #tuner: PerformanceTuner;

  constructor(tuner = new PerformanceTuner()) {
    this.#tuner = tuner;
  }

  async tune(options: AutoTuneOptions = {}): Promise<TuneResult> {
    const result = await this.#tuner.tuneFull({ ...options, targetMetric: options.targetMetric ?? 'throughput' });
    const workload = options.workload;
    if (!workload || result.optimalConfig.parallel.source === 'measured') return result;
    const taskType = workload.cpuIntensive && workload.ioIntensive ? TaskType.MIXED : workload.ioIntensive ? TaskType.IO_BOUND : TaskType.CPU_BOUND;
    const pool = await this.#tuner.tuneWorkers(taskType);
    const workingSetBytes = Math.round(workload.fileCount * workload.avgFileSizeKb * 1024);
    const cache = result.optimalConfig.cache;
    const levels = cache.levels.map((level) => (level.name === 'l1' && !workload.memoryIntensive
      ? { ...level, maxBytes: Math.min(level.maxBytes, Math.max(workingSetBytes, 1)) }
      : level));
    return {
      ...result,
      optimalConfig: {
        ...result.optimalConfig,
        cache: { ...cache, levels },
        parallel: { ...result.optimalConfig.parallel, maxWorkers: pool.maxWorkers, mode: pool.mode, batchSize: pool.batchSize, uvThreadpoolSize: pool.threadPoolSize, source: 'model', reason: `workload says ${taskType}: ${pool.reason}` },
      },
      recommendations: [...result.recommendations, {
        message: `L1 capped at the working set: ${workload.fileCount} files x ${workload.avgFileSizeKb} KB = ${workingSetBytes} bytes (from the given workload, not measured).`,
        evidence: { fileCount: workload.fileCount, avgFileSizeKb: workload.avgFileSizeKb, taskType },
      }],
    };
  }
}
