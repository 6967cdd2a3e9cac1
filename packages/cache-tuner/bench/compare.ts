// Prints this package's miss ratios next to libCacheSim's reference table (a check, not a benchmark).
import { readFileSync } from 'node:fs';
import { loadTrace } from '@perf/workload';
import { simulate } from '../src/index.js';

const shared = process.env.PERF_SHARED_DIR ?? new URL('../../../../shared/', import.meta.url).pathname;
const ref = JSON.parse(readFileSync(`${shared}/reference/libcachesim-miss-ratios.json`, 'utf8')) as {
  traces: Record<string, { miss_ratio: Record<string, Record<string, number>> }>;
};
const map: Record<string, string> = { LRU: 'lru', FIFO: 'fifo', CLOCK: 'clock', ARC: 'arc', LIRS: 'lirs', '2Q': '2q', SIEVE: 'sieve', 'S3-FIFO': 's3fifo', 'W-TinyLFU(1%)': 'wtinylfu-1', LFU: 'lfu', 'Belady(OPT)': 'belady' };
const files: Record<string, [string, string]> = {
  lirs_sprite: ['lirs/sprite.trace.gz', 'lirs'],
  cloud_physics_w106: ['cloud_physics/w106.trace.gz', 'uint32be'],
  scarab_scarab_recs: ['scarab/scarab-recs.trace.gz', 'int64be'],
};
const only = process.argv.slice(2);
for (const [name, data] of Object.entries(ref.traces)) {
  const key = name.replace(/-/g, '_');
  if (only.length > 0 && !only.some((o) => key.includes(o))) continue;
  const [file, format] = files[key];
  const trace = await loadTrace(`${shared}/traces/${file}`, { format });
  const pols = (process.env.POLICIES?.split(',') ?? Object.keys(data.miss_ratio).map((k) => map[k])).filter(Boolean);
  for (const [refName, bySize] of Object.entries(data.miss_ratio)) {
    const policy = map[refName];
    if (!pols.includes(policy)) continue;
    const sizes = Object.keys(bySize).map(Number);
    const t0 = performance.now();
    const rows = simulate(trace, { policies: [policy], sizes });
    const ms = performance.now() - t0;
    const cells = rows.map((r) => {
      const want = bySize[String(r.size)];
      const d = r.missRatio - want;
      return `${r.size}: ${r.missRatio.toFixed(4)} vs ${want.toFixed(4)} (${d >= 0 ? '+' : ''}${d.toFixed(4)})`;
    });
    console.log(`${key} ${policy.padEnd(10)} ${cells.join(' | ')} [${ms.toFixed(0)} ms]`);
  }
  if (pols.includes('wtinylfu')) {
    const sizes = Object.keys(Object.values(data.miss_ratio)[0]).map(Number);
    const rows = simulate(trace, { policies: ['wtinylfu'], sizes });
    const cells = rows.map((r) => {
      let best = 1;
      for (const [refName, bySize] of Object.entries(data.miss_ratio)) if (refName !== 'Belady(OPT)') best = Math.min(best, bySize[String(r.size)]);
      const d = r.missRatio - best;
      return `${r.size}: ${r.missRatio.toFixed(4)} vs best ${best.toFixed(4)} (${d >= 0 ? '+' : ''}${d.toFixed(4)})`;
    });
    console.log(`${key} wtinylfu   ${cells.join(' | ')}`);
  }
}
