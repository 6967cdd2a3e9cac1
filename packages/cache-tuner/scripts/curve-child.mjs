// One process of the curve bench: `node curve-child.mjs <trace> <format> <rounds>`. Times the exact LRU
// curve and SHARDS at rate 0.01 (both estimators) alternately, in a process holding only the trace,
// and prints the times and each estimator's mean absolute error at sizes >= 1000 (default seed).
import { loadTrace } from '@perf/workload';
import { missRatioAt, missRatioCurve, sizeGrid } from '../dist/index.js';

const [path, format, roundsText] = process.argv.slice(2);
const trace = await loadTrace(path, { format });
const grid = sizeGrid(trace.uniqueKeys, 64).filter((s) => s >= 1000);
const estimators = ['post-stratified', 'plain'];
const shards = (estimator) => missRatioCurve(trace, { method: 'shards', rate: 0.01, sizes: grid, estimator });
let exact = missRatioCurve(trace, { method: 'exact' });
for (const e of estimators) shards(e);
const out = { exactMs: [], shardsMs: Object.fromEntries(estimators.map((e) => [e, []])), mae: {} };
for (let r = 0; r < Number(roundsText); r++) {
  let t0 = performance.now();
  exact = missRatioCurve(trace, { method: 'exact' });
  out.exactMs.push(performance.now() - t0);
  for (const e of r % 2 === 0 ? estimators : [...estimators].reverse()) {
    t0 = performance.now();
    shards(e);
    out.shardsMs[e].push(performance.now() - t0);
  }
}
for (const e of estimators) {
  const points = shards(e).points.filter((p) => p.missRatio !== undefined);
  out.mae[e] = points.reduce((s, p) => s + Math.abs(p.missRatio - missRatioAt(exact, p.size)), 0) / Math.max(1, points.length);
}
process.stdout.write(JSON.stringify(out) + '\n');
