import { describe, expect, it } from 'vitest';
import { probeSystem } from '../src/index.js';
import { DIR, GIB, fixtureOptions, fixtureRoot, meminfo, status } from './helpers/fixture.js';

const CACHE = '/sys/devices/system/cpu/cpu0/cache';
const cache = (idx: number, level: number, type: string, size: string): Record<string, string> => ({
  [`${CACHE}/index${idx}/level`]: `${level}\n`,
  [`${CACHE}/index${idx}/type`]: `${type}\n`,
  [`${CACHE}/index${idx}/size`]: `${size}\n`,
});

describe('CPU facts from procfs and sysfs', () => {
  it('per-core caches from cpu0 index*/{level,type,size}, in bytes', async () => {
    const root = fixtureRoot({
      ...cache(0, 1, 'Data', '48K'), ...cache(1, 1, 'Instruction', '32K'),
      ...cache(2, 2, 'Unified', '1024K'), ...cache(3, 3, 'Unified', '32M'),
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.cpu.caches).toEqual({ l1d: 48 * 1024, l1i: 32 * 1024, l2: 1024 * 1024, l3: 32 * 1024 * 1024 });
    expect(p.sources['cpu.caches.l3']).toBe('sysfs');
  });

  it('a machine without L3 and with a garbage size reports each with its reason', async () => {
    const root = fixtureRoot({ ...cache(0, 1, 'Data', '32K'), ...cache(1, 1, 'Instruction', 'lots'), ...cache(2, 2, 'Unified', '1.5M') });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.cpu.caches).toEqual({ l1d: 32 * 1024, l1i: null, l2: 1_572_864, l3: null });
    expect(p.unknown['cpu.caches.l1i']).toBe(`${CACHE}/index1/size: unrecognised "lots"`);
    expect(p.unknown['cpu.caches.l3']).toContain(`${CACHE}/index1/size: unrecognised "lots"`);
  });

  it('logical cores from sysfs online, physical cores and model from cpuinfo, speed from cpufreq', async () => {
    const proc = (n: number, core: number): string => `processor\t: ${n}\nmodel name\t: Fixture CPU\ncpu MHz\t\t: 1200.000\nphysical id\t: 0\ncore id\t\t: ${core}\n\n`;
    const root = fixtureRoot({
      '/sys/devices/system/cpu/online': '0-3\n',
      '/proc/cpuinfo': proc(0, 0) + proc(1, 1) + proc(2, 0) + proc(3, 1),
      '/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq': '3500000\n',
      '/proc/self/status': status('0-3'),
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.cpu).toMatchObject({ logicalCores: 4, physicalCores: 2, model: 'Fixture CPU', speedMhz: 3500, effectiveCores: 4 });
    expect(p.sources).toMatchObject({ 'cpu.logicalCores': 'sysfs', 'cpu.physicalCores': 'procfs', 'cpu.speedMhz': 'sysfs' });
  });

  it('physical cores from sysfs topology when cpuinfo has no core ids', async () => {
    const root = fixtureRoot({
      '/proc/cpuinfo': 'processor\t: 0\n\nprocessor\t: 1\n\nprocessor\t: 2\n\nprocessor\t: 3\n',
      '/sys/devices/system/cpu/cpu0/topology/core_cpus_list': '0,2\n',
      '/sys/devices/system/cpu/cpu1/topology/core_cpus_list': '1,3\n',
      '/sys/devices/system/cpu/cpu2/topology/core_cpus_list': '0,2\n',
      '/sys/devices/system/cpu/cpu3/topology/core_cpus_list': '1,3\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.cpu.physicalCores).toBe(2);
    expect(p.cpu.logicalCores).toBe(4);
    expect(p.sources['cpu.physicalCores']).toBe('sysfs');
  });

  it('asks systeminformation only when procfs and sysfs lack physical cores, and only if allowed', async () => {
    const root = fixtureRoot({ '/proc/cpuinfo': 'processor\t: 0\n' });
    const without = await probeSystem(fixtureOptions(root));
    expect(without.cpu.physicalCores).toBeNull();
    expect(without.unknown['cpu.physicalCores']).toContain('systeminformation not used');
    const withSi = await probeSystem({ rootDir: root, cache: false });
    expect(withSi.sources['cpu.physicalCores']).toBe('systeminformation');
    expect(withSi.cpu.physicalCores).toBeGreaterThan(0);
  });
});

describe('memory', () => {
  it('reads total, available and swap from /proc/meminfo', async () => {
    const p = await probeSystem(fixtureOptions(fixtureRoot({ '/proc/meminfo': meminfo(64, 40, 8), '/proc/self/status': status('0-31') })));
    expect(p.memory).toEqual({ totalBytes: 64 * GIB, availableBytes: 40 * GIB, effectiveLimitBytes: 64 * GIB, swapBytes: 8 * GIB });
    expect(p.systemType).toBe('high_performance');
    expect(p.systemTypeRule).toBe('high_performance: effective cores 32 ≥ 16 and effective memory 64.00 GiB ≥ 32 GiB (rule 3 of 4)');
  });

  it('a limit above physical memory leaves effective memory at the total', async () => {
    const root = fixtureRoot({
      '/proc/meminfo': meminfo(8),
      '/proc/self/cgroup': '0::/\n',
      '/sys/fs/cgroup/cgroup.controllers': 'memory\n',
      '/sys/fs/cgroup/memory.max': `${100 * GIB}\n`,
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.memoryLimitBytes).toBe(100 * GIB);
    expect(p.memory.effectiveLimitBytes).toBe(8 * GIB);
    expect(p.sources['memory.effectiveLimitBytes']).toBe('procfs');
  });
});

describe('container evidence', () => {
  it('names each sign it found', async () => {
    const root = fixtureRoot({
      '/.dockerenv': '',
      '/run/.containerenv': '',
      '/proc/1/cgroup': '0::/kubepods/besteffort/pod1/abc\n',
      '/proc/self/mountinfo': '500 400 0:50 / / rw - overlay overlay rw,lowerdir=/a\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.inContainer).toBe(true);
    expect(p.container.evidence.slice(0, 4)).toEqual([
      '/.dockerenv exists (Docker creates it in containers)',
      '/run/.containerenv exists (Podman creates it in containers)',
      '/proc/1/cgroup names a container runtime: 0::/kubepods/besteffort/pod1/abc',
      'the root filesystem is an overlay mount (as container images are)',
    ]);
  });

  it('a plain host has no evidence and says so', async () => {
    const root = fixtureRoot({ '/proc/1/cgroup': '0::/init.scope\n', '/proc/self/cgroup': '0::/user.slice\n' });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.container.inContainer).toBe(false);
    expect(p.container.evidence[0]).toMatch(/^no container evidence/);
  });
});

describe('disk type', () => {
  it('skips loop/zram devices and types the only disk', async () => {
    const root = fixtureRoot({
      '/sys/block/loop0/queue/rotational': '1\n',
      '/sys/block/zram0/queue/rotational': '0\n',
      '/sys/block/nvme0n1/queue/rotational': '0\n',
    });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.disk).toMatchObject({ type: 'nvme', device: 'nvme0n1' });
    expect((p.disk.devices ?? []).map((d) => d.name)).toEqual(['nvme0n1']);
    expect(p.disk.reason).toContain('the only disk');
  });

  it('a virtual disk claiming rotational=1 is unknown with the reason', async () => {
    const p = await probeSystem(fixtureOptions(fixtureRoot({ '/sys/block/vda/queue/rotational': '1\n' })));
    expect(p.disk.type).toBe('unknown');
    expect(p.unknown['disk.type']).toContain('vda: virtual (virtio/Xen) disk claims rotational=1');
  });

  it('several disks: the first is reported and all are listed', async () => {
    const root = fixtureRoot({ '/sys/block/sdb/queue/rotational': '1\n', '/sys/block/sda/queue/rotational': '0\n', '/sys/block/sdc/queue': DIR });
    const p = await probeSystem(fixtureOptions(root));
    expect(p.disk.type).toBe('ssd');
    expect((p.disk.devices ?? []).map((d) => `${d.name}:${d.type}`)).toEqual(['sda:ssd', 'sdb:hdd', 'sdc:unknown']);
  });
});
