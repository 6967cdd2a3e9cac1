// One process of the interleaved experiment (bench/experiment.ts --design interleaved): loads the four
// benchmarks twice (src/experiment-tasks.ts, two module instances), side a with work scale argv[2], side b
// with argv[3], and times each benchmark's two sides alternately (measureInterleaved), benchmarks in a
// shuffled order (seed argv[4]), side a first in odd seeds; argv[7] = module instances per side (each its own
// import of the module). Prints per benchmark a's and b's throughput, the per-process ratio a/b
// (measureInterleaved: median batch ratio) and, for comparison, the ratio of the two sides' throughputs.
import { measureInterleaved } from './interleave.js';
import { mulberry32, shuffled } from './stats.js';
import type * as TasksModule from './experiment-tasks.js';

const [scaleA, scaleB, seed, batches, batchTime, instances] = process.argv.slice(2, 8).map(Number);
const load = async (side: string, scale: number): Promise<typeof TasksModule> => {
  const m = (await import(new URL(`./experiment-tasks.js?side=${side}`, import.meta.url).href)) as typeof TasksModule;
  m.setScale(scale);
  return m;
};
const count = Number.isInteger(instances) && instances > 0 ? instances : 1;
const a: (typeof TasksModule)[] = [];
const b: (typeof TasksModule)[] = [];
for (let i = 0; i < count; i++) { a.push(await load(`a${i}`, scaleA)); b.push(await load(`b${i}`, scaleB)); }
const out: Record<string, { a: number; b: number; ratio: number; minRatio: number }> = {};
for (const name of shuffled(Object.keys(a[0].tasks), mulberry32(seed))) {
  const m = await measureInterleaved(a.map((x) => x.tasks[name]), b.map((x) => x.tasks[name]), { batches, batchTime, first: seed % 2 === 1 ? 'a' : 'b' });
  out[name] = { a: m.a, b: m.b, ratio: m.ratio, minRatio: m.a / m.b };
}
process.stdout.write(`${JSON.stringify({ sink: [...a, ...b].reduce((s, x) => s + x.sinkBit(), 0) % 2, results: out })}\n`);
