import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { clearProbeCache, probeSystem, systemFingerprint } from '../src/index.js';

const linux = process.platform === 'linux';
const CACHE_DIR = '/sys/devices/system/cpu/cpu0/cache';

/** The test's own reading of sysfs cache sizes, independent of the probe's parser. */
function sysfsCaches(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const idx of readdirSync(CACHE_DIR).filter((d) => d.startsWith('index'))) {
    const read = (f: string): string => readFileSync(`${CACHE_DIR}/${idx}/${f}`, 'utf8').trim();
    const size = read('size');
    const bytes = Number(size.replace(/[KMG]$/, '')) * ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[size.slice(-1)] ?? 1);
    const key = read('level') === '1' ? (read('type') === 'Data' ? 'l1d' : 'l1i') : `l${read('level')}`;
    out[key] ??= bytes;
  }
  return out;
}

describe.runIf(linux)('on this machine', () => {
  it('affinity matches nproc; effective cores match it unless a cgroup quota is lower', async () => {
    const p = await probeSystem();
    const nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
    expect(p.cpu.affinityCores).toBe(nproc);
    expect(os.availableParallelism()).toBe(nproc);
    if (p.container.cpuQuota === null) expect(p.cpu.effectiveCores).toBe(nproc);
    else expect(p.cpu.effectiveCores).toBe(Math.max(1, Math.min(nproc, Math.ceil(p.container.cpuQuota))));
    expect(p.cpu.logicalCores).toBe(os.cpus().length);
  });

  it('total memory matches /proc/meminfo MemTotal', async () => {
    const p = await probeSystem();
    const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    expect(p.memory.totalBytes).toBe(kb * 1024);
    expect(p.memory.effectiveLimitBytes).toBeLessThanOrEqual(p.memory.totalBytes);
  });

  it('per-core cache sizes match sysfs (or are null with a reason where sysfs has none)', async () => {
    const p = await probeSystem();
    if (existsSync(CACHE_DIR)) {
      const expected = sysfsCaches();
      for (const key of ['l1d', 'l1i', 'l2', 'l3'] as const) expect(p.cpu.caches[key]).toBe(expected[key] ?? null);
    } else {
      expect(p.cpu.caches).toEqual({ l1d: null, l1i: null, l2: null, l3: null });
      expect(p.unknown['cpu.caches.l2']).toContain('missing');
    }
  });

  it('the CPU model is the one /proc/cpuinfo names', async () => {
    const p = await probeSystem();
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
    if (model !== undefined) expect(p.cpu.model).toBe(model);
  });

  it('every fact has a source or an unknown reason, and the static part is cached', async () => {
    clearProbeCache();
    const a = await probeSystem();
    const b = await probeSystem();
    expect(b.cpu.caches).toBe(a.cpu.caches);
    for (const key of ['cpu.logicalCores', 'cpu.effectiveCores', 'memory.totalBytes', 'memory.effectiveLimitBytes', 'disk.type', 'loadAverage']) {
      expect(a.sources[key], key).toBeDefined();
    }
    expect(a.sources['cpu.physicalCores'] ?? a.unknown['cpu.physicalCores']).toBeDefined();
    const c = await probeSystem({ cache: false });
    expect(c.cpu.caches).not.toBe(a.cpu.caches);
    expect(c.cpu.caches).toEqual(a.cpu.caches);
  });

  it('measureDisk writes, reads and removes a small temp file', async () => {
    const before = readdirSync(os.tmpdir()).filter((f) => f.startsWith('perf-system-probe-')).length;
    const p = await probeSystem({ measureDisk: true, measureDiskBytes: 2 * 1024 * 1024, randomReads: 50 });
    const m = p.disk.measured;
    expect(m).toBeDefined();
    expect(m?.fileBytes).toBe(2 * 1024 * 1024);
    expect(m?.seqReadMBps).toBeGreaterThan(0);
    expect(m?.seqWriteMBps).toBeGreaterThan(0);
    expect(m?.randomReadIops).toBeGreaterThan(0);
    expect(m?.note).toMatch(m?.cacheBypassed ? /O_DIRECT/ : /page cache may inflate/);
    expect(p.sources['disk.measured']).toBe('measured');
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith('perf-system-probe-')).length).toBe(before);
  });

  it('a failed disk measurement is a reason, not a throw', async () => {
    const p = await probeSystem({ measureDisk: true, diskPath: '/nonexistent-dir-for-probe', measureDiskBytes: 1024 * 1024, randomReads: 1 });
    expect(p.disk.measured).toBeUndefined();
    expect(p.unknown['disk.measured']).toContain('/nonexistent-dir-for-probe');
  });

  it('the fingerprint has the five identifying facts', async () => {
    const f = systemFingerprint(await probeSystem());
    expect(f).toMatchObject({ effectiveCores: (await probeSystem()).cpu.effectiveCores, node: process.version, platform: 'linux', arch: process.arch });
    expect(f.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
