// One process of the experiment (bench/experiment.ts): runs four small benchmarks (shuffled order) with their work
// multiplied by `scale` (1 = identical code, 1.15 = an injected 15% slowdown) and prints, per
// benchmark, throughput from tinybench's median, minimum and mean latency, and a calibration figure.
import { Bench } from 'tinybench';
import { mulberry32, shuffled } from './stats.js';

const scale = Number(process.argv[2] ?? '1');
const seed = Number(process.argv[3] ?? '1');
const time = Number(process.argv[4] ?? '100');

const rand = mulberry32(12345);
const numbers = Array.from({ length: 400 }, () => rand());
const doc = { users: Array.from({ length: 40 }, (_, i) => ({ id: i, name: `user${i}`, tags: ['a', 'b', 'c'], score: i * 1.5 })) };
const text = JSON.stringify(doc);
const keys = Array.from({ length: 500 }, (_, i) => `k${i}`);
// every base count is 20, so scale 1.15 gives exactly 23 (15% more work); other scales round
const reps = (base: number): number => Math.round(base * scale);

let sink = 0;
const tasks: Record<string, () => void> = {
  'fnv-hash': () => {
    let h = 0x811c9dc5;
    for (let r = 0, n = reps(20); r < n; r++) for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    sink ^= h;
  },
  'sort-numbers': () => {
    for (let r = 0, n = reps(20); r < n; r++) sink += numbers.slice().sort((a, b) => a - b)[0];
  },
  'json-roundtrip': () => {
    for (let r = 0, n = reps(20); r < n; r++) sink += (JSON.parse(JSON.stringify(JSON.parse(text))) as typeof doc).users.length;
  },
  'map-get-set': () => {
    const m = new Map<string, number>();
    for (let r = 0, n = reps(20); r < n; r++) for (let i = 0; i < keys.length; i++) m.set(keys[i], (m.get(keys[(i * 7) % keys.length]) ?? 0) + 1);
    sink += m.size;
  },
};

// Calibration: fixed work (never scaled), timed right before each benchmark in the same process, so
// that a process slowed as a whole (contention, a busy sibling hyperthread) shows in both.
const calibrate = async (): Promise<number> => {
  const bench = new Bench({ time: 30, warmupTime: 10, throws: true });
  bench.add('calibration', () => {
    let x = 2463534242;
    for (let i = 0; i < 20_000; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
    sink ^= x;
  });
  await bench.run();
  const r = bench.tasks[0].result;
  return r.state === 'completed' ? 1000 / (r.latency.min > 0 ? r.latency.min : r.latency.p50) : Number.NaN;
};

const out: Record<string, { median: number; min: number; mean: number; calibration: number }> = {};
for (const name of shuffled(Object.keys(tasks), mulberry32(seed))) {
  const calibration = await calibrate();
  const bench = new Bench({ time, warmupTime: 30, throws: true });
  bench.add(name, tasks[name]);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
  // throughput in calls per second of the *unscaled* call, so a slower variant shows lower figures
  out[name] = { median: 1000 / r.latency.p50, min: 1000 / (r.latency.min > 0 ? r.latency.min : r.latency.p50), mean: 1000 / r.latency.mean, calibration };
}
process.stdout.write(`${JSON.stringify({ sink: sink % 2, results: out })}\n`);
