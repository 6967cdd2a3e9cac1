import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadProfile, listProfiles, diffProfiles, resolveProfile, selectProfile } from '@perf/profiles';
import { probeSystem } from '@perf/system-probe';
import type { Trace } from '@perf/workload';
import type * as WorkloadModule from '@perf/workload';
import type * as CacheTunerModule from '@perf/cache-tuner';
import { TunerError } from '../errors.js';
import { PerformanceTuner } from '../tuner.js';
import { readInputs, projectSourceFiles } from './files.js';
import { table, type Output } from './output.js';

export function registerProfile(program: Command, out: () => Output): void {
  const profile = program.command('profile').description('YAML performance profiles: list, show, select, diff');
  profile.command('list').description('profiles found (project .perf/profiles, user config dir, built-ins)').option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const o = flags.json ? { ...out(), json: true } : out();
      const found = listProfiles();
      if (o.json) o.data({ profiles: found });
      else o.result(table([['name', 'source', 'file'], ...found.map((p) => [p.name, p.source, p.file])]));
    });
  profile.command('show <name>').description('a profile as loaded, and resolved for this machine').option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      const loaded = loadProfile(name);
      const resolved = resolveProfile(loaded, await probeSystem());
      const o = flags.json ? { ...out(), json: true } : out();
      if (o.json) o.data({ profile: loaded, resolved });
      else o.result(`${JSON.stringify({ profile: loaded, resolved }, null, 2)}`);
    });
  profile.command('select').description('which profile fits this machine and project, and the rule that chose it')
    .option('--project <dir>', 'project folder whose files are counted', '.').option('--json', 'print JSON')
    .action(async (flags: { project: string; json?: boolean }) => {
      const selection = await selectProfile({ system: await probeSystem(), projectDir: flags.project });
      const o = flags.json ? { ...out(), json: true } : out();
      if (o.json) o.data(selection);
      else o.result(`${selection.profileName}\nrule: ${selection.rule}\n${selection.reason}`);
    });
  profile.command('diff <a> <b>').description('every setting that differs between two profiles').option('--json', 'print JSON')
    .action((a: string, b: string, flags: { json?: boolean }) => {
      const diff = diffProfiles(loadProfile(a), loadProfile(b));
      const o = flags.json ? { ...out(), json: true } : out();
      if (o.json) o.data({ differences: diff });
      else o.result(diff.length === 0 ? 'no differences' : table([['setting', a, b], ...diff.map((d) => [d.path, JSON.stringify(d.a) ?? '-', JSON.stringify(d.b) ?? '-'])]));
    });
}

interface TraceFlags { trace?: string; format?: string; policy: string; size?: string; json?: boolean; target?: string }

// Trace, simulation and calibration modules load when their command runs, not at start-up.
const workload = (): Promise<typeof WorkloadModule> => import('@perf/workload');
const cacheTuner = (): Promise<typeof CacheTunerModule> => import('@perf/cache-tuner');

async function readTraceFlag(flags: TraceFlags): Promise<Trace> {
  const { loadTrace, traceFormatNames } = await workload();
  if (!flags.trace) throw new TunerError('TUNER_USAGE', 'this command needs --trace FILE', { hint: `formats: ${traceFormatNames().join(', ')}` });
  try {
    return await loadTrace(flags.trace, flags.format ? { format: flags.format } : {});
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new TunerError('TUNER_TRACE', `cannot read the trace ${flags.trace}: ${(error as Error).message}${code ? ` (${code})` : ''}`, { hint: `formats: ${traceFormatNames().join(', ')}`, cause: error });
  }
}

function parseList(value: string | undefined, what: string): number[] | undefined {
  if (value === undefined) return undefined;
  const numbers = value.split(',').map((s) => Number(s.trim()));
  const bad = numbers.findIndex((n) => !Number.isInteger(n) || n <= 0);
  if (bad >= 0) throw new TunerError('TUNER_USAGE', `--${what} ${value}: ${value.split(',')[bad]} is not a positive whole number`, { hint: `e.g. --${what} 1000,5000` });
  return numbers;
}

