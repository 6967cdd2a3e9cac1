// @perf/profiles bench (needs `pnpm build`: the children import dist/).
// 1. Load + validate + resolve all six built-in profiles: in-process time of the first calls in
//    fresh processes, against reading + yaml.parse of the same six files (reference), alternated.
// 2. Count the git-tracked files of a generated 100,000-file tree: countProjectFiles against
//    `git ls-files -co --exclude-standard` (the truth) and a naive recursive readdir, twice:
//    root rules that look at names only, and root rules with a path pattern (the general path).
// Writes <repo root>/bench-results/profiles.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

interface Result {
  name: string;
  unit: string;
  value: number;
  kind: 'measured' | 'ratio';
  reference?: string;
  target?: string;
  pass?: boolean;
  samples?: number[];
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LOAD_REPS = Number(process.env.PROFILES_BENCH_LOAD_REPS ?? 11);
const COUNT_REPS = Number(process.env.PROFILES_BENCH_COUNT_REPS ?? 5);
const TREE_FILES = 100_000;
const results: Result[] = [];

if (!existsSync(join(packageDir, 'dist/index.js'))) {
  console.error('dist/ is missing: run `pnpm build` in packages/profiles first.');
  process.exit(2);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const f = (n: number, d = 1): string => n.toFixed(d);
const load1 = (): string => f(loadavg()[0] ?? NaN, 2);

function child<T>(script: string, args: string[]): T {
  const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], { cwd: packageDir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

console.log(`@perf/profiles bench, node ${process.version}, load average (1 min) at start ${load1()} on a shared 2-core machine`);

// 1. Load, validate, resolve.
const pick = (xs: LoadSample[], k: keyof LoadSample): number[] => xs.map((x) => x[k]);
interface LoadSample { ms: number; cpuMs: number; warmMs: number; importMs: number }
const LOAD_SIDES = ['profiles', 'profiles-yaml', 'yaml-parse'] as const;
const load: Record<(typeof LOAD_SIDES)[number], LoadSample[]> = { profiles: [], 'profiles-yaml': [], 'yaml-parse': [] };
const copies = mkdtempSync(join(tmpdir(), 'perf-profiles-copies-'));
for (const entry of readdirSync(join(packageDir, 'dist/profiles'))) {
  if (entry.endsWith('.yaml')) copyFileSync(join(packageDir, 'dist/profiles', entry), join(copies, entry));
}
for (let rep = 0; rep < LOAD_REPS; rep++) {
  const order = rep % 2 === 0 ? [...LOAD_SIDES] : [...LOAD_SIDES].reverse();
  for (const side of order) load[side].push(child<LoadSample>('./load-child.ts', [side, copies]));
}
rmSync(copies, { recursive: true, force: true });
const yamlPathMs = median(pick(load['profiles-yaml'], 'ms'));
const loadMs = median(pick(load.profiles, 'ms'));
const yamlMs = median(pick(load['yaml-parse'], 'ms'));
console.log(`\n1. Load + validate + resolve all six built-in profiles (dist), first calls in a fresh process, ${LOAD_REPS} processes per side, alternated (measured, medians; module import not included)`);
console.log(`  ${'side'.padEnd(38)}${'cold ms'.padStart(9)}${'cold CPU ms'.padStart(13)}${'2nd pass ms'.padStart(13)}   cold samples ms`);
for (const [label, side] of [['built-ins: load + resolve x6', 'profiles'], ['user dir copies (YAML parsed): x6', 'profiles-yaml'], ['reference: readFile + yaml.parse x6', 'yaml-parse']] as const) {
  const xs = load[side];
  console.log(`  ${label.padEnd(38)}${f(median(pick(xs, 'ms')), 2).padStart(9)}${f(median(pick(xs, 'cpuMs')), 1).padStart(13)}${f(median(pick(xs, 'warmMs')), 2).padStart(13)}   ${pick(xs, 'ms').map((x) => f(x)).join(' ')}`);
}
console.log(`  target < 20 ms (built-ins, cold, wall): ${loadMs < 20 ? 'pass' : 'FAIL'}; user-dir copies ${yamlPathMs < 20 ? 'pass' : 'FAIL'}; ratios to the parse-only reference: built-ins ${f(loadMs / yamlMs, 2)}x, user-dir copies ${f(yamlPathMs / yamlMs, 2)}x; module import median ${f(median(pick(load.profiles, 'importMs')))} ms`);
console.log('  (built-ins skip the YAML parser when their text equals the text parsed at build time, dist/profiles/parsed.json)');
results.push(
  { name: 'load+validate+resolve six built-in profiles, cold (fresh process, in-process wall time)', unit: 'ms', value: loadMs, kind: 'measured', target: '< 20', pass: loadMs < 20, samples: pick(load.profiles, 'ms') },
  { name: 'load+validate+resolve six built-in profiles, cold, process CPU time', unit: 'ms', value: median(pick(load.profiles, 'cpuMs')), kind: 'measured', samples: pick(load.profiles, 'cpuMs') },
  { name: 'load+validate+resolve six built-in profiles, second pass in the same process', unit: 'ms', value: median(pick(load.profiles, 'warmMs')), kind: 'measured', samples: pick(load.profiles, 'warmMs') },
  { name: 'load+validate+resolve six profiles from a user dir (YAML parsed), cold', unit: 'ms', value: yamlPathMs, kind: 'measured', target: '< 20', pass: yamlPathMs < 20, samples: pick(load['profiles-yaml'], 'ms') },
  { name: 'load+validate+resolve six profiles from a user dir (YAML parsed), cold, process CPU time', unit: 'ms', value: median(pick(load['profiles-yaml'], 'cpuMs')), kind: 'measured', samples: pick(load['profiles-yaml'], 'cpuMs') },
  { name: 'user-dir load+validate+resolve / readFile+yaml.parse (cold)', unit: 'x', value: yamlPathMs / yamlMs, kind: 'ratio', reference: 'readFile + yaml.parse of the same six files' },
  { name: 'reference: readFile + yaml.parse six profiles, cold', unit: 'ms', value: yamlMs, kind: 'measured', samples: pick(load['yaml-parse'], 'ms') },
  { name: 'built-in load+validate+resolve / readFile+yaml.parse (cold)', unit: 'x', value: loadMs / yamlMs, kind: 'ratio', reference: 'readFile + yaml.parse of the same six files' },
  { name: '@perf/profiles module import (dist, fresh process)', unit: 'ms', value: median(pick(load.profiles, 'importMs')), kind: 'measured', samples: pick(load.profiles, 'importMs') },
);

// 2. Counting a 100,000-file tree.
const root = mkdtempSync(join(tmpdir(), 'perf-profiles-bench-'));
try {
  const genStart = performance.now();
  const perDir = 100;
  const ignoredDirs = 20; // node_modules/pN, ignored by the root .gitignore: 2,000 files not counted
  for (let d = 0; d < TREE_FILES / perDir; d++) {
    const dir = d < ignoredDirs ? join(root, 'node_modules', `p${d}`) : join(root, 'src', `g${d % 10}`, `m${d}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < perDir; i++) writeFileSync(join(dir, i % 10 === 9 ? `f${i}.log` : i % 10 === 8 ? `f${i}.tmp` : `f${i}.ts`), '');
    if (d % 10 === 0 && d >= ignoredDirs) writeFileSync(join(dir, '.gitignore'), '*.log\n!f19.log\n');
  }
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n*.log\n/coverage\n');
  execFileSync('git', ['init', '-q'], { cwd: root });
  console.log(`\n2. Count git-tracked files of a generated tree: ${TREE_FILES.toLocaleString('en-US')} files in ${TREE_FILES / perDir} directories, 98 nested .gitignore files, node_modules/ and *.log ignored (generated in ${f((performance.now() - genStart) / 1000)} s); ${COUNT_REPS} fresh processes per side, alternated (measured, medians)`);

  const scenarios = [
    { id: 'names', label: 'root .gitignore: names and anchored names only', extra: '' },
    { id: 'paths', label: 'root .gitignore plus a path pattern (src/**/*.tmp): the general path', extra: 'src/**/*.tmp\n' },
  ];
  for (const scenario of scenarios) {
    if (scenario.extra) appendFileSync(join(root, '.gitignore'), scenario.extra);
    const sides = ['profiles', 'git', 'readdir'] as const;
    const wall: Record<(typeof sides)[number], number[]> = { profiles: [], git: [], readdir: [] };
    const cpu: Record<string, number[]> = { profiles: [], readdir: [] };
    const counts: Record<string, number> = {};
    for (let rep = 0; rep < COUNT_REPS; rep++) {
      const order = rep % 2 === 0 ? [...sides] : [...sides].reverse();
      for (const side of order) {
        if (side === 'git') {
          const t = performance.now();
          const out = execFileSync('git', ['-c', 'core.excludesFile=', 'ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
          wall.git.push(performance.now() - t);
          counts['git'] = out.toString('utf8').split('\0').filter(Boolean).length;
        } else {
          const r = child<{ ms: number; cpuMs: number; files: number }>('./count-child.ts', [side, root]);
          wall[side].push(r.ms);
          cpu[side]?.push(r.cpuMs);
          counts[side] = r.files;
        }
      }
    }
    const countMs = median(wall.profiles);
    const gitMs = median(wall.git);
    const readdirMs = median(wall.readdir);
    const agree = counts['profiles'] === counts['git'];
    console.log(`\n  ${scenario.label}`);
    console.log(`  ${'side'.padEnd(46)}${'files'.padStart(8)}${'wall ms'.padStart(9)}${'CPU ms'.padStart(9)}   wall samples ms`);
    console.log(`  ${'countProjectFiles (fdir + ignore)'.padEnd(46)}${String(counts['profiles']).padStart(8)}${f(countMs, 0).padStart(9)}${f(median(cpu['profiles'] ?? []), 0).padStart(9)}   ${wall.profiles.map((x) => f(x, 0)).join(' ')}`);
    console.log(`  ${'reference: git ls-files -co --exclude-standard'.padEnd(46)}${String(counts['git']).padStart(8)}${f(gitMs, 0).padStart(9)}${'-'.padStart(9)}   ${wall.git.map((x) => f(x, 0)).join(' ')}`);
    console.log(`  ${'reference: naive readdir, nothing ignored'.padEnd(46)}${String(counts['readdir']).padStart(8)}${f(readdirMs, 0).padStart(9)}${f(median(cpu['readdir'] ?? []), 0).padStart(9)}   ${wall.readdir.map((x) => f(x, 0)).join(' ')}`);
    console.log(`  target < 1000 ms: ${countMs < 1000 ? 'pass' : 'FAIL'}; count equals git's: ${agree ? 'yes' : 'NO'}; ratio to git ${f(countMs / gitMs, 2)}x, to naive readdir ${f(countMs / readdirMs, 2)}x`);
    results.push(
      { name: `countProjectFiles 100k-file tree (${scenario.id})`, unit: 'ms', value: countMs, kind: 'measured', target: '< 1000', pass: countMs < 1000, samples: wall.profiles },
      { name: `countProjectFiles 100k-file tree (${scenario.id}), process CPU time`, unit: 'ms', value: median(cpu['profiles'] ?? []), kind: 'measured', samples: cpu['profiles'] ?? [] },
      { name: `reference: git ls-files 100k-file tree (${scenario.id})`, unit: 'ms', value: gitMs, kind: 'measured', samples: wall.git },
      { name: `reference: naive readdir 100k-file tree (${scenario.id})`, unit: 'ms', value: readdirMs, kind: 'measured', samples: wall.readdir },
      { name: `countProjectFiles / git ls-files (${scenario.id})`, unit: 'x', value: countMs / gitMs, kind: 'ratio', reference: 'git ls-files -co --exclude-standard' },
      { name: `countProjectFiles / naive readdir (${scenario.id})`, unit: 'x', value: countMs / readdirMs, kind: 'ratio', reference: 'naive recursive readdir (no ignore rules)' },
      { name: `countProjectFiles count (${scenario.id}) equals git ls-files count`, unit: 'files', value: counts['profiles'] ?? NaN, kind: 'measured', reference: `git: ${counts['git']}`, pass: agree },
    );
  }
  console.log('\n  (git is timed from the parent, its process start included; the Node sides are timed in-process, import excluded.)');
} finally {
  rmSync(root, { recursive: true, force: true });
}

console.log(`\nload average (1 min) at the end ${load1()}`);
const report = { package: '@perf/profiles', node: process.version, date: new Date().toISOString(), results };
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench-results/profiles.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${join(repoRoot, 'bench-results/profiles.json')}`);
