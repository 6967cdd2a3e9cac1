import { estimateSpeedup } from '../src/estimate.js';
import type { TuneResult } from '../src/types.js';

/** A hand-built result with every evidence section, for report tests. */
export function sampleResult(): TuneResult {
  return {
    profileName: 'small_project',
    targetMetric: 'throughput',
    optimalConfig: {
      cache: { levels: [{ name: 'l1', type: 'memory', maxBytes: 50 * 2 ** 20, maxEntries: 1000, policy: 'wtinylfu' }], policy: 'wtinylfu', ttlMs: null, targetHitRate: 0.7, expectedHitRatio: 0.9, source: 'model' },
      parallel: { mode: 'threads', maxWorkers: 2, minWorkers: 1, batchSize: 8, queueSize: 16, uvThreadpoolSize: 4, source: 'measured', reason: 'USL peak' },
      resources: { memoryLimitBytes: 2 ** 31, cpuLimit: 2 },
    },
    estimatedSpeedup: estimateSpeedup({ hitRatio: 0.9, computeMs: 8, hitMs: 0.2, missOverheadMs: 0.3, parallelSpeedup: 1.5, fixedMs: 40, items: 250 }),
    measuredSpeedup: { value: 4.2, baselineMs: 2000, tunedMs: 476, how: 'median of 3 fresh processes per side' },
    recommendations: [{ message: 'Use 2 workers', evidence: { sigma: 0.1 } }],
    evidence: {
      system: { effectiveCores: 2, memoryLimitBytes: 2 ** 34, systemType: 'cpu_constrained', systemTypeRule: 'cores < 4', fingerprint: 'abc' },
      profileSelection: { rule: 'system is cpu constrained', inputs: { effectiveCores: 2 } },
      cacheCurves: {
        trace: 'sprite', requests: 133996, unit: 'objects', chosenSize: 1000, chosenPolicy: 'lru',
        curves: [
          { policy: 'lru', points: [{ size: 100, missRatio: 0.78 }, { size: 1000, missRatio: 0.09 }, { size: 2000, missRatio: 0.065 }] },
          { policy: 'arc', points: [{ size: 100, missRatio: 0.74 }, { size: 1000, missRatio: 0.1 }, { size: 2000, missRatio: 0.066 }] },
        ],
      },
      workerScaling: {
        task: 'transform', recommendedWorkers: 2, mainThreadThroughput: 90,
        points: [{ workers: 1, throughput: 100 }, { workers: 2, throughput: 160 }, { workers: 4, throughput: 150 }],
        usl: { sigma: 0.2, kappa: 0.05, lambda: 100, r2: 0.98 },
      },
      benchmarks: [{ name: 'executor cold', baselineMs: 2000, tunedMs: 1500, speedup: 1.33, processes: 3 }],
      timings: { totalMs: 120 },
    },
  };
}
