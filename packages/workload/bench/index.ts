// @perf/workload bench: every figure measured here, side by side in alternating fresh processes
// (a b, b a, a b, ...), one measurement per process, medians reported. Each child reports its
// figure from wall-clock time and from its own CPU time (user + system, all its threads); on a
// shared, overloaded machine the CPU-time figure is the steadier one. Writes
// <repo root>/bench-results/workload.json.
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, runChild, writeBenchReport, type BenchResult } from '@perf/bench';

const sharedEnv = process.env.PERF_SHARED_DIR;
const shared = sharedEnv ? (sharedEnv.endsWith('/') ? sharedEnv : `${sharedEnv}/`) : fileURLToPath(new URL('../../../../shared/', import.meta.url));
const w106 = `${shared}traces/cloud_physics/w106.trace.gz`;
const child = fileURLToPath(new URL('./child.ts', import.meta.url));
const PROCESSES = Number(process.env.WORKLOAD_BENCH_PROCESSES ?? 5);

interface Sample {
  wall: number;
  cpu: number;
}

async function once(what: string): Promise<Sample> {
  const o = await runChild({ script: child, args: [what, w106] });
  if (!o.ok) throw new Error(`${what}: ${o.error}`);
  return o.output as Sample;
}

interface Pair {
  name: string;
  a: [label: string, what: string];
  b: [label: string, what: string];
  unit: string;
  higherIsBetter: boolean;
  /** Target on the ratio a/b (speed-up, direction-adjusted): e.g. 3 means a at least 3x better. */
  ratioTarget?: number;
  /** Absolute target on a (in `unit`). */
  absolute?: { op: '>=' | '<'; value: number };
  processes?: number;
}

const results: BenchResult[] = [];

async function pair(p: Pair): Promise<void> {
  const n = p.processes ?? PROCESSES;
  const s = { a: [] as Sample[], b: [] as Sample[] };
  for (let i = 0; i < n; i++) {
    for (const side of i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const v = await once(p[side][1]);
      s[side].push(v);
      process.stderr.write(`  ${p.name} #${i + 1} ${p[side][0]}: wall ${v.wall.toFixed(1)}, cpu ${v.cpu.toFixed(1)} ${p.unit}\n`);
    }
  }
  for (const metric of ['wall', 'cpu'] as const) {
    const a = s.a.map((x) => x[metric]);
    const b = s.b.map((x) => x[metric]);
    const ma = median(a);
    const mb = median(b);
    const tag = metric === 'wall' ? 'wall-clock' : 'CPU time';
    results.push({ name: `${p.name}: ${p.a[0]} (${tag})`, unit: p.unit, value: ma, kind: 'measured', samples: a });
    results.push({ name: `${p.name}: ${p.b[0]} (${tag})`, unit: p.unit, value: mb, kind: 'measured', samples: b });
    const speedup = p.higherIsBetter ? ma / mb : mb / ma;
    results.push({
      name: `${p.name}: speed-up of ${p.a[0]} over ${p.b[0]} (${tag})`,
      unit: 'x',
      value: speedup,
      kind: 'ratio',
      reference: p.b[0],
      ...(p.ratioTarget === undefined ? {} : { target: `>= ${p.ratioTarget}`, pass: speedup >= p.ratioTarget }),
    });
    if (p.absolute) {
      const { op, value } = p.absolute;
      results.push({
        name: `${p.name}: ${p.a[0]} vs absolute target (${tag})`,
        unit: p.unit,
        value: ma,
        kind: 'measured',
        target: `${op} ${value}`,
        pass: op === '>=' ? ma >= value : ma < value,
      });
    }
  }
}

const load = (): string => {
  try {
    return execSync('cat /proc/loadavg', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};
const loadBefore = load();

await pair({
  name: 'load w106 (read+gunzip+decode+intern)',
  a: ['loadTrace', 'load'],
  b: ['plain Map reader', 'load-map'],
  unit: 'requests/s',
  higherIsBetter: true,
  ratioTarget: 3,
  absolute: { op: '>=', value: 20e6 },
});
await pair({
  name: 'decode+intern w106 (gunzip excluded)',
  a: ['parseTrace', 'decode'],
  b: ['plain Map reader', 'decode-map'],
  unit: 'requests/s',
  higherIsBetter: true,
  ratioTarget: 3,
  absolute: { op: '>=', value: 20e6 },
});
await pair({
  name: 'stack-distance histogram w106',
  a: ['compacted Fenwick', 'stack-distance'],
  b: ['textbook Fenwick over N positions', 'stack-distance-plain'],
  unit: 'ms',
  higherIsBetter: false,
  absolute: { op: '<', value: 1500 },
  processes: Math.max(3, PROCESSES - 2),
});
await pair({
  name: 'TraceRecorder.record (int keys)',
  a: ['TraceRecorder', 'record'],
  b: ['Map + array push', 'record-map'],
  unit: 'ns/call',
  higherIsBetter: false,
  absolute: { op: '<', value: 100 },
});
const strings: Sample[] = [];
for (let i = 0; i < 3; i++) strings.push(await once('record-string'));
for (const metric of ['wall', 'cpu'] as const) {
  results.push({
    name: `TraceRecorder.record(string, { size }) (${metric === 'wall' ? 'wall-clock' : 'CPU time'})`,
    unit: 'ns/call',
    value: median(strings.map((x) => x[metric])),
    kind: 'measured',
    samples: strings.map((x) => x[metric]),
  });
}

writeBenchReport({ package: '@perf/workload', results });
process.stdout.write(
  `\nMedians over ${PROCESSES} fresh processes per side (stack distance: ${Math.max(3, PROCESSES - 2)}), sides alternated; ratios are of medians from the same run.\n` +
    `Load average before: ${loadBefore}; after: ${load()} (2 cores). Wall-clock figures scale with the machine's load; CPU-time figures much less.\n`,
);
