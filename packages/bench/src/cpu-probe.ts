// Probe child of `pickCpu`: one short throughput measurement of a small mixed workload (JSON round
// trip, Map updates, a sort: allocation and cache traffic, where a contended CPU shows), printed as
// the JSON line `runChild` reads.
import { emitMeasurement } from './child.js';
import { measureThroughput } from './measure.js';

const time = Number(process.argv[2] ?? '80');
const text = JSON.stringify({ rows: Array.from({ length: 40 }, (_, i) => ({ id: i, name: `n${i}`, v: i * 1.5 })) });
const numbers = Array.from({ length: 300 }, (_, i) => (i * 7919) % 1009);
let sink = 0;
const value = await measureThroughput(() => {
  const m = new Map<number, number>();
  for (let i = 0; i < 300; i++) m.set(i, (m.get((i * 7) % 300) ?? 0) + 1);
  sink += (JSON.parse(text) as { rows: unknown[] }).rows.length + numbers.slice().sort((a, b) => a - b)[0] + m.size;
}, { time, warmupTime: 20 });
emitMeasurement({ value, sink: sink % 2 });
