import { loadTrace } from './src/index.ts';
import { stackDistanceHistogram, lruMissRatios } from './src/stack-distance.ts';
import ref from '/work/shared/reference/libcachesim-miss-ratios.json' with { type: 'json' };
const T = '/work/shared/traces/';
for (const [f, format, name] of [['lirs/sprite.trace.gz', 'lirs', 'lirs_sprite'], ['cloud_physics/w106.trace.gz', 'uint32be', 'cloud_physics_w106'], ['scarab/scarab-recs.trace.gz', 'int64be', 'scarab_scarab-recs']]) {
  const t = await loadTrace(T + f, { format });
  const t0 = performance.now(); const c0 = process.cpuUsage();
  const h = stackDistanceHistogram(t);
  const ms = performance.now() - t0; const cpu = process.cpuUsage(c0);
  const lru = (ref as any).traces[name].miss_ratio.LRU as Record<string, number>;
  const sizes = Object.keys(lru).map(Number);
  const mine = lruMissRatios(h, sizes).map((x) => Number(x.toFixed(4)));
  console.log(name, ms.toFixed(0) + 'ms', ((cpu.user + cpu.system) / 1000).toFixed(0) + 'ms cpu', mine, Object.values(lru));
}
