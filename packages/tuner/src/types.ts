import type { SpeedupEstimate } from './estimate.js';

export type TargetMetric = 'throughput' | 'latency' | 'memory';

/** Where a number came from: measured here, computed by a named model, or taken from a profile. */
export type Provenance = 'measured' | 'model' | 'profile' | 'history';

export interface CacheLevelConfig {
  readonly name: 'l1' | 'l2' | 'l3';
  readonly type: 'memory' | 'disk' | 'redis';
  readonly maxBytes: number;
  /** Entries, when sized from a trace in objects. */
  readonly maxEntries?: number;
  readonly policy?: string;
}

export interface CacheConfig {
  readonly levels: readonly CacheLevelConfig[];
  readonly policy: string;
  readonly ttlMs: number | null;
  readonly targetHitRate: number;
  /** Expected hit ratio at the chosen size, 0..1, and where it came from. */
  readonly expectedHitRatio: number | null;
  readonly source: Provenance;
}

export interface ParallelConfig {
  readonly mode: 'threads' | 'processes' | 'main-thread';
  readonly maxWorkers: number;
  readonly minWorkers: number;
  readonly batchSize: number;
  readonly queueSize: number;
  readonly uvThreadpoolSize: number;
  readonly source: Provenance;
  readonly reason: string;
}

export interface ResourceConfig {
  readonly memoryLimitBytes: number;
  readonly cpuLimit: number;
}

export interface OptimalConfig {
  readonly cache: CacheConfig;
  readonly parallel: ParallelConfig;
  readonly resources: ResourceConfig;
}

export interface Recommendation {
  readonly message: string;
  /** The figures that led to it. */
  readonly evidence: Readonly<Record<string, number | string>>;
}

export interface CurvePoint { readonly size: number; readonly missRatio: number }

export interface Evidence {
  readonly system: {
    readonly effectiveCores: number;
    readonly memoryLimitBytes: number;
    readonly systemType: string;
    readonly systemTypeRule: string;
    readonly fingerprint: string;
  };
  readonly profileSelection: { readonly rule: string; readonly inputs: Readonly<Record<string, unknown>> };
  readonly projectFiles?: number;
  readonly cacheCurves?: {
    readonly trace: string;
    readonly requests: number;
    readonly unit: 'objects';
    readonly chosenSize: number;
    readonly chosenPolicy: string;
    readonly curves: readonly { readonly policy: string; readonly points: readonly CurvePoint[] }[];
  };
  readonly workerScaling?: {
    readonly task: string;
    readonly points: readonly { readonly workers: number; readonly throughput: number }[];
    readonly usl: { readonly sigma: number; readonly kappa: number; readonly lambda: number; readonly r2: number } | null;
    readonly recommendedWorkers: number;
    readonly mainThreadThroughput?: number;
  };
  readonly benchmarks?: readonly BenchmarkEvidence[];
  readonly history?: { readonly path: string; readonly startedFrom?: string; readonly skippedLines: number };
  readonly timings: Readonly<Record<string, number>>;
}

export interface BenchmarkEvidence {
  readonly name: string;
  readonly baselineMs: number;
  readonly tunedMs: number;
  readonly speedup: number;
  readonly processes: number;
}

export interface MeasuredSpeedup {
  readonly value: number;
  readonly baselineMs: number;
  readonly tunedMs: number;
  readonly how: string;
}

export interface TuneResult {
  readonly profileName: string;
  readonly targetMetric: TargetMetric;
  readonly optimalConfig: OptimalConfig;
  readonly estimatedSpeedup: SpeedupEstimate;
  readonly measuredSpeedup?: MeasuredSpeedup;
  readonly recommendations: readonly Recommendation[];
  readonly evidence: Evidence;
}