export function registerCache(program: Command, out: () => Output): void {
  const cache = program.command('cache').description('replay traces through eviction policies: simulate, miss-ratio curve, tune');
  const traceOptions = (c: Command): Command => c.option('--trace <file>', 'access trace').option('--format <name>', 'trace format (default: from the extension; an unknown one lists the formats)').option('--json', 'print JSON');
  traceOptions(cache.command('simulate').description('miss ratio of each policy at each size (every request replayed, libCacheSim semantics)'))
    .option('--policy <list>', 'comma-separated policies (lru, fifo, clock, lfu, arc, 2q, lirs, sieve, s3fifo, wtinylfu, wtinylfu-1, belady)', 'lru,wtinylfu')
    .option('--size <list>', 'comma-separated cache sizes in objects')
    .action(async (flags: TraceFlags) => {
      const { policyNames, simulate } = await cacheTuner();
      const trace = await readTraceFlag(flags);
      const sizes = parseList(flags.size, 'size') ?? [Math.max(1, Math.round(trace.uniqueKeys / 10))];
      const policies = flags.policy.split(',').map((p) => p.trim()).filter(Boolean);
      const unknown = policies.filter((p) => !policyNames().includes(p));
      if (unknown.length) throw new TunerError('TUNER_USAGE', `unknown policy ${unknown.join(', ')}`, { hint: `known: ${policyNames().join(', ')}` });
      const o = flags.json ? { ...out(), json: true } : out();
      const progress = o.progress('simulating', policies.length);
      const rows = policies.flatMap((policy, i) => { const r = simulate(trace, { policies: [policy], sizes }); progress.update(i + 1, policy); return r; });
      progress.stop();
      const results = rows.map((r) => ({ policy: r.policy, size: r.size, requests: r.requests, misses: r.misses, missRatio: r.missRatio }));
      if (o.json) o.data({ results });
      else o.result(`${basename(flags.trace!)}: ${trace.requests} requests, ${trace.uniqueKeys} keys (simulated)\n${table([['policy', 'size', 'requests', 'misses', 'miss ratio'], ...results.map((r) => [r.policy, r.size, r.requests, r.misses, r.missRatio.toFixed(4)])])}`);
    });
  traceOptions(cache.command('mrc').description('exact LRU miss-ratio curve from one stack-distance pass'))
    .option('--size <list>', 'sizes to report (default: 12 log-spaced)')
    .action(async (flags: TraceFlags) => {
      const trace = await readTraceFlag(flags);
      const sizes = parseList(flags.size, 'size') ?? [...new Set(Array.from({ length: 12 }, (_, i) => Math.max(1, Math.round(trace.uniqueKeys ** (i / 11)))))];
      const { lruMissRatios, stackDistanceHistogram } = await workload();
      const ratios = lruMissRatios(stackDistanceHistogram(trace), sizes);
      const curve = sizes.map((size, i) => ({ size, missRatio: ratios[i] }));
      const o = flags.json ? { ...out(), json: true } : out();
      if (o.json) o.data({ policy: 'lru', method: 'exact', requests: trace.requests, curve });
      else o.result(table([['size', 'LRU miss ratio (exact)'], ...curve.map((p) => [p.size, p.missRatio.toFixed(4)])]));
    });
  traceOptions(cache.command('tune').description('the policy and size to use, from simulated curves'))
    .option('--target <metric>', 'throughput | latency | memory', 'throughput')
    .action(async (flags: TraceFlags) => {
      const trace = await readTraceFlag(flags);
      const target = flags.target as 'throughput';
      if (!['throughput', 'latency', 'memory'].includes(target)) throw new TunerError('TUNER_USAGE', `--target ${target} is not throughput, latency or memory`);
      const { planCache } = await import('../cache-plan.js');
      const plan = planCache(trace, target);
      const o = flags.json ? { ...out(), json: true } : out();
      if (o.json) o.data(plan);
      else o.result(`use ${plan.chosenPolicy} with ${plan.chosenSize} entries: simulated hit ratio ${(plan.hitRatio * 100).toFixed(2)}% (${plan.rule})`);
    });
}

