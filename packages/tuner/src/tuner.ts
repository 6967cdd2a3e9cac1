import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { probeSystem, systemFingerprint, type SystemProfile } from '@perf/system-probe';
import { loadProfile, resolveProfile, selectProfile, type ResolvedProfile } from '@perf/profiles';
import type { Trace } from '@perf/workload';
import { TaskType, WorkerPoolOptimizer, type CalibrationResult } from '@perf/worker-optimizer';
import type { SuiteResults } from '@perf/bench';
import type { CachePlan } from './cache-plan.js';
import { estimateSpeedup, poolBreakEven, uslSpeedup, type SpeedupInputs } from './estimate.js';
import { TunerError } from './errors.js';
import { appendHistory, bestMeasured, readHistory, type HistoryEntry } from './history.js';
import type { MeasuredRun } from './measure.js';
import { median } from './stats.js';
import { applyTarget, ASSUMED_COSTS, cacheFromProfile, parallelFromProfile } from './config.js';
import type { Evidence, MeasuredSpeedup, OptimalConfig, ParallelConfig, Recommendation, TargetMetric, TuneResult } from './types.js';

export interface TuneFullOptions {
  /** What to optimise. @default 'throughput' */
  readonly targetMetric?: TargetMetric;
  /** Measure: calibrate the task, measure cache costs, and measure baseline against tuned. @default false */
  readonly runBenchmarks?: boolean;
  /** Project whose files are counted for profile selection. @default process.cwd() */
  readonly projectDir?: string;
  /** An access trace to size the cache from (path, format detected from the extension unless given). */
  readonly trace?: string | { readonly path: string; readonly format?: string };
  /** A task module (default export: the worker function) to calibrate and measure. */
  readonly task?: string | URL;
  /** Inputs for the task. @default none (the task is not run) */
  readonly taskInputs?: readonly unknown[];
  /** Hard bound on calibration time, ms. @default 15000 */
  readonly calibrationBudgetMs?: number;
  /** History file (JSON lines). @default '<projectDir>/.perf/history.jsonl'; null keeps none */
  readonly historyPath?: string | null;
  /** Called as steps start, for progress display. */
  readonly onStep?: (step: string) => void;
}

export interface PerformanceTunerOptions {
  /** Machine facts. @default probeSystem() */
  readonly system?: SystemProfile;
}

/** The orchestrator: probe, select a profile, size the cache from a trace, size the pool from measurement. */
export class PerformanceTuner {
  readonly #system: SystemProfile | undefined;

  constructor(options: PerformanceTunerOptions = {}) {
    this.#system = options.system;
  }

  async system(): Promise<SystemProfile> {
    return this.#system ?? probeSystem();
  }

  /** The profile that fits (ordered rules of @perf/profiles), resolved for this machine. */
  async selectProfile(options: { projectSize?: 'small' | 'medium' | 'large'; systemType?: SystemProfile['systemType']; projectDir?: string } = {}): Promise<{ selection: Awaited<ReturnType<typeof selectProfile>>; profile: ResolvedProfile }> {
    const system = await this.system();
    const selection = await selectProfile({ system, ...options });
    const profile = resolveProfile(loadProfile(selection.profileName, options.projectDir ? { cwd: options.projectDir } : {}), system);
    return { selection, profile };
  }

  /** Worker settings for a task type from the stated models (Amdahl with dispatch overhead, Goetz, caps). */
  async tuneWorkers(taskType: TaskType = TaskType.CPU_BOUND): Promise<ReturnType<WorkerPoolOptimizer['optimize']>> {
    const system = await this.system();
    const optimizer = new WorkerPoolOptimizer({ system: { effectiveCores: system.cpu.effectiveCores, memoryLimitBytes: system.memory.effectiveLimitBytes, source: '@perf/system-probe' } });
    return optimizer.optimize({ taskType });
  }

