// One repetition in a fresh process: load, validate and resolve all six built-in profiles
// (side "profiles": the shipped files, whose parse is memoised at build), the same six copied
// to a user directory (side "profiles-yaml": YAML parsed), or only read and parse the six files
// with yaml (side "yaml-parse", the reference: no validation, inheritance or resolution).
// Prints JSON timings in ms.
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

const [side, copies] = process.argv.slice(2);
const t0 = performance.now();
const api = await import('../dist/index.js');
const importMs = performance.now() - t0;
const system = { cpu: { effectiveCores: availableParallelism() }, memory: { effectiveLimitBytes: totalmem() } };
const dir = api.builtinProfilesDir();

let checksum = 0;
function once(): void {
  if (side === 'profiles' || side === 'profiles-yaml') {
    const options = side === 'profiles' ? { dirs: [] } : { dirs: [copies ?? ''], builtins: false };
    for (const name of api.BUILTIN_PROFILES) {
      const resolved = api.resolveProfile(api.loadProfile(name, options), system);
      checksum += resolved.workers.max;
    }
  } else {
    for (const name of api.BUILTIN_PROFILES) {
      const data = parse(readFileSync(`${dir}${name}.yaml`, 'utf8')) as { workers: { batchSize: number } };
      checksum += data.workers.batchSize;
    }
  }
}
const cpu0 = process.cpuUsage();
const start = performance.now();
once();
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
// A second pass in the same process: the steady state once V8 has compiled the code.
const warmStart = performance.now();
once();
const warmMs = performance.now() - warmStart;
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, warmMs, importMs, checksum }));
