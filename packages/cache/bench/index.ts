// @perf/cache bench.
// 1. Throughput: the memory level vs lru-cache on one Zipf workload (alpha 0.99, 100k keys,
//    10k entries), each repetition a fresh process, sides alternated, medians and ratios;
//    'policy:*' is the @perf/cache-tuner policy alone on dense ids (what the policy itself
//    costs). bench/interleaved/ has the same workload as modules for `perf-bench compare`.
// 2. Hit ratio vs lru-cache at equal entry counts on shared traces (deterministic replays),
//    and the @perf/cache-tuner simulator's figure for the same policy and size.
// 3. Executor history (rxjs): the disk level's eviction model, LRU vs generation.
// Writes <repo root>/bench-results/cache.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import { bootstrapPairedRatioInterval } from '@perf/bench';
import { simulate } from '@perf/cache-tuner';
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
const OPS = Number(process.env.CACHE_BENCH_OPS ?? 400_000);
const SIDES = ['lru-cache', 'memory:lru', 'memory:sieve', 'memory:wtinylfu'] as const;
const SET_SIDES = ['lru-cache', 'memory:lru', 'memory:wtinylfu'] as const;
/** The policies alone (no keys, no values): what the policy costs, apart from the level around it. */
const POLICY_SIDES = ['policy:lru', 'policy:wtinylfu'] as const;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const child = fileURLToPath(new URL('./throughput-child.ts', import.meta.url));
const results: Result[] = [];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const hitRatios = new Map<string, number>();
const wallSamples = new Map<string, number[]>();
function repetition(side: string, workload: string): number {
  // '@perf/source' resolves @perf/cache-tuner to its sources: the children never depend on another package's dist.
  const out = spawnSync(process.execPath, ['--conditions=@perf/source', '--import', 'tsx', child, side, workload, String(CAPACITY), String(OPS)], { cwd: packageDir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`throughput child ${side} ${workload} failed: ${out.stderr}`);
  const { opsPerSec, opsPerCpuSec, hitRatio } = JSON.parse(out.stdout) as { opsPerSec: number; opsPerCpuSec: number; hitRatio: number };
  if (workload === 'mixed') hitRatios.set(side, hitRatio);
  (wallSamples.get(`${side} ${workload}`) ?? wallSamples.set(`${side} ${workload}`, []).get(`${side} ${workload}`)!).push(opsPerSec);
  return opsPerCpuSec;
}

console.log(`\n1. Memory level vs lru-cache 11.5.3: Zipf(0.99) over ${fmt(CAPACITY * 10)} keys, ${fmt(CAPACITY)} entries, ${fmt(OPS)} ops (first 20% warm-up), ${REPS} fresh processes per side, alternated.`);
console.log('   Measured: ops per CPU second of the timed loop (process.cpuUsage), medians; wall-clock medians are in the JSON.');
for (const workload of ['mixed', 'set'] as const) {
  const sides: string[] = workload === 'mixed' ? [...SIDES, ...POLICY_SIDES] : [...SET_SIDES];
  const samples = new Map<string, number[]>(sides.map((s) => [s, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? [...sides] : [...sides].reverse();
    for (const side of order) samples.get(side)!.push(repetition(side, workload));
  }
  const reference = median(samples.get('lru-cache')!);
  console.log(`\n  workload ${workload === 'mixed' ? 'get, set on miss' : 'set only'}`);
  const lruCache = samples.get('lru-cache')!;
  console.log(`  ${'side'.padEnd(20)}${'ops/CPU-s'.padStart(14)}${'vs lru-cache'.padStart(14)}${'paired [95%]'.padStart(22)}${'hit ratio'.padStart(11)}   samples`);
  for (const side of sides) {
    const s = samples.get(side)!;
    const m = median(s);
    const hr = workload === 'mixed' ? fmt(hitRatios.get(side)!, 4) : '';
    // Repetition r of every side ran back to back, so its ratios share that moment's load: the paired estimate drifts less than the ratio of medians.
    const paired = bootstrapPairedRatioInterval(s, lruCache);
    const pairedText = side === 'lru-cache' ? '' : `${fmt(paired.ratio, 2)}x [${fmt(paired.lower, 2)}, ${fmt(paired.upper, 2)}]`;
    console.log(`  ${side.padEnd(20)}${fmt(m).padStart(14)}${(side === 'lru-cache' ? '' : `${fmt(m / reference, 2)}x`).padStart(14)}${pairedText.padStart(22)}${hr.padStart(11)}   ${s.map((x) => fmt(x / 1e6, 2)).join(' ')} M`);
    results.push({ name: `${side} ${workload} throughput (CPU time)`, unit: 'ops/cpu-s', value: m, kind: 'measured', samples: s });
    const wall = wallSamples.get(`${side} ${workload}`)!;
    results.push({ name: `${side} ${workload} throughput (wall time)`, unit: 'ops/s', value: median(wall), kind: 'measured', samples: wall });
    if (workload === 'mixed') results.push({ name: `${side} Zipf hit ratio`, unit: 'ratio', value: hitRatios.get(side)!, kind: 'measured' });
    if (side.startsWith('memory:')) {
      results.push({ name: `${side} / lru-cache ${workload} throughput (CPU time, ratio of medians)`, unit: 'x', value: m / reference, kind: 'ratio', reference: 'lru-cache 11.5.3' });
      results.push({
        name: `${side} / lru-cache ${workload} throughput (CPU time, paired by repetition, Hodges-Lehmann, 95% bootstrap [${fmt(paired.lower, 3)}, ${fmt(paired.upper, 3)}])`,
        unit: 'x', value: paired.ratio, kind: 'ratio', reference: 'lru-cache 11.5.3', target: '>= 1', pass: paired.ratio >= 1,
      });
    }
  }
}

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

const out = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cache.json'), JSON.stringify({ package: '@perf/cache', node: process.version, date: new Date().toISOString(), results }, null, 2) + '\n');
console.log(`\nwrote ${join(out, 'cache.json')}`);