  /** The seed's benchmark suite, with @perf/cache beside lru-cache and a Map. */
  async runBenchmarks(options: { quick?: boolean; onProgress?: (line: string) => void } = {}): Promise<SuiteResults> {
    // Heavy modules load only when their step runs: `tune --no-bench` stays a fast start.
    const { PerformanceBenchmarkSuite } = await import('@perf/bench');
    const suite = new PerformanceBenchmarkSuite({
      quick: options.quick ?? true,
      caches: { '@perf/cache': { module: new URL('./bench-cache-adapter.js', import.meta.url).href }, 'lru-cache': 'lru-cache', Map: 'Map' },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return suite.runAll();
  }

  async tuneFull(options: TuneFullOptions = {}): Promise<TuneResult> {
    const t0 = performance.now();
    const timings: Record<string, number> = {};
    const step = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
      options.onStep?.(name);
      const start = performance.now();
      try { return await fn(); } finally { timings[`${name}Ms`] = round(performance.now() - start); }
    };
    const target = options.targetMetric ?? 'throughput';
    if (!['throughput', 'latency', 'memory'].includes(target)) {
      throw new TunerError('TUNER_INPUT', `targetMetric ${JSON.stringify(target)} is not one of throughput, latency, memory`);
    }
    const projectDir = resolve(options.projectDir ?? process.cwd());
    await assertDirectory(projectDir);
    const measure = options.runBenchmarks === true;

    const system = await step('probe', () => this.system());
    const fingerprint = systemFingerprint(system).hash;
    const { selection, profile } = await step('profile', () => this.selectProfile({ projectDir }));
    const recommendations: Recommendation[] = [];

    let cache = cacheFromProfile(profile);
    let plan: CachePlan | undefined;
    let trace: Trace | undefined;
    let traceName: string | undefined;
    if (options.trace !== undefined) {
      const spec = typeof options.trace === 'string' ? { path: options.trace } : options.trace;
      traceName = basename(spec.path);
      trace = await step('trace', async () => {
        const { loadTrace } = await import('@perf/workload');
        try {
          return await loadTrace(spec.path, spec.format === undefined ? {} : { format: spec.format });
        } catch (error) {
          throw new TunerError('TUNER_TRACE', `cannot read the trace ${spec.path}: ${(error as Error).message}`, { hint: 'check the path and give --format (perf-tune cache simulate --help lists formats)', cause: error });
        }
      });
      plan = await step('simulate', async () => (await import('./cache-plan.js')).planCache(trace!, target));
      cache = { ...cache, policy: plan.chosenPolicy, expectedHitRatio: plan.hitRatio, source: 'model',
        levels: cache.levels.map((l) => (l.name === 'l1' ? { ...l, maxEntries: plan!.chosenSize, policy: plan!.chosenPolicy } : l)) };
      recommendations.push({
        message: `Size the memory level at ${plan.chosenSize} entries with ${plan.chosenPolicy}: simulated hit ratio ${(plan.hitRatio * 100).toFixed(1)}% (${plan.rule}).`,
        evidence: { trace: traceName, requests: trace.requests, uniqueKeys: trace.uniqueKeys, size: plan.chosenSize, hitRatio: round4(plan.hitRatio) },
      });
    }

    let parallel: ParallelConfig = parallelFromProfile(profile);
    let calibration: CalibrationResult | undefined;
    const inputs = options.taskInputs ?? [];
    if (options.task !== undefined && measure && inputs.length > 0) {
      calibration = await step('calibrate', async () => (await import('@perf/worker-optimizer')).calibrate({
        task: options.task!, inputs, budgetMs: options.calibrationBudgetMs ?? 15_000,
        system: { effectiveCores: system.cpu.effectiveCores, memoryLimitBytes: system.memory.effectiveLimitBytes, source: '@perf/system-probe' },
      }));
      parallel = {
        mode: calibration.mode, maxWorkers: calibration.recommendedWorkers, minWorkers: Math.min(parallel.minWorkers, Math.max(1, calibration.recommendedWorkers)),
        batchSize: calibration.batchSize, queueSize: Math.max(calibration.recommendedWorkers * calibration.batchSize * 2, 1),
        uvThreadpoolSize: calibration.uvThreadpoolSize, source: 'measured', reason: calibration.reason,
      };
    } else {
      const model = await this.tuneWorkers(TaskType.CPU_BOUND);
      const max = Math.min(model.maxWorkers, profile.workers.max);
      parallel = { ...parallel, maxWorkers: max, mode: max <= 1 && model.mode === 'main-thread' ? 'main-thread' : parallel.mode, source: 'model',
        reason: `min(profile max ${profile.workers.max}, ${model.reason})` };
    }

    let historyNote: string | undefined;
    const historyPath = options.historyPath === null ? undefined : (options.historyPath ?? join(projectDir, '.perf', 'history.jsonl'));
    const signature = workloadSignature(selection.inputs.projectSize, traceName, options.task, inputs.length);
    let skippedLines = 0;
    if (historyPath) {
      const read = await readHistory(historyPath);
      skippedLines = read.skipped.length;
      for (const s of read.skipped) recommendations.push({ message: `History line ${s.line} of ${historyPath} is corrupt and was skipped (${s.reason}).`, evidence: { line: s.line } });
      const best = bestMeasured(read.entries, fingerprint, signature);
      if (best && !calibration) {
        const p = best.config.parallel as ParallelConfig | undefined;
        if (p) {
          parallel = { ...p, source: 'history', reason: `best measured configuration on this machine and workload (${best.measuredSpeedup?.toFixed(2)}x measured on ${best.time})` };
          historyNote = `started from the best measured configuration of ${best.time}`;
        }
      }
    }

    let config: OptimalConfig = applyTarget(target, {
      cache, parallel,
      resources: { memoryLimitBytes: Math.min(profile.resources.memoryBytes, system.memory.effectiveLimitBytes), cpuLimit: Math.min(profile.resources.cpus, system.cpu.cpuBudget) },
    });

    let measured: MeasuredRun | undefined;
    const hitRatio = config.cache.expectedHitRatio ?? config.cache.targetHitRate;
    const usl = calibration?.usl ?? null;
    const n = config.parallel.mode === 'main-thread' ? 1 : config.parallel.maxWorkers;
    const parallelSpeedup = usl ? uslSpeedup(n, usl.sigma, usl.kappa) : 1; // no measurement: no parallel gain assumed
    if (measure && options.task !== undefined && inputs.length > 0) {
      const workers = config.parallel.mode === 'main-thread' ? 0 : config.parallel.maxWorkers;
      measured = await step('measure', async () => (await import('./measure.js')).measureSpeedup({ task: options.task!, inputs, workers, hitRatio }));
      const realised = measured.freshPoolSpeedup;
      if (realised !== null && measured.freshPoolMs !== null
        && poolBreakEven({ computeMs: measured.computeMs, parallelSpeedup: realised, fixedMs: measured.fixedMs, loadMs: measured.loadMs }) > inputs.length) {
        // The steady-state fit promised a gain a fresh run does not get: run the work on the main thread.
        config = { ...config, parallel: { ...config.parallel, mode: 'main-thread', source: 'measured',
          reason: `a fresh pool of ${workers} workers took ${Math.round(measured.freshPoolMs)} ms for all ${inputs.length} inputs (start-up ${Math.round(measured.fixedMs)} ms) against ${Math.round(measured.computeMs * inputs.length)} ms serially after a ${Math.round(measured.loadMs)} ms load: a realised ${realised.toFixed(2)}x, so the pool never pays for a run of ${inputs.length} items (the scaling fit said ${parallelSpeedup.toFixed(2)}x)` } };
        recommendations.push({ message: `Run the task on the main thread: a fresh pool of ${workers} workers realised ${realised.toFixed(2)}x over serial, less than its start-up costs.`, evidence: { freshPoolMs: Math.round(measured.freshPoolMs), fixedMs: Math.round(measured.fixedMs), serialMs: Math.round(measured.computeMs * inputs.length), loadMs: Math.round(measured.loadMs), realisedSpeedup: round4(realised) } });
      }
    }
    const speedupInputs: SpeedupInputs = {
      hitRatio,
      computeMs: measured?.computeMs ?? calibration?.taskMs ?? ASSUMED_COSTS.computeMs,
      hitMs: measured?.hitMs ?? ASSUMED_COSTS.hitMs,
      missOverheadMs: measured?.missOverheadMs ?? ASSUMED_COSTS.missOverheadMs,
      // Measured on a fresh pool when benchmarks ran (what a fresh run gets); else the USL fit.
      parallelSpeedup: measured?.freshPoolSpeedup ?? parallelSpeedup,
      fixedMs: measured?.fixedMs ?? 0,
      loadMs: measured?.loadMs ?? 0,
      items: inputs.length || ASSUMED_COSTS.items,
    };
    const estimate = estimateSpeedup(speedupInputs);
    const measuredSpeedup: MeasuredSpeedup | undefined = measured && {
      value: median(measured.baselineMs) / median(measured.tunedMs),
      baselineMs: median(measured.baselineMs), tunedMs: median(measured.tunedMs),
      how: `in-process, ${measured.baselineMs.length} alternated repetitions per side (median); tuned run with ${measured.cachedItems} of ${inputs.length} inputs cached (the estimate's hit ratio) and misses on ${config.parallel.mode === 'main-thread' ? 'the main thread' : `${n} tinypool workers (inline when their work is below the pool's measured start-up)`}`,
    };
    if (!measured) {
      recommendations.push({ message: 'The speedup is a model estimate only: run with benchmarks (and a task with inputs) to measure it.', evidence: { assumedInputs: Object.keys(ASSUMED_COSTS).join(', ') } });
    }

    const evidence: Evidence = {
      system: { effectiveCores: system.cpu.effectiveCores, memoryLimitBytes: system.memory.effectiveLimitBytes, systemType: system.systemType, systemTypeRule: system.systemTypeRule, fingerprint },
      profileSelection: { rule: selection.rule, inputs: { ...selection.inputs, reason: selection.reason } },
      ...(plan && trace && traceName ? { cacheCurves: { trace: traceName, requests: trace.requests, unit: 'objects' as const, chosenSize: plan.chosenSize, chosenPolicy: plan.chosenPolicy, curves: plan.curves } } : {}),
      ...(calibration ? { workerScaling: {
        task: String(options.task), points: calibration.points.map((p) => ({ workers: p.workers, throughput: p.throughput })),
        usl: calibration.usl && { sigma: calibration.usl.sigma, kappa: calibration.usl.kappa, lambda: calibration.usl.lambda, r2: calibration.usl.r2 },
        recommendedWorkers: calibration.recommendedWorkers,
        ...(calibration.mainThread ? { mainThreadThroughput: (calibration.mainThread as { throughput: number }).throughput } : {}),
      } } : {}),
      ...(measured && measuredSpeedup ? { benchmarks: [{ name: 'task over inputs', baselineMs: measuredSpeedup.baselineMs, tunedMs: measuredSpeedup.tunedMs, speedup: measuredSpeedup.value, processes: 1 }] } : {}),
      ...(historyPath ? { history: { path: historyPath, skippedLines, ...(historyNote ? { startedFrom: historyNote } : {}) } } : {}),
      timings: { ...timings, totalMs: round(performance.now() - t0) },
    };
    const result: TuneResult = {
      profileName: selection.profileName, targetMetric: target, optimalConfig: config, estimatedSpeedup: estimate,
      ...(measuredSpeedup ? { measuredSpeedup } : {}), recommendations, evidence,
    };
    if (historyPath) {
      const entry: HistoryEntry = {
        version: 1, time: new Date().toISOString(), fingerprint, workloadSignature: signature, targetMetric: target,
        config: { cache: config.cache, parallel: config.parallel }, estimatedSpeedup: estimate.speedup,
        ...(measuredSpeedup ? { measuredSpeedup: measuredSpeedup.value } : {}),
      };
      await appendHistory(historyPath, entry);
    }
    return result;
  }
}


function workloadSignature(projectSize: string | undefined, trace: string | undefined, task: string | URL | undefined, inputs: number): string {
  return JSON.stringify({ projectSize: projectSize ?? null, trace: trace ?? null, task: task === undefined ? null : basename(String(task)), inputs });
}

async function assertDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new TunerError('TUNER_PROJECT_DIR', `the project directory ${dir} does not exist or is not a directory`, { hint: 'pass --project with an existing folder' });
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