/** How often the calibration bar is redrawn, ms. */
const PROGRESS_TICK_MS = 250;

export function registerWorkers(program: Command, out: () => Output): void {
  program.command('workers').description('worker pools').command('calibrate')
    .description('measure the task in tinypool at searched worker counts and fit the USL')
    .option('--task <module>', 'task module (default export = worker function)')
    .option('--inputs <file|project>', 'a JSON array of inputs, or "project" for this folder\'s source file paths', 'project')
    .option('--max-workers <n>', 'most workers to try')
    .option('--budget <ms>', 'hard time bound, ms', '15000')
    .option('--json', 'print JSON')
    .action(async (flags: { task?: string; inputs: string; maxWorkers?: string; budget: string; json?: boolean }) => {
      if (!flags.task) throw new TunerError('TUNER_USAGE', 'workers calibrate needs --task MODULE', { hint: 'a module whose default export is the worker function' });
      const inputs = flags.inputs === 'project' ? await projectSourceFiles(process.cwd()) : await readInputs(flags.inputs);
      const maxWorkers = flags.maxWorkers === undefined ? undefined : parseList(flags.maxWorkers, 'max-workers')![0];
      const { loadTask } = await import('../measure.js');
      await loadTask(flags.task);
      const { calibrate } = await import('@perf/worker-optimizer');
      const o = flags.json ? { ...out(), json: true } : out();
      // The budget is a hard bound, so elapsed time against it is an honest measure of progress.
      const budgetMs = Number(flags.budget);
      const progress = o.json ? undefined : o.progress('calibrating (ms of budget)', budgetMs);
      const started = performance.now();
      const ticker = progress && setInterval(() => progress.update(Math.min(budgetMs, Math.round(performance.now() - started))), PROGRESS_TICK_MS);
      const result = await calibrate({ task: flags.task, inputs, budgetMs, ...(maxWorkers ? { maxWorkers } : {}) })
        .finally(() => { clearInterval(ticker); progress?.stop(); });
      if (o.json) o.data(result);
      else o.result(`${table([['workers', 'tasks/s (measured)'], ...result.points.map((p) => [p.workers, Number(p.throughput.toFixed(1))])])}\nrecommended: ${result.recommendedWorkers} (${result.mode}), batch ${result.batchSize}, UV_THREADPOOL_SIZE ${result.uvThreadpoolSize}\n${result.reason}`);
    });
}

export function registerBench(program: Command, out: () => Output): void {
  program.command('bench').description('the benchmark suite: @perf/cache beside lru-cache, tinypool pools, memory, I/O (fresh processes)')
    .option('--full', 'the full suite (default: quick)').option('--json', 'print JSON')
    .action(async (flags: { full?: boolean; json?: boolean }) => {
      const o = flags.json ? { ...out(), json: true } : out();
      const { QUICK_SUITE_PROCESSES, DEFAULT_SUITE_PROCESSES } = await import('@perf/bench');
      const progress = o.json ? undefined : o.progress('benchmark processes', flags.full ? DEFAULT_SUITE_PROCESSES : QUICK_SUITE_PROCESSES);
      let done = 0;
      const results = await new PerformanceTuner()
        .runBenchmarks({ quick: !flags.full, onProgress: (line) => { if (line.startsWith('process ')) done++; progress?.update(done, line); } })
        .finally(() => progress?.stop());
      const summary = results.getSummary();
      if (o.json) o.data({ summary, results });
      else o.result(`benchmarks: ${summary.totalBenchmarks}, successful ${summary.successful}, failed ${summary.failed}, average throughput ${summary.avgThroughput.toFixed(0)} ops/s (measured)`);
      if (summary.failed > 0) process.exitCode = 1;
    });
}
