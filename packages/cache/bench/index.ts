// @perf/cache bench.
// 1. Throughput: the memory level vs lru-cache on one Zipf workload (alpha 0.99, 100k keys,
//    10k entries), each repetition a fresh process, sides alternated, medians and ratios;
//    'policy:*' is the @perf/cache-tuner policy alone on dense ids (what the policy itself
//    costs). bench/interleaved/ has the same workload as modules for `perf-bench compare`.
//    1b: the same in a fresh process's first requests (W-TinyLFU's JIT warm-up timed; no target).
// 2. Hit ratio vs lru-cache at equal entry counts on shared traces (deterministic replays),
//    and the @perf/cache-tuner simulator's figure for the same policy and size.
// 3. Executor history (rxjs): the disk level's eviction model, LRU vs generation.
// 4. Interleaved: the default against lru-cache timed alternately in each process (with fresh and with reused key strings).
// Writes <repo root>/bench-results/cache.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LRUCache } from 'lru-cache';
import { bootstrapPairedRatioInterval, interleavedSideBySide, median } from '@perf/bench';
import { simulate, SKETCH_SAMPLE_FACTOR } from '@perf/cache-tuner';
import { keyTrace, MemoryLevel, POLICY_NAMES } from '../src/index.js';
import type { PolicyName } from '../src/index.js';
import { readExecutorHistory, replayExecutor } from './executor.js';
import { int32Trace, lirsTrace, sharedDir } from './traces.js';

interface Result {
  name: string;
  unit: string;
  value: number;
  kind: 'measured' | 'ratio';
  reference?: string;
  target?: string;
  pass?: boolean;
  samples?: number[];
}

const REPS = Number(process.env.CACHE_BENCH_REPS ?? 7);
const CAPACITY = 10_000;
/**
 * Untimed requests before timing: two of the sketch's aging periods (it halves its counters every
 * SKETCH_SAMPLE_FACTOR x capacity requests). With 20% of 400k, W-TinyLFU's first aging and the
 * climber's first window moves fell inside the timed loop, and so did TurboFan compiling them
 * (--trace-opt: about ten compiles, 35-65 ms of compiler CPU in a timed window of about 200 ms,
 * against one compile for lru-cache). Section 1b keeps that fresh-process design as a figure.
 */
const WARMUP = Number(process.env.CACHE_BENCH_WARMUP ?? 2 * SKETCH_SAMPLE_FACTOR * CAPACITY);
/** Timed requests per process. */
const TIMED = Number(process.env.CACHE_BENCH_OPS ?? 400_000);
/** The fresh-process design of section 1b: 400k requests, the first 20% untimed. */
const FRESH_WARMUP = 80_000;
const FRESH_TIMED = 320_000;
const SIDES = ['lru-cache', 'memory:lru', 'memory:sieve', 'memory:wtinylfu'] as const;
const SET_SIDES = ['lru-cache', 'memory:lru', 'memory:wtinylfu'] as const;
/** The policies alone (no keys, no values): what the policy costs, apart from the level around it. */
const POLICY_SIDES = ['policy:lru', 'policy:wtinylfu'] as const;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const child = fileURLToPath(new URL('./throughput-child.ts', import.meta.url));
const results: Result[] = [];

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Repetition {
  opsPerSec: number;
  opsPerCpuSec: number;
  hitRatio: number;
}

