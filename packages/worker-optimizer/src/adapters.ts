// Ready-made pool options from a calibration or a model configuration.
import type { Options as TinypoolOptions } from 'tinypool';
import type { CalibrationResult } from './calibration-result.js';
import type { PoolConfig } from './optimizer.js';

/** Either result: calibrate()'s or WorkerPoolOptimizer.optimize()'s. */
export type Sizing = (Pick<CalibrationResult, 'recommendedWorkers'> & Partial<Pick<CalibrationResult, 'concurrentTasksPerWorker'>>) | Pick<PoolConfig, 'maxWorkers' | 'minWorkers' | 'mode'>;

/** The subset of Piscina's constructor options this package decides (piscina is not a dependency). */
export interface PiscinaSizingOptions {
  readonly minThreads: number;
  readonly maxThreads: number;
  readonly concurrentTasksPerWorker: number;
}

function sizes(result: Sizing): { min: number; max: number; perWorker: number; processes: boolean } {
  if ('recommendedWorkers' in result) return { min: result.recommendedWorkers, max: result.recommendedWorkers, perWorker: result.concurrentTasksPerWorker ?? 1, processes: false };
  return { min: result.minWorkers, max: result.maxWorkers, perWorker: 1, processes: result.mode === 'processes' };
}

/**
 * Tinypool options: the recommended count as min and max threads (a measured count is kept warm)
 * and the tasks per worker calibration measured with; child processes for mode 'processes'.
 * Calibration measured inputs in batches of `batchSize` per run: pass that many per pool.run.
 */
export function toTinypoolOptions(result: Sizing): Pick<TinypoolOptions, 'minThreads' | 'maxThreads' | 'concurrentTasksPerWorker' | 'runtime'> {
  const s = sizes(result);
  return { minThreads: s.min, maxThreads: s.max, concurrentTasksPerWorker: s.perWorker, runtime: s.processes ? 'child_process' : 'worker_threads' };
}

/** Piscina options with the same sizing. */
export function toPiscinaOptions(result: Sizing): PiscinaSizingOptions {
  const s = sizes(result);
  return { minThreads: s.min, maxThreads: s.max, concurrentTasksPerWorker: s.perWorker };
}
