import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { probeSystem } from '../src/index.js';
import { DIR, GIB, fixtureOptions, fixtureRoot, meminfo, status } from './helpers/fixture.js';

const DIST = new URL('../dist/index.js', import.meta.url);

/** Root reads everything, so EACCES is only real for another user: probe from a child running as nobody. */
function probeAsNobody(rootDir: string): Record<string, string> {
  if (!existsSync(DIST)) throw new Error('this test needs the built package: run `pnpm build` in packages/system-probe first');
  const script = `const m = await import(${JSON.stringify(DIST.href)});
const p = await m.probeSystem({ rootDir: ${JSON.stringify(rootDir)}, cache: false, useSystemInformation: false });
process.stdout.write(JSON.stringify(p.unknown));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string>;
}

const V1_CGROUP = '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n';
const base = { '/proc/self/status': status('0-7'), '/proc/meminfo': meminfo(16) };

/** A v1 tree with the usual /sys/fs/cgroup/<controllers> layout and no mountinfo. */
function v1(files: Record<string, string | typeof DIR>): string {
  return fixtureRoot({
    ...base,
    '/proc/self/cgroup': V1_CGROUP,
    '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cgroup.procs': '1\n',
    '/sys/fs/cgroup/memory/docker/abc/cgroup.procs': '1\n',
    ...files,
  });
}

/** A v2 tree: unified hierarchy at /sys/fs/cgroup, process in /app.slice/svc.scope. */
function v2(files: Record<string, string | typeof DIR>): string {
  return fixtureRoot({
    ...base,
    '/proc/self/cgroup': '0::/app.slice/svc.scope\n',
    '/sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory pids\n',
    '/sys/fs/cgroup/app.slice/svc.scope/cgroup.procs': '1\n',
    ...files,
  });
}

describe('cgroup v1', () => {
  it('reads cfs quota 150000/100000 as 1.5 CPUs: effectiveCores 2, budget 1.5', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '150000\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n',
    })));
    expect(p.container.cgroupVersion).toBe(1);
    expect(p.container.cpuQuota).toBe(1.5);
    expect(p.cpu).toMatchObject({ affinityCores: 8, effectiveCores: 2, cpuBudget: 1.5 });
    expect(p.sources['cpu.effectiveCores']).toBe('cgroup');
    expect(p.container.evidence).toContain('/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us / cpu.cfs_period_us = 150000/100000 (1.5 CPUs)');
  });

  it('quota -1 means no limit: effective cores come from affinity', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '-1\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n',
    })));
    expect(p.container.cpuQuota).toBeNull();
    expect(p.cpu.effectiveCores).toBe(8);
    expect(p.sources['cpu.effectiveCores']).toBe('procfs');
    expect(p.unknown['container.cpuQuota']).toBeUndefined();
  });

  it('memory.limit_in_bytes 2 GiB bounds effective memory and makes the system memory constrained', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': `${2 * GIB}\n`,
      '/sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes': `${0.5 * GIB}\n`,
      '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n',
    })));
    expect(p.container.memoryLimitBytes).toBe(2 * GIB);
    expect(p.memory).toMatchObject({ totalBytes: 16 * GIB, effectiveLimitBytes: 2 * GIB, availableBytes: 1.5 * GIB });
    expect(p.sources['memory.effectiveLimitBytes']).toBe('cgroup');
    expect(p.sources['memory.availableBytes']).toBe('cgroup');
    expect(p.systemType).toBe('memory_constrained');
    expect(p.systemTypeRule).toContain('2.00 GiB < 4 GiB');
  });

  it('the 2^63 "no limit" value counts as no limit', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': '9223372036854771712\n',
    })));
    expect(p.container.memoryLimitBytes).toBeNull();
    expect(p.memory.effectiveLimitBytes).toBe(16 * GIB);
    expect(p.systemType).toBe('standard');
  });

  it('a tighter parent cgroup wins over the process cgroup', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '400000\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/cpu.cfs_quota_us': '300000\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': `${8 * GIB}\n`,
      '/sys/fs/cgroup/memory/docker/memory.limit_in_bytes': `${6 * GIB}\n`,
    })));
    expect(p.container.cpuQuota).toBe(3);
    expect(p.cpu.effectiveCores).toBe(3);
    expect(p.container.memoryLimitBytes).toBe(6 * GIB);
    expect(p.systemType).toBe('cpu_constrained');
  });

  it('a process in the root cgroup reads the mount root and never walks above the mount', async () => {
    const root = fixtureRoot({
      ...base,
      '/proc/self/cgroup': '1:cpu:/\n',
      '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '200000\n',
      '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/cpu.cfs_quota_us': 'outside the mount\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.cpuQuota).toBe(2);
    expect(p.unknown['container.cpuQuota']).toBeUndefined();
    expect(p.container.evidence).toContain('/sys/fs/cgroup/cpu/cpu.cfs_quota_us / cpu.cfs_period_us = 200000/100000 (2 CPUs)');
  });

  it('finds mounts through mountinfo, including a container view whose mount root is the container cgroup', async () => {
    const root = fixtureRoot({
      ...base,
      '/proc/self/cgroup': '4:cpu,cpuacct:/docker/abc\n0::/\n',
      '/proc/self/mountinfo': '31 30 0:28 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n',
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '250000\n',
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.cgroupVersion).toBe(1);
    expect(p.container.cpuQuota).toBe(2.5);
    expect(p.cpu.effectiveCores).toBe(3);
    expect(p.container.inContainer).toBe(true);
  });
});

describe('cgroup v2', () => {
  it('cpu.max "max 100000" is no limit', async () => {
    const p = await probeSystem(fixtureOptions(v2({ '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': 'max 100000\n' })));
    expect(p.container.cgroupVersion).toBe(2);
    expect(p.container.cpuQuota).toBeNull();
    expect(p.cpu.effectiveCores).toBe(8);
  });

  it('cpu.max "150000 100000" is 1.5 CPUs', async () => {
    const p = await probeSystem(fixtureOptions(v2({ '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': '150000 100000\n' })));
    expect(p.container.cpuQuota).toBe(1.5);
    expect(p.cpu).toMatchObject({ effectiveCores: 2, cpuBudget: 1.5 });
  });

  it('cpu.max "50000 100000" (half a CPU) gives 1 effective core with budget 0.5', async () => {
    const p = await probeSystem(fixtureOptions(v2({ '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': '50000 100000\n' })));
    expect(p.cpu).toMatchObject({ effectiveCores: 1, cpuBudget: 0.5 });
    expect(p.cpu.effectiveCoresRule).toBe('max(1, min(affinity 8, ceil(quota 0.5 CPUs))) = 1; budget min(8, 0.5) = 0.5 CPUs');
  });

  it('takes the tightest of nested parent limits; "max" at the leaf does not hide a parent limit', async () => {
    const p = await probeSystem(fixtureOptions(v2({
      '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': 'max 100000\n',
      '/sys/fs/cgroup/app.slice/cpu.max': '200000 100000\n',
      '/sys/fs/cgroup/app.slice/svc.scope/memory.max': 'max\n',
      '/sys/fs/cgroup/app.slice/memory.max': `${3 * GIB}\n`,
      '/sys/fs/cgroup/app.slice/memory.current': `${1 * GIB}\n`,
    })));
    expect(p.container.cpuQuota).toBe(2);
    expect(p.container.memoryLimitBytes).toBe(3 * GIB);
    expect(p.memory.availableBytes).toBe(2 * GIB);
    expect(p.systemType).toBe('memory_constrained');
  });

  it('memory.max "max" is no limit', async () => {
    const p = await probeSystem(fixtureOptions(v2({ '/sys/fs/cgroup/app.slice/svc.scope/memory.max': 'max\n' })));
    expect(p.container.memoryLimitBytes).toBeNull();
    expect(p.memory.effectiveLimitBytes).toBe(16 * GIB);
  });

  it('a cgroup directory hidden by a namespace falls back to the mount point, and says so', async () => {
    const root = fixtureRoot({
      ...base,
      '/proc/self/cgroup': '0::/kubepods/pod1/c1\n',
      '/sys/fs/cgroup/cgroup.controllers': 'cpu memory\n',
      '/sys/fs/cgroup/cpu.max': '100000 100000\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.cpuQuota).toBe(1);
    expect(p.container.evidence.some((e) => e.includes('is not visible'))).toBe(true);
    expect(p.container.inContainer).toBe(true);
  });
});

describe('hybrid (v1 controllers plus a unified cgroup2 mount)', () => {
  it('reports hybrid and reads limits from the v1 controllers', async () => {
    const p = await probeSystem(fixtureOptions(v1({
      '/proc/self/cgroup': `${V1_CGROUP}0::/docker/abc\n`,
      '/sys/fs/cgroup/unified/cgroup.controllers': '\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '100000\n',
      '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': `${1 * GIB}\n`,
    })));
    expect(p.container.cgroupVersion).toBe('hybrid');
    expect(p.container.cpuQuota).toBe(1);
    expect(p.container.memoryLimitBytes).toBe(1 * GIB);
  });

  it('falls back to the unified hierarchy for a controller v1 does not mount', async () => {
    const root = fixtureRoot({
      ...base,
      '/proc/self/cgroup': '3:memory:/a\n0::/a\n',
      '/sys/fs/cgroup/memory/a/memory.limit_in_bytes': `${5 * GIB}\n`,
      '/sys/fs/cgroup/unified/cgroup.controllers': 'cpu\n',
      '/sys/fs/cgroup/unified/a/cpu.max': '300000 100000\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.cgroupVersion).toBe('hybrid');
    expect(p.container.cpuQuota).toBe(3);
    expect(p.container.memoryLimitBytes).toBe(5 * GIB);
  });
});

describe('missing, unreadable and garbage files never throw', () => {
  it('an empty root: every fact falls back or is null with a reason', async () => {
    const p = await probeSystem(fixtureOptions(fixtureRoot({})));
    expect(p.container.cgroupVersion).toBeNull();
    expect(p.unknown['container.cgroupVersion']).toContain('/proc/self/cgroup: missing (ENOENT)');
    expect(p.sources['cpu.affinity']).toBe('os');
    expect(p.sources['memory.totalBytes']).toBe('os');
    expect(p.memory.availableBytes).toBeNull();
    expect(p.unknown['memory.availableBytes']).toBe('/proc/meminfo: missing (ENOENT)');
    expect(p.cpu.caches).toEqual({ l1d: null, l1i: null, l2: null, l3: null });
    expect(p.disk).toMatchObject({ type: 'unknown', reason: '/sys/block: missing or unreadable' });
    expect(p.container.inContainer).toBe(false);
  });

  it('a rootDir that does not exist: no throw, os fallbacks, reasons', async () => {
    const p = await probeSystem(fixtureOptions('/nonexistent-probe-root'));
    expect(p.unknown['container.cgroupVersion']).toBe('/proc/self/cgroup: missing (ENOENT)');
    expect(p.cpu.effectiveCores).toBeGreaterThanOrEqual(1);
  });

  it('a directory where cpu.max is expected makes the quota unknown, with the reason', async () => {
    const p = await probeSystem(fixtureOptions(v2({ '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': DIR })));
    expect(p.container.cpuQuota).toBeNull();
    expect(p.unknown['container.cpuQuota']).toBe('/sys/fs/cgroup/app.slice/svc.scope/cpu.max: is a directory, not a file (EISDIR)');
    expect(p.cpu.effectiveCores).toBe(8);
  });

  it('a chmod 000 file is unreadable (EACCES); as root the probe runs in a child process as nobody', async () => {
    const root = v2({ '/sys/fs/cgroup/app.slice/svc.scope/memory.max': `${GIB}\n` });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'sys/fs/cgroup/app.slice/svc.scope/memory.max'), 0o000);
    const unknown = process.getuid?.() === 0 ? probeAsNobody(root) : (await probeSystem(fixtureOptions(root))).unknown;
    expect(unknown['container.memoryLimitBytes']).toBe('/sys/fs/cgroup/app.slice/svc.scope/memory.max: permission denied (EACCES)');
  });

  it('garbage in cpu.max and memory.max is reported, not parsed into numbers', async () => {
    const p = await probeSystem(fixtureOptions(v2({
      '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': 'banana\n',
      '/sys/fs/cgroup/app.slice/svc.scope/memory.max': '12abc\n',
    })));
    expect(p.container.cpuQuota).toBeNull();
    expect(p.unknown['container.cpuQuota']).toBe('/sys/fs/cgroup/app.slice/svc.scope/cpu.max: unrecognised content');
    expect(p.unknown['container.memoryLimitBytes']).toBe('/sys/fs/cgroup/app.slice/svc.scope/memory.max: unrecognised content');
  });

  it('garbage at one level does not hide a readable limit at another', async () => {
    const p = await probeSystem(fixtureOptions(v2({
      '/sys/fs/cgroup/app.slice/svc.scope/cpu.max': '???\n',
      '/sys/fs/cgroup/app.slice/cpu.max': '100000 100000\n',
    })));
    expect(p.container.cpuQuota).toBe(1);
    expect(p.unknown['container.cpuQuota']).toBeUndefined();
  });

  it('garbage in /proc/self/cgroup, status and meminfo', async () => {
    const p = await probeSystem(fixtureOptions(fixtureRoot({
      '/proc/self/cgroup': 'not a cgroup file\n',
      '/proc/self/status': 'Cpus_allowed_list:\tzz\n',
      '/proc/meminfo': 'nonsense\n',
      '/proc/cpuinfo': '\0\0\0',
      '/proc/loadavg': 'a b c',
    })));
    expect(p.container.cgroupVersion).toBeNull();
    expect(p.sources['cpu.affinity']).toBe('os');
    expect(p.sources['memory.totalBytes']).toBe('os');
    expect(p.unknown['memory.swapBytes']).toBe('no SwapTotal line in /proc/meminfo');
    expect(p.sources['loadAverage']).toBe('os');
  });

  it('a v1 quota file without its period file is unknown', async () => {
    const p = await probeSystem(fixtureOptions(v1({ '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '50000\n' })));
    expect(p.container.cpuQuota).toBeNull();
    expect(p.unknown['container.cpuQuota']).toContain('cpu.cfs_period_us: missing (ENOENT)');
  });
});
