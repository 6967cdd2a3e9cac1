// @perf/monitor bench: the monitor's own CPU at a 1 s interval, against the same program without it.
//
// Side by side, alternating, fresh processes: bench/fixtures/overhead-child.mjs runs steady light
// work (or, the most sensitive case, nothing at all) for MEASURE_SECONDS after a 1 s warm-up, with
// or without a started monitor, and reports process CPU ms per wall second. Overhead (% of one core) = (median with − median without) / 10.
// Also measured in this process: the CPU cost of one window close (monitor.sample()) and of one
// Prometheus scrape of the monitor's families.
import { Registry } from 'prom-client';
import { formatNumber, median, sideBySide, sideBySideResults, writeBenchReport } from '@perf/bench';
import type { BenchResult } from '@perf/bench';
import { createMonitor, defaultResolutionMs } from '../src/index.js';

const PROCESSES = Number(process.env.MONITOR_BENCH_PROCESSES ?? 5);
const MEASURE_SECONDS = Number(process.env.MONITOR_BENCH_SECONDS ?? 3);
const INTERVAL_MS = 1000;
const TARGET_PERCENT = 1;
const child = new URL('./fixtures/overhead-child.mjs', import.meta.url);

async function overhead(load: 'light' | 'bare', resolutionMs = defaultResolutionMs(INTERVAL_MS), processes = PROCESSES): Promise<BenchResult[]> {
  const program = `${load === 'light' ? 'steady light work' : 'bare program (no work, no timers)'}, delay resolution ${resolutionMs} ms`;
  const args = (mode: string): string[] => [mode, String(MEASURE_SECONDS), String(INTERVAL_MS), load, String(resolutionMs)];
  process.stdout.write(`${program}:\n`);
  const result = await sideBySide({
    name: `process CPU, ${program}, ${MEASURE_SECONDS} s, monitor at ${INTERVAL_MS} ms`,
    a: { label: 'with monitor', script: child, args: args('with'), nodeArgs: [] },
    b: { label: 'without', script: child, args: args('without'), nodeArgs: [] },
    processes,
    unit: 'CPU ms/s',
    higherIsBetter: false,
    onSample: (side, value, i) => process.stdout.write(`  rep ${i + 1} ${side === 'a' ? 'with   ' : 'without'}: ${value === null ? 'failed' : `${formatNumber(value)} CPU ms/s`}\n`),
  });
  for (const f of [...result.a.failures, ...result.b.failures]) process.stderr.write(`failure: ${f}\n`);
  // Paired: repetition i ran its two processes back to back, so their difference cancels most of
  // the machine's slow load drift; the median of those differences is the headline figure.
  const pairDiffs = result.a.samples.map((a, i) => (a - (result.b.samples[i] ?? Number.NaN)) / 10).filter(Number.isFinite);
  const pairedMedian = median(pairDiffs);
  const ofMedians = (result.a.median - result.b.median) / 10;
  const label = `monitor overhead, ${load} program, resolution ${resolutionMs} ms, ${INTERVAL_MS} ms interval`;
  return [
    ...sideBySideResults(result),
    { name: `${label} (median of paired differences)`, unit: '% of one core', value: pairedMedian,
      kind: 'measured', reference: 'same program without the monitor', target: `< ${TARGET_PERCENT}`, pass: pairedMedian < TARGET_PERCENT,
      samples: pairDiffs },
    { name: `${label} (median with − median without)`, unit: '% of one core', value: ofMedians, kind: 'measured',
      reference: 'same program without the monitor' },
  ];
}

function perCallMicros(calls: number, fn: () => unknown): number {
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) fn();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / calls;
}

async function inProcess(): Promise<BenchResult[]> {
  const registry = new Registry();
  const monitor = createMonitor({ intervalMs: 3_600_000, prometheus: registry }).start();
  await new Promise((r) => setTimeout(r, 100));
  const batches = 7;
  const sampleCost: number[] = [];
  for (let b = 0; b < batches; b += 1) sampleCost.push(perCallMicros(500, () => monitor.sample()));
  const scrapeCost: number[] = [];
  for (let b = 0; b < batches; b += 1) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 100; i += 1) await registry.metrics();
    const cpu = process.cpuUsage(cpu0);
    scrapeCost.push((cpu.user + cpu.system) / 100);
  }
  monitor.stop();
  const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return [
    { name: 'CPU per window close (monitor.sample(), no sources)', unit: 'µs', value: med(sampleCost), kind: 'measured', samples: sampleCost },
    { name: 'CPU per Prometheus scrape of the monitor families', unit: 'µs', value: med(scrapeCost), kind: 'measured', samples: scrapeCost },
  ];
}

const results = [
  ...(await overhead('light')),
  ...(await overhead('bare')),
  // Node's default resolution, for comparison with the monitor's default.
  ...(await overhead('bare', 10, Math.max(1, PROCESSES - 1))),
  ...(await inProcess()),
];
writeBenchReport({ package: '@perf/monitor', results });
