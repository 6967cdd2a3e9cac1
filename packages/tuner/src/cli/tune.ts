import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { TunerError } from '../errors.js';
import { formatBytes, renderReport } from '../report.js';
import { PerformanceTuner } from '../tuner.js';
import type { TargetMetric, TuneResult } from '../types.js';
import { projectSourceFiles, readInputs, writeFileAtomic } from './files.js';
import type { Output } from './output.js';

interface TuneFlags {
  target: TargetMetric; bench: boolean; project: string; trace?: string; format?: string; task?: string;
  inputs?: string; out?: string; json?: boolean; budget?: string;
}

export function registerTune(program: Command, out: () => Output): void {
  program.command('tune', { isDefault: true })
    .description('probe, select a profile, size cache and pool (from a trace and a calibrated task), write .perf/tuning.json and .perf/report.html')
    .addOption(new Option('--target <metric>', 'what to optimise').choices(['throughput', 'latency', 'memory']).default('throughput'))
    .option('--no-bench', 'skip every measuring step (models and the profile only)')
    .option('--project <dir>', 'project folder (profile selection counts its files)', '.')
    .option('--trace <file>', 'access trace to size the cache from')
    .option('--format <name>', 'trace format (default: from the extension)')
    .option('--task <module>', 'task module to calibrate (default export = worker function)')
    .option('--inputs <file|project>', 'task inputs: a JSON array file, or "project" for the project\'s source file paths', 'project')
    .option('--budget <ms>', 'calibration time bound, ms', '15000')
    .option('--out <dir>', 'where tuning.json and report.html go (default <project>/.perf)')
    .option('--json', 'print the tuneFull result as JSON')
    .action(async (flags: TuneFlags) => {
      const output = flags.json ? { ...out(), json: true } : out();
      const project = resolve(flags.project);
      const budget = Number(flags.budget);
      if (!Number.isFinite(budget) || budget <= 0) throw new TunerError('TUNER_USAGE', `--budget ${flags.budget ?? ''} is not a positive number of milliseconds`);
      if (flags.inputs !== 'project' && !flags.task) throw new TunerError('TUNER_USAGE', '--inputs needs --task (the inputs are handed to the task)');
      const inputs = flags.task && flags.bench
        ? (flags.inputs === 'project' || flags.inputs === undefined ? await projectSourceFiles(project) : await readInputs(flags.inputs))
        : [];
      const progress = output.progress('tuning', 6);
      let done = 0;
      const result = await new PerformanceTuner().tuneFull({
        targetMetric: flags.target, runBenchmarks: flags.bench, projectDir: project,
        ...(flags.trace ? { trace: flags.format ? { path: flags.trace, format: flags.format } : flags.trace } : {}),
        ...(flags.task ? { task: flags.task, taskInputs: inputs } : {}),
        calibrationBudgetMs: budget,
        onStep: (name) => progress.update(++done, name),
      }).finally(() => progress.stop());
      const dir = resolve(flags.out ?? join(project, '.perf'));
      await writeFileAtomic(join(dir, 'tuning.json'), `${JSON.stringify(result, null, 2)}\n`);
      await writeFileAtomic(join(dir, 'report.html'), renderReport(result));
      if (output.json) output.data(result);
      else output.result(summarise(result, dir));
    });

  program.command('report')
    .description('render a saved tuning (tuning.json) as a self-contained HTML page')
    .option('--in <file>', 'the tuning result', '.perf/tuning.json')
    .option('--out <file>', 'the page to write', '.perf/report.html')
    .action(async (flags: { in: string; out: string }) => {
      let result: TuneResult;
      try {
        result = JSON.parse(await readFile(flags.in, 'utf8')) as TuneResult;
      } catch (error) {
        throw new TunerError('TUNER_INPUT', `cannot read the tuning result ${flags.in}: ${(error as Error).message}`, { hint: 'run perf-tune tune first, or pass --in' });
      }
      if (typeof result !== 'object' || result === null || !('estimatedSpeedup' in result) || !('evidence' in result)) {
        throw new TunerError('TUNER_INPUT', `${flags.in} is not a tuning result (no estimatedSpeedup/evidence)`, { hint: 'pass the tuning.json that perf-tune tune wrote' });
      }
      await writeFileAtomic(flags.out, renderReport(result));
      out().result(`wrote ${flags.out}`);
    });
}

function summarise(r: TuneResult, dir: string): string {
  const c = r.optimalConfig;
  const e = r.estimatedSpeedup;
  const lines = [
    `profile      ${r.profileName}  (rule: ${r.evidence.profileSelection.rule})`,
    `machine      ${r.evidence.system.effectiveCores} effective cores, ${formatBytes(r.evidence.system.memoryLimitBytes)} memory limit, ${r.evidence.system.systemType}  [measured]`,
    `workers      ${c.parallel.mode === 'main-thread' ? 'main thread (no pool)' : `${c.parallel.maxWorkers} ${c.parallel.mode}`}, batch ${c.parallel.batchSize}, UV_THREADPOOL_SIZE ${c.parallel.uvThreadpoolSize}  [${c.parallel.source}: ${c.parallel.reason}]`,
    `cache        ${c.cache.levels.map((l) => `${l.name} ${l.type} ${formatBytes(l.maxBytes)}${l.maxEntries ? ` (${l.maxEntries} entries)` : ''}`).join(', ')}; policy ${c.cache.policy}  [${c.cache.source}]`,
    `hit ratio    ${c.cache.expectedHitRatio === null ? `${(c.cache.targetHitRate * 100).toFixed(0)}% (profile target, not measured)` : `${(c.cache.expectedHitRatio * 100).toFixed(1)}% (simulated on the trace)`}`,
    `estimated    ${e.speedup.toFixed(2)}x  [model ${e.model}; inputs ${JSON.stringify(roundAll(e.inputs))}]`,
    `measured     ${r.measuredSpeedup ? `${r.measuredSpeedup.value.toFixed(2)}x  [${r.measuredSpeedup.how}]` : 'not measured (--no-bench, or no --task)'}`,
    ...r.recommendations.map((x) => `- ${x.message}`),
    `wrote        ${join(dir, 'tuning.json')} and ${join(dir, 'report.html')}`,
  ];
  return lines.join('\n');
}

function roundAll(o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v as number]));
}
