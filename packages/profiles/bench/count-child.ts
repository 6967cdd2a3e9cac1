// One repetition in a fresh process: count the files of a tree with countProjectFiles
// (side "profiles") or with a naive recursive readdir that ignores nothing (side "readdir").
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [side, root] = process.argv.slice(2) as [string, string];
const { countProjectFiles } = await import('../dist/index.js');

function naive(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name !== '.git') n += naive(join(dir, e.name));
    } else n++;
  }
  return n;
}

const cpu0 = process.cpuUsage();
const start = performance.now();
const files = side === 'profiles' ? (await countProjectFiles(root)).files : naive(root);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, files }));
