import { loadTrace } from '@perf/workload';
import { WTinyLfuPolicy } from '../src/policies/wtinylfu.js';
const best: Record<string, Record<number, number>> = {
  sprite: { 100: 0.7077, 500: 0.2106, 1000: 0.0936, 2000: 0.0652 },
  w106: { 1000: 0.2341, 5000: 0.1597, 25000: 0.0757, 100000: 0.0569 },
  scarab: { 1000: 0.6476, 10000: 0.4653, 50000: 0.3024, 100000: 0.2392 },
};
const files: Record<string, [string, string]> = { sprite: ['lirs/sprite.trace.gz', 'lirs'], w106: ['cloud_physics/w106.trace.gz', 'uint32be'], scarab: ['scarab/scarab-recs.trace.gz', 'int64be'] };
const traces = (process.env.TR ?? 'sprite,scarab').split(',');
const configs = JSON.parse(process.env.CFG ?? '[[1,0.0625,0.98,0.05]]') as number[][];
const loaded: Record<string, Awaited<ReturnType<typeof loadTrace>>> = {};
for (const t of traces) loaded[t] = await loadTrace('/work/shared/traces/' + files[t][0], { format: files[t][1] });
for (const [shadowEntries, initialStep, minStep, decay, periodFactor, initialShare] of configs) {
  const out: string[] = [];
  let worst = -1;
  for (const t of traces) {
    for (const [size, b] of Object.entries(best[t])) {
      const p = new WTinyLfuPolicy({ capacity: Number(size), maxIdHint: loaded[t].uniqueKeys }, true, { shadowEntries: shadowEntries, initialStep: initialStep, minStep: minStep, decay: decay, periodFactor: periodFactor, initialShare: initialShare });
      const m = 1 - p.replay(loaded[t].ids) / loaded[t].requests;
      worst = Math.max(worst, m - b);
      out.push(`${t}@${size} ${(m - b).toFixed(4)} w=${(p.windowSize / Number(size)).toFixed(2)}`);
    }
  }
  console.log(JSON.stringify([shadowEntries, initialStep, minStep, decay, periodFactor, initialShare]), 'worst', worst.toFixed(4), out.join(' | '));
}
