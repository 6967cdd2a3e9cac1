// One repetition in a fresh process: replays a Zipf key sequence through one cache as
// "get, and set on a miss" (mixed) or as sets only, untimed for the first <warmup> requests and
// timed for the next <timed>, and prints {opsPerSec, opsPerCpuSec, hitRatio} of the timed ones as JSON.
//   throughput-child.ts <impl> <workload> <capacity> <warmup> <timed>
//   impl: lru-cache | memory:<policy>[:r<rememberKeys>] | policy:<policy> (the @perf/cache-tuner policy alone, on dense ids, no keys or values)
//   workload: mixed | set
import { createPolicy } from '@perf/cache-tuner';
import { LRUCache } from 'lru-cache';
// The memory level's own module: no need to load the Redis client in every child.
import { MemoryLevel } from '../src/memory.js';
import type { PolicyName } from '../src/policy.js';
import { zipfIds } from './zipf.js';

interface Side {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

const [impl = 'lru-cache', workload = 'mixed', capacityArg = '10000', warmArg = '200000', timedArg = '400000'] = process.argv.slice(2);
const capacity = Number(capacityArg);
const warm = Number(warmArg);
const ops = warm + Number(timedArg);
const ids = zipfIds(ops, capacity * 10, 0.99, 42);
const keys = Array.from(ids, (id) => `key:${id}`);
const value = { payload: 1 };

function make(): Side {
  if (impl === 'lru-cache') return new LRUCache<string, object>({ max: capacity });
  // memory:<policy> or memory:<policy>:r<rememberKeys>
  const [, policy, remember] = impl.split(':');
  return new MemoryLevel({ maxEntries: capacity, policy: policy as PolicyName, ...(remember === undefined ? {} : { rememberKeys: Number(remember.slice(1)) }) });
}

function run(side: Side, from: number, to: number): number {
  let hits = 0;
  if (workload === 'set') {
    for (let i = from; i < to; i++) side.set(keys[i], value);
    return 0;
  }
  for (let i = from; i < to; i++) {
    const key = keys[i];
    if (side.get(key) === undefined) side.set(key, value);
    else hits++;
  }
  return hits;
}

function runPolicy(): (from: number, to: number) => number {
  const dense = new Map<number, number>();
  const denseIds = Uint32Array.from(ids, (id) => {
    let d = dense.get(id);
    if (d === undefined) dense.set(id, (d = dense.size));
    return d;
  });
  const policy = createPolicy(impl.slice('policy:'.length), { capacity, maxIdHint: dense.size, onEvict: () => {} });
  return (from, to) => {
    let hits = 0;
    for (let i = from; i < to; i++) if (policy.access(denseIds[i])) hits++;
    return hits;
  };
}

let runner: (from: number, to: number) => number;
if (impl.startsWith('policy:')) {
  runner = runPolicy();
} else {
  const side = make();
  runner = (from, to) => run(side, from, to);
}
runner(0, warm);
// With CACHE_BENCH_MARK set, a line on stderr marks where timing starts in --trace-opt, --trace-deopt or --trace-gc output.
if (process.env.CACHE_BENCH_MARK) process.stderr.write('=== timing starts\n');
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const hits = runner(warm, ops);
const cpu = process.cpuUsage(cpuStart);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// Ops per CPU second is what the comparison uses: on a shared, loaded machine, wall time mostly measures the scheduler.
process.stdout.write(JSON.stringify({ opsPerSec: (ops - warm) / seconds, opsPerCpuSec: (ops - warm) / cpuSeconds, hitRatio: hits / (ops - warm) }) + '\n');
