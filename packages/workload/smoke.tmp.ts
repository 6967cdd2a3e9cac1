import { analyzeTrace, generateTrace, loadTrace } from './src/index.ts';
for (const g of [{ kind: 'scan', requests: 50000 }, { kind: 'loop', requests: 50000, keys: 500 }, { kind: 'zipf', requests: 100000, keys: 5000, alpha: 0.8 }, { kind: 'zipf', requests: 100000, keys: 5000, alpha: 1.2 }, { kind: 'uniform', requests: 100000, keys: 2000 }] as const) {
  const a = analyzeTrace(generateTrace(g));
  console.log(g.kind, a.pattern.kind, a.pattern.confidence.toFixed(2), a.pattern.reason);
}
for (const f of ['lirs/loop.trace.gz', 'lirs/scan.trace.gz', 'lirs/sprite.trace.gz', 'lirs/zigzag.trace.gz']) {
  const a = analyzeTrace(await loadTrace('/work/shared/traces/' + f, { format: 'lirs' }));
  console.log(f, a.pattern.kind, a.pattern.confidence.toFixed(2), a.pattern.reason, a.hotKeys.slice(0, 2), a.hotKeysErrorBound);
}
