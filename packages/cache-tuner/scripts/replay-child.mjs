// One whole-process replay (reading included) for the side-by-side bench: `node replay-child.mjs <side> <trace> <format> <size>`.
// Runs compiled code (dist/), as a user of the published packages would.
import { loadTrace } from '@perf/workload';

const [side, path, format, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const t0 = performance.now();
const trace = await loadTrace(path, { format });
const loadMs = performance.now() - t0;
const ids = trace.ids;
let hits = 0;
if (side === 'lru-cache') {
  const { LRUCache } = await import('lru-cache');
  const cache = new LRUCache({ max: size });
  for (let i = 0; i < ids.length; i++) {
    const key = ids[i];
    if (cache.get(key) !== undefined) hits++;
    else cache.set(key, 1);
  }
} else {
  const { createPolicy } = await import('../dist/index.js');
  const policy = createPolicy(side, { capacity: size, maxIdHint: trace.uniqueKeys + 1 });
  hits = policy.replay(ids);
}
process.stdout.write(JSON.stringify({ hits, requests: ids.length, loadMs, replayMs: performance.now() - t0 - loadMs }) + '\n');
