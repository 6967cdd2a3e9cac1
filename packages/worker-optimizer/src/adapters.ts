// Ready-made pool options from a calibration or a model configuration.
import type { Options as TinypoolOptions } from 'tinypool';
import type { CalibrationResult } from './calibrate.js';
import type { PoolConfig } from './optimizer.js';

/** Either result: calibrate()'s or WorkerPoolOptimizer.optimize()'s. */
export type Sizing = Pick<CalibrationResult, 'recommendedWorkers'> | Pick<PoolConfig, 'maxWorkers' | 'minWorkers' | 'mode'>;

/** The subset of Piscina's constructor options this package decides (piscina is not a dependency). */
export interface PiscinaSizingOptions {
  readonly minThreads: number;
  readonly maxThreads: number;
  readonly concurrentTasksPerWorker: number;
}

function sizes(result: Sizing): { min: number; max: number; processes: boolean } {
  if ('recommendedWorkers' in result) return { min: result.recommendedWorkers, max: result.recommendedWorkers, processes: false };
  return { min: result.minWorkers, max: result.maxWorkers, processes: result.mode === 'processes' };
}

/** Tinypool options: the recommended count as min and max threads (a measured count is kept warm); child processes for mode 'processes'. */
export function toTinypoolOptions(result: Sizing): Pick<TinypoolOptions, 'minThreads' | 'maxThreads' | 'concurrentTasksPerWorker' | 'runtime'> {
  const s = sizes(result);
  return { minThreads: s.min, maxThreads: s.max, concurrentTasksPerWorker: 1, runtime: s.processes ? 'child_process' : 'worker_threads' };
}

/** Piscina options with the same sizing. */
export function toPiscinaOptions(result: Sizing): PiscinaSizingOptions {
  const s = sizes(result);
  return { minThreads: s.min, maxThreads: s.max, concurrentTasksPerWorker: 1 };
}
