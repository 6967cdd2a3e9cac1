import { barChart, escapeHtml, lineChart, type Series } from './svg.js';
import { uslSpeedup } from './estimate.js';
import type { TuneResult } from './types.js';

/** A self-contained HTML page (inline SVG, no scripts) with the plots a person wants to look at. */
export function renderReport(result: TuneResult, generatedAt = new Date()): string {
  const sections: string[] = [];
  const { evidence, optimalConfig: config } = result;
  const est = result.estimatedSpeedup;
  const measured = result.measuredSpeedup;
  sections.push(`<section id="summary"><h2>Summary</h2><table>
<tr><th>profile</th><td>${escapeHtml(result.profileName)} <small>(${escapeHtml(evidence.profileSelection.rule)})</small></td></tr>
<tr><th>target</th><td>${escapeHtml(result.targetMetric)}</td></tr>
<tr><th>machine</th><td>${evidence.system.effectiveCores} effective cores, ${(evidence.system.memoryLimitBytes / 2 ** 30).toFixed(1)} GiB memory limit, ${escapeHtml(evidence.system.systemType)} <small>(measured by @perf/system-probe)</small></td></tr>
<tr><th>workers</th><td>${config.parallel.maxWorkers} (${escapeHtml(config.parallel.mode)}, batch ${config.parallel.batchSize}) <small>${escapeHtml(config.parallel.source)}: ${escapeHtml(config.parallel.reason)}</small></td></tr>
<tr><th>cache</th><td>${config.cache.levels.map((l) => `${l.name} ${l.type} ${formatBytes(l.maxBytes)}${l.maxEntries ? ` / ${l.maxEntries} entries` : ''}`).join(', ')}, policy ${escapeHtml(config.cache.policy)} <small>(${escapeHtml(config.cache.source)})</small></td></tr>
<tr><th>estimated speedup</th><td id="estimated">${est.speedup.toFixed(2)}x <small>model ${escapeHtml(est.model)}: ${escapeHtml(est.formula)}</small></td></tr>
<tr><th>measured speedup</th><td id="measured">${measured ? `${measured.value.toFixed(2)}x <small>${escapeHtml(measured.how)}</small>` : 'not measured (run with benchmarks)'}</td></tr>
</table></section>`);

  const curves = evidence.cacheCurves;
  if (curves) {
    const series: Series[] = curves.curves.map((c) => ({ name: c.policy, points: c.points.map((p) => [p.size, p.missRatio] as const) }));
    sections.push(`<section id="mrc"><h2>Miss-ratio curves</h2><p>Trace ${escapeHtml(curves.trace)}, ${curves.requests.toLocaleString('en-US')} requests, simulated (every request replayed through each policy).</p>${lineChart({
      title: 'Miss ratio by cache size', xLabel: 'cache size (objects, log scale)', yLabel: 'miss ratio', series, logX: true, yMin: 0, yMax: 1,
      markers: [{ x: curves.chosenSize, label: `chosen: ${curves.chosenPolicy} @ ${curves.chosenSize}` }],
    })}</section>`);
  }

  const scaling = evidence.workerScaling;
  if (scaling) {
    const series: Series[] = [{ name: 'measured', points: scaling.points.map((p) => [p.workers, p.throughput] as const), dots: true }];
    const usl = scaling.usl;
    if (usl) {
      const maxN = Math.max(...scaling.points.map((p) => p.workers), scaling.recommendedWorkers, 1);
      const fitted: [number, number][] = [];
      for (let n = 1; n <= maxN; n += Math.max(1, Math.floor(maxN / 40))) fitted.push([n, usl.lambda * uslSpeedup(n, usl.sigma, usl.kappa)]);
      series.push({ name: `USL fit (R² ${usl.r2.toFixed(3)})`, points: fitted, dashed: true });
    }
    sections.push(`<section id="workers"><h2>Worker scaling</h2><p>Task ${escapeHtml(scaling.task)}: measured throughput by pool size, and the fitted Universal Scalability Law curve.${scaling.mainThreadThroughput === undefined ? '' : ` Main thread: ${scaling.mainThreadThroughput.toFixed(1)} tasks/s (measured).`}</p>${lineChart({
      title: 'Throughput by worker count', xLabel: 'workers', yLabel: 'tasks / s', series, yMin: 0,
      markers: [{ x: scaling.recommendedWorkers, label: `recommended: ${scaling.recommendedWorkers}` }],
    })}</section>`);
  }

  if (evidence.benchmarks && evidence.benchmarks.length > 0) {
    const bars = evidence.benchmarks.flatMap((b) => [
      { label: `${b.name}: baseline`, value: b.baselineMs },
      { label: `${b.name}: tuned`, value: b.tunedMs, note: `(${b.speedup.toFixed(2)}x)` },
    ]);
    sections.push(`<section id="bench"><h2>Benchmark comparison</h2><p>Median wall time over fresh processes, measured.</p>${barChart('Baseline vs tuned', 'ms', bars)}</section>`);
  }

  if (result.recommendations.length > 0) {
    sections.push(`<section id="recommendations"><h2>Recommendations</h2><ul>${result.recommendations.map((r) => `<li>${escapeHtml(r.message)} <small>${escapeHtml(JSON.stringify(r.evidence))}</small></li>`).join('')}</ul></section>`);
  }

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>perf-tune report</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}th{text-align:left;padding-right:1em;vertical-align:top}td,th{padding:4px}small{color:#666}section{margin-bottom:2em}</style>
</head><body><h1>perf-tune report</h1><p><small>generated ${escapeHtml(generatedAt.toISOString())}</small></p>
${sections.join('\n')}
</body></html>
`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(0)} KiB`;
  return `${bytes} B`;
}
