// @perf/cache bench.
// 1. Throughput: the memory level vs lru-cache on one Zipf workload (alpha 0.99, 100k keys,
//    10k entries), each repetition a fresh process, sides alternated, medians and ratios.
// 2. Hit ratio vs lru-cache at equal entry counts on shared traces (deterministic replays).
// 3. Executor history (rxjs): the disk level's eviction model, LRU vs generation.
// Writes <repo root>/bench-results/cache.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import { MemoryLevel, POLICY_NAMES } from '../src/index.js';
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

const REPS = Number(process.env.CACHE_BENCH_REPS ?? 5);
const CAPACITY = 10_000;
const OPS = 1_000_000;
const SIDES = ['lru-cache', 'memory:lru', 'memory:wtinylfu'] as const;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const child = fileURLToPath(new URL('./throughput-child.ts', import.meta.url));
const results: Result[] = [];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function repetition(side: string, workload: string): number {
  const out = spawnSync(process.execPath, ['--import', 'tsx', child, side, workload, String(CAPACITY), String(OPS)], { cwd: packageDir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`throughput child ${side} ${workload} failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { opsPerSec: number }).opsPerSec;
}

console.log(`\n1. Memory level vs lru-cache 11.5.3: Zipf(0.99) over ${fmt(CAPACITY * 10)} keys, ${fmt(CAPACITY)} entries, ${fmt(OPS)} ops (first 20% warm-up), ${REPS} fresh processes per side, alternated (measured, medians)`);
for (const workload of ['mixed', 'set'] as const) {
  const samples = new Map<string, number[]>(SIDES.map((s) => [s, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? [...SIDES] : [...SIDES].reverse();
    for (const side of order) samples.get(side)!.push(repetition(side, workload));
  }
  const reference = median(samples.get('lru-cache')!);
  console.log(`\n  workload ${workload === 'mixed' ? 'get, set on miss' : 'set only'}`);
  console.log(`  ${'side'.padEnd(18)}${'median ops/s'.padStart(14)}${'vs lru-cache'.padStart(14)}   samples`);
  for (const side of SIDES) {
    const s = samples.get(side)!;
    const m = median(s);
    console.log(`  ${side.padEnd(18)}${fmt(m).padStart(14)}${(side === 'lru-cache' ? '' : `${fmt(m / reference, 2)}x`).padStart(14)}   ${s.map((x) => fmt(x / 1e6, 2)).join(' ')} M`);
    results.push({ name: `${side} ${workload} throughput`, unit: 'ops/s', value: m, kind: 'measured', samples: s });
    if (side !== 'lru-cache') {
      const ratio = m / reference;
      results.push({ name: `${side} / lru-cache ${workload} throughput`, unit: 'x', value: ratio, kind: 'ratio', reference: 'lru-cache 11.5.3', target: '>= 1', pass: ratio >= 1 });
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

console.log('\n2. Hit ratio at equal entry counts (measured by replaying each trace once: get, set on miss)');
const traces: [string, string[]][] = [
  ['lirs/sprite', lirsTrace('sprite')],
  ['lirs/multi2', lirsTrace('multi2')],
  ['lirs/loop', lirsTrace('loop')],
  ['cache2k/web07', int32Trace('cache2k/web07.trace.gz')],
];
console.log(`  ${'trace'.padEnd(15)}${'size'.padStart(7)}${'lru-cache'.padStart(11)}${POLICY_NAMES.map((p) => p.padStart(10)).join('')}`);
for (const [name, keys] of traces) {
  const unique = new Set(keys).size;
  for (const fraction of [0.05, 0.2]) {
    const size = Math.max(10, Math.round(unique * fraction));
    const reference = hitRatio(new LRUCache<string, number>({ max: size }), keys);
    const ours = POLICY_NAMES.map((policy: PolicyName) => hitRatio(new MemoryLevel({ maxEntries: size, policy }), keys));
    console.log(`  ${name.padEnd(15)}${String(size).padStart(7)}${fmt(reference, 4).padStart(11)}${ours.map((h) => fmt(h, 4).padStart(10)).join('')}`);
    results.push({ name: `lru-cache hit ratio ${name} @${size}`, unit: 'ratio', value: reference, kind: 'measured' });
    POLICY_NAMES.forEach((policy, i) => {
      results.push({ name: `memory:${policy} hit ratio ${name} @${size}`, unit: 'ratio', value: ours[i], kind: 'measured', reference: `lru-cache ${fmt(reference, 4)}` });
    });
  }
}

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