function repetition(side: string, workload: string, warm: number, timed: number): Repetition {
  // '@perf/source' resolves @perf/cache-tuner to its sources: the children never depend on another package's dist.
  const out = spawnSync(process.execPath, ['--conditions=@perf/source', '--import', 'tsx', child, side, workload, String(CAPACITY), String(warm), String(timed)], { cwd: packageDir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`throughput child ${side} ${workload} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Repetition;
}

/**
 * Runs every side in REPS fresh processes each, sides alternated, and prints and records each
 * side's median against lru-cache's. `label` names the design in the results; `target`: whether
 * the paired ratio carries the ">= 1" verdict.
 */
function throughput(sides: readonly string[], workload: 'mixed' | 'set', warm: number, timed: number, label: string, target: boolean): void {
  const reps = new Map<string, Repetition[]>(sides.map((s) => [s, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? [...sides] : [...sides].reverse();
    for (const side of order) reps.get(side)!.push(repetition(side, workload, warm, timed));
  }
  const cpu = (side: string): number[] => reps.get(side)!.map((r) => r.opsPerCpuSec);
  const lruCache = cpu('lru-cache');
  const reference = median(lruCache);
  const suffix = label === '' ? '' : `, ${label}`;
  console.log(`\n  workload ${workload === 'mixed' ? 'get, set on miss' : 'set only'}${suffix}`);
  console.log(`  ${'side'.padEnd(20)}${'ops/CPU-s'.padStart(14)}${'vs lru-cache'.padStart(14)}${'paired [95%]'.padStart(22)}${'hit ratio'.padStart(11)}   samples`);
  for (const side of sides) {
    const s = cpu(side);
    const m = median(s);
    const hitRatio = reps.get(side)![0].hitRatio;
    const hr = workload === 'mixed' ? fmt(hitRatio, 4) : '';
    // Repetition r of every side ran back to back, so its ratios share that moment's load: the paired estimate drifts less than the ratio of medians.
    const paired = bootstrapPairedRatioInterval(s, lruCache);
    const pairedText = side === 'lru-cache' ? '' : `${fmt(paired.ratio, 2)}x [${fmt(paired.lower, 2)}, ${fmt(paired.upper, 2)}]`;
    console.log(`  ${side.padEnd(20)}${fmt(m).padStart(14)}${(side === 'lru-cache' ? '' : `${fmt(m / reference, 2)}x`).padStart(14)}${pairedText.padStart(22)}${hr.padStart(11)}   ${s.map((x) => fmt(x / 1e6, 2)).join(' ')} M`);
    results.push({ name: `${side} ${workload} throughput (CPU time${suffix})`, unit: 'ops/cpu-s', value: m, kind: 'measured', samples: s });
    const wall = reps.get(side)!.map((r) => r.opsPerSec);
    results.push({ name: `${side} ${workload} throughput (wall time${suffix})`, unit: 'ops/s', value: median(wall), kind: 'measured', samples: wall });
    if (workload === 'mixed') results.push({ name: `${side} Zipf hit ratio${suffix}`, unit: 'ratio', value: hitRatio, kind: 'measured' });
    if (side.startsWith('memory:')) {
      results.push({ name: `${side} / lru-cache ${workload} throughput (CPU time, ratio of medians${suffix})`, unit: 'x', value: m / reference, kind: 'ratio', reference: 'lru-cache 11.5.3' });
      results.push({
        name: `${side} / lru-cache ${workload} throughput (CPU time, paired by repetition, Hodges-Lehmann, 95% bootstrap [${fmt(paired.lower, 3)}, ${fmt(paired.upper, 3)}]${suffix})`,
        unit: 'x', value: paired.ratio, kind: 'ratio', reference: 'lru-cache 11.5.3', ...(target ? { target: '>= 1', pass: paired.ratio >= 1 } : {}),
      });
    }
  }
}

console.log(`\n1. Memory level vs lru-cache 11.5.3: Zipf(0.99) over ${fmt(CAPACITY * 10)} keys, ${fmt(CAPACITY)} entries; in each process ${fmt(WARMUP)} untimed requests, then ${fmt(TIMED)} timed; ${REPS} fresh processes per side, alternated.`);
console.log('   Measured: ops per CPU second of the timed loop (process.cpuUsage, compiler and GC threads included), medians; wall-clock medians are in the JSON.');
throughput([...SIDES, ...POLICY_SIDES], 'mixed', WARMUP, TIMED, '', true);
throughput([...SET_SIDES], 'set', WARMUP, TIMED, '', true);

console.log(`\n1b. A fresh process's first requests (no target): the same, with ${fmt(FRESH_WARMUP)} untimed and ${fmt(FRESH_TIMED)} timed requests; W-TinyLFU's first agings and window moves, and TurboFan compiling them, fall in the timed loop.`);
throughput(['lru-cache', 'memory:wtinylfu'], 'mixed', FRESH_WARMUP, FRESH_TIMED, `fresh process (${fmt(FRESH_WARMUP)} untimed, ${fmt(FRESH_TIMED)} timed)`, false);

function hitRatio(cache: { get(k: string): unknown; set(k: string, v: unknown): unknown }, keys: readonly string[]): number {
  let hits = 0;
  for (const key of keys) {
    if (cache.get(key) === undefined) cache.set(key, 1);
    else hits++;
  }
  return hits / keys.length;
}

console.log('\n2. Hit ratio at equal entry counts: memory level (measured replay: get, set on a miss) vs lru-cache; [sim] = @perf/cache-tuner simulate() on the same trace');
const traces: [string, string[]][] = [
  ['lirs/sprite', lirsTrace('sprite')],
  ['lirs/multi2', lirsTrace('multi2')],
  ['lirs/loop', lirsTrace('loop')],
  ['cache2k/web07', int32Trace('cache2k/web07.trace.gz')],
];
console.log(`  ${'trace'.padEnd(15)}${'size'.padStart(7)}${'lru-cache'.padStart(11)}${POLICY_NAMES.map((p) => p.padStart(10)).join('')}   one truth   wtinylfu vs lru-cache`);
let oneTruth = true;
for (const [name, keys] of traces) {
  const trace = keyTrace(keys);
  for (const fraction of [0.05, 0.2]) {
    const size = Math.max(10, Math.round(trace.uniqueKeys * fraction));
    const reference = hitRatio(new LRUCache<string, number>({ max: size }), keys);
    const ours = POLICY_NAMES.map((policy: PolicyName) => hitRatio(new MemoryLevel({ maxEntries: size, policy }), keys));
    const sim = simulate(trace, { policies: [...POLICY_NAMES], sizes: [size] }).map((row) => row.hits / row.requests);
    const same = ours.every((h, i) => h === sim[i]);
    oneTruth &&= same;
    const w = POLICY_NAMES.indexOf('wtinylfu');
    const simSaysBetter = sim[w] > sim[POLICY_NAMES.indexOf('lru')];
    const verdict = simSaysBetter ? (ours[w] > reference ? 'higher (sim: higher)' : 'NOT higher (sim: higher)') : `sim: not higher (${fmt(ours[w] - reference, 4)})`;
    console.log(`  ${name.padEnd(15)}${String(size).padStart(7)}${fmt(reference, 4).padStart(11)}${ours.map((h) => fmt(h, 4).padStart(10)).join('')}   ${(same ? 'equal' : 'DIFFERS').padEnd(10)}  ${verdict}`);
    results.push({ name: `lru-cache hit ratio ${name} @${size}`, unit: 'ratio', value: reference, kind: 'measured' });
    POLICY_NAMES.forEach((policy, i) => {
      results.push({ name: `memory:${policy} hit ratio ${name} @${size}`, unit: 'ratio', value: ours[i], kind: 'measured', reference: `simulator ${fmt(sim[i], 4)}, lru-cache ${fmt(reference, 4)}` });
    });
    if (simSaysBetter) {
      results.push({ name: `memory:wtinylfu - lru-cache hit ratio ${name} @${size}`, unit: 'ratio', value: ours[w] - reference, kind: 'measured', reference: 'lru-cache 11.5.3', target: '> 0 where the simulator has wtinylfu above lru', pass: ours[w] > reference });
    }
  }
}
results.push({ name: 'memory level hits = simulator hits (all traces, sizes, policies above)', unit: 'bool', value: oneTruth ? 1 : 0, kind: 'measured', target: '1', pass: oneTruth });

console.log('\n3. Executor history rxjs commits 4000-4100 through the disk level eviction model (computed by DiskIndex replay, entries of size 1)');
const history = readExecutorHistory(join(sharedDir(), 'traces', 'executor', 'rxjs.changes.tsv.gz'));
const live = replayExecutor(history, 4000, 4001, { maxBytes: 1e9, eviction: 'lru', generations: 1 }).liveAtStart;
for (const fraction of [0.9, 10]) {
  for (const eviction of ['lru', 'generation'] as const) {
    const r = replayExecutor(history, 4000, 4100, { maxBytes: Math.floor(live * fraction), eviction, generations: 2 });
    console.log(`  budget ${fmt(fraction, 1)} x live set (${live})  ${eviction.padEnd(11)} hit ratio ${fmt(r.hitRatio, 4)}  entries at end ${r.entriesAtEnd}`);
    results.push({ name: `executor rxjs ${eviction} @${fraction}x live hit ratio`, unit: 'ratio', value: r.hitRatio, kind: 'measured' });
  }
}

const INTERLEAVED_PROCESSES = Number(process.env.CACHE_BENCH_INTERLEAVED_PROCESSES ?? 7);
console.log(`\n4. Interleaved: the memory level and lru-cache timed alternately inside each of ${INTERLEAVED_PROCESSES} fresh processes (perf-bench compare's design, bench/interleaved/; 200,000 untimed requests per instance); a flagged result is re-run in as many more processes`);
const interleavedDesigns = [
  ['fresh key strings', 'wtinylfu-fresh-keys.ts', 'lru-cache-fresh-keys.ts', 'each key string built when it is requested, as a tool builds a key per file'],
  ['reused key strings', 'wtinylfu.ts', 'lru-cache.ts', '300,000 key strings in a ring: V8 keeps each one\'s hash, so lru-cache\'s Map skips hashing it'],
] as const;
// The children import TypeScript modules, and the level's dependencies from their sources.
const nodeOptions = process.env.NODE_OPTIONS;
process.env.NODE_OPTIONS = [nodeOptions, '--import tsx', '--conditions=@perf/source'].filter((o) => o !== undefined && o !== '').join(' ');
for (const [design, candidate, reference, how] of interleavedDesigns) {
  const r = await interleavedSideBySide({
    name: `memory:wtinylfu vs lru-cache, ${design}`,
    a: { label: 'memory:wtinylfu', module: pathToFileURL(join(packageDir, 'bench', 'interleaved', candidate)), export: 'default' },
    b: { label: 'lru-cache', module: pathToFileURL(join(packageDir, 'bench', 'interleaved', reference)), export: 'default' },
    processes: INTERLEAVED_PROCESSES,
  });
  const ratios = (r.processRatios ?? []).map((x) => fmt(x, 2)).join(' ');
  const rerun = r.confirmed === undefined ? 'no re-run' : `re-run ${r.confirmed ? 'confirmed it' : 'did not confirm it'}`;
  console.log(`  ${design} (${how}):\n    memory:wtinylfu ${fmt(r.speedup, 2)}x of lru-cache [${fmt(r.interval[0], 2)}, ${fmt(r.interval[1], 2)}], verdict ${r.verdict}, ${rerun}; per-process ratios ${ratios}`);
  results.push({
    name: `memory:wtinylfu / lru-cache interleaved, ${design} (Hodges-Lehmann of per-process ratios, 95% paired bootstrap [${fmt(r.interval[0], 3)}, ${fmt(r.interval[1], 3)}], ${rerun})`,
    unit: 'x', value: r.speedup, kind: 'ratio', reference: 'lru-cache 11.5.3', target: '>= 1', pass: r.speedup >= 1,
  });
}
if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
else process.env.NODE_OPTIONS = nodeOptions;

const out = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cache.json'), JSON.stringify({ package: '@perf/cache', node: process.version, date: new Date().toISOString(), results }, null, 2) + '\n');
console.log(`\nwrote ${join(out, 'cache.json')}`);
