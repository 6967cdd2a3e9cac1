import { loadTrace } from '@perf/workload';
import { missRatioCurve, missRatioAt } from '../src/mrc.js';
import { sizeGrid } from '../src/mrc.js';
for (const [f, fmt] of [['cloud_physics/w106.trace.gz', 'uint32be'], ['scarab/scarab-recs.trace.gz', 'int64be']]) {
  const t = await loadTrace('/work/shared/traces/' + f, { format: fmt });
  let t0 = performance.now();
  const ex = missRatioCurve(t, { method: 'exact' });
  const te = performance.now() - t0;
  const sizes = [1000, 5000, 10000, 25000, 50000, 100000];
  for (const opt of [{ method: 'shards', rate: 0.1 }, { method: 'shards', rate: 0.01 }, { method: 'shards', rate: 0.001 }, { method: 'shards', sampleSize: 8192 }] as const) {
    t0 = performance.now();
    const c = missRatioCurve(t, { ...opt, sizes: sizeGrid(t.uniqueKeys, 64).filter((s) => s >= 1000) });
    const ts = performance.now() - t0;
    let sum = 0, k = 0, none = 0;
    for (const p of c.points) { if (p.missRatio === undefined) { none++; continue; } sum += Math.abs(p.missRatio - missRatioAt(ex, p.size)!); k++; }
    const c2 = missRatioCurve(t, { ...opt, sizes });
    console.log(f, JSON.stringify(opt), `exact ${te.toFixed(0)}ms shards ${ts.toFixed(0)}ms MAE ${(sum / k).toFixed(4)} over ${k} (${none} withheld)`, c2.points.map((p) => `${p.size}:${p.missRatio?.toFixed(4) ?? 'n/a'}±${p.errorBound?.toFixed(3) ?? ''} (ex ${missRatioAt(ex, p.size)!.toFixed(4)})`).join(' '));
  }
}
