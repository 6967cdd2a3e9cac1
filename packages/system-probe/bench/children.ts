// Scripts run in fresh `node` processes by the bench; each prints one JSON line of timings.

/** Imports the built probe, runs one static probe, then a cached one. */
export function probeScript(distHref: string): string {
  return `
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(${JSON.stringify(distHref)});
const t1 = performance.now();
const p = await m.probeSystem();
const t2 = performance.now();
const c1 = process.cpuUsage(c0);
await m.probeSystem();
const t3 = performance.now();
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url).cache;
const siLoaded = Object.keys(cache).some((k) => k.includes('systeminformation'));
process.stdout.write(JSON.stringify({ insideMs: t2 - t0, cpuMs: (c1.user + c1.system) / 1000, importMs: t1 - t0, callMs: t2 - t1, cachedMs: t3 - t2, siLoaded, cores: p.cpu.effectiveCores }));
`;
}

/** Imports systeminformation and runs its getStaticData(). */
export function siScript(siHref: string): string {
  return `
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(${JSON.stringify(siHref)});
const si = mod.default ?? mod;
const t1 = performance.now();
const d = await si.getStaticData();
const t2 = performance.now();
const c1 = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ insideMs: t2 - t0, cpuMs: (c1.user + c1.system) / 1000, importMs: t1 - t0, callMs: t2 - t1, cores: d.cpu.cores }));
`;
}

/** Node starting and exiting, to show what part of a whole-process time is Node itself. */
export const emptyScript = `process.stdout.write(JSON.stringify({ insideMs: 0 }));`;
