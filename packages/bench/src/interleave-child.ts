// One fresh process of interleavedSideBySide: import both sides' modules (file modules get a per-side query, so
// the same file twice still gives two module instances; `instances` imports per side), time their exports alternately (measureInterleaved),
// print `{ a, b, ratio }` as the last JSON line. The job is argv[2] (JSON).
import { measureInterleaved, type InterleaveOptions } from './interleave.js';

interface SideJob { readonly href: string; readonly export: string }
interface Job { readonly a: SideJob; readonly b: SideJob; readonly instances: number; readonly options: InterleaveOptions }
const job = JSON.parse(process.argv[2] ?? '{}') as Job;

async function load(side: 'a' | 'b', instance: number): Promise<() => unknown> {
  const { href, export: name } = job[side];
  const url = href.startsWith('file:') ? `${href}${href.includes('?') ? '&' : '?'}perf-bench-side=${side}${instance}` : href;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function') throw new Error(`${href} has no function export '${name}'`);
  return fn as () => unknown;
}

// a file module is imported once per instance (its own functions and JIT feedback; its own imports are shared);
// a package specifier cannot be duplicated, so it gives one instance
const count = (side: 'a' | 'b'): number => (job[side].href.startsWith('file:') ? Math.max(1, job.instances) : 1);
const a: (() => unknown)[] = [];
const b: (() => unknown)[] = [];
for (let i = 0; i < Math.max(count('a'), count('b')); i++) {
  if (i < count('a')) a.push(await load('a', i));
  if (i < count('b')) b.push(await load('b', i));
}
const m = await measureInterleaved(a, b, job.options);
process.stdout.write(`${JSON.stringify({ a: m.a, b: m.b, ratio: m.ratio })}\n`);
