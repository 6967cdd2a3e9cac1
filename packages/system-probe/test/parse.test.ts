import { describe, expect, it } from 'vitest';
import {
  parseCacheSize, parseCfsQuota, parseCpuList, parseCpuMax, parseCpuinfo, parseLoadavg, parseMemoryLimit,
  parseMeminfo, parseMountinfo, parseProcCgroup,
} from '../src/parse.js';

describe('parseCpuList', () => {
  it('counts ranges and single CPUs', () => {
    expect(parseCpuList('0-1')).toBe(2);
    expect(parseCpuList('0-3,8,10-11\n')).toBe(7);
    expect(parseCpuList('5')).toBe(1);
  });
  it('rejects garbage and reversed ranges', () => {
    expect(parseCpuList('')).toBeNull();
    expect(parseCpuList('a-b')).toBeNull();
    expect(parseCpuList('3-1')).toBeNull();
  });
});

describe('parseCacheSize', () => {
  it('reads sysfs sizes in bytes', () => {
    expect(parseCacheSize('32K\n')).toBe(32 * 1024);
    expect(parseCacheSize('1024K')).toBe(1024 * 1024);
    expect(parseCacheSize('32M')).toBe(32 * 1024 * 1024);
    expect(parseCacheSize('512')).toBe(512);
  });
  it('keeps fractional sizes exact (1.5M is 1572864 bytes)', () => {
    expect(parseCacheSize('1.5M')).toBe(1_572_864);
  });
  it('rejects garbage', () => {
    expect(parseCacheSize('big')).toBeNull();
    expect(parseCacheSize('32X')).toBeNull();
  });
});

describe('parseMeminfo', () => {
  it('converts kB lines to bytes and keeps unitless counts', () => {
    const m = parseMeminfo('MemTotal:       24683620 kB\nHugePages_Total:       3\ngarbage line\n');
    expect(m.get('MemTotal')).toBe(24683620 * 1024);
    expect(m.get('HugePages_Total')).toBe(3);
    expect(m.size).toBe(2);
  });
});

describe('parseProcCgroup', () => {
  it('splits v1 controller lists and the v2 line, skipping malformed lines', () => {
    const e = parseProcCgroup('4:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n0::/user.slice\nnonsense\n');
    expect(e).toEqual([
      { hierarchyId: 4, controllers: ['cpu', 'cpuacct'], path: '/docker/abc' },
      { hierarchyId: 1, controllers: ['name=systemd'], path: '/' },
      { hierarchyId: 0, controllers: [], path: '/user.slice' },
    ]);
  });
});

describe('parseMountinfo', () => {
  it('finds cgroup and cgroup2 mounts with their roots and controllers', () => {
    const text = [
      '30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
      '31 30 0:28 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct',
      '40 30 0:35 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate',
    ].join('\n');
    expect(parseMountinfo(text)).toEqual([
      { root: '/docker/abc', mountPoint: '/sys/fs/cgroup/cpu,cpuacct', version: 1, controllers: ['cpu', 'cpuacct'] },
      { root: '/', mountPoint: '/sys/fs/cgroup/unified', version: 2, controllers: [] },
    ]);
  });
});

describe('limits', () => {
  it('cpu.max: max is unlimited, 150000 100000 is 1.5 CPUs, 50000 100000 is 0.5', () => {
    expect(parseCpuMax('max 100000\n')).toEqual({ kind: 'unlimited', raw: 'max 100000' });
    expect(parseCpuMax('150000 100000')).toEqual({ kind: 'limit', value: 1.5, raw: '150000 100000' });
    expect(parseCpuMax('50000 100000')).toMatchObject({ value: 0.5 });
    expect(parseCpuMax('banana')).toBeNull();
    expect(parseCpuMax('100 0')).toBeNull();
  });
  it('cfs quota: -1 is unlimited, 200000/100000 is 2 CPUs', () => {
    expect(parseCfsQuota('-1\n', '100000\n')).toMatchObject({ kind: 'unlimited' });
    expect(parseCfsQuota('200000', '100000')).toMatchObject({ kind: 'limit', value: 2 });
    expect(parseCfsQuota('x', '100000')).toBeNull();
    expect(parseCfsQuota('100000', '0')).toBeNull();
  });
  it('memory: max, -1, 2^63-4096 and 2^64-1 are no limit; plain bytes are a limit', () => {
    expect(parseMemoryLimit('max')).toMatchObject({ kind: 'unlimited' });
    expect(parseMemoryLimit('-1')).toMatchObject({ kind: 'unlimited' });
    expect(parseMemoryLimit('9223372036854771712')).toMatchObject({ kind: 'unlimited' });
    expect(parseMemoryLimit('18446744073709551615')).toMatchObject({ kind: 'unlimited' });
    expect(parseMemoryLimit('2147483648\n')).toEqual({ kind: 'limit', value: 2147483648, raw: '2147483648' });
    expect(parseMemoryLimit('12abc')).toBeNull();
  });
});

describe('parseCpuinfo', () => {
  it('counts distinct (physical id, core id) pairs, so hyperthreads count once', () => {
    const cpu = (p: number, id: number, core: number): string =>
      `processor\t: ${p}\nmodel name\t: Test CPU @ 3.00GHz\ncpu MHz\t\t: 2999.5\nphysical id\t: ${id}\ncore id\t\t: ${core}\n\n`;
    const text = cpu(0, 0, 0) + cpu(1, 0, 1) + cpu(2, 0, 0) + cpu(3, 0, 1) + cpu(4, 1, 0) + cpu(5, 1, 0);
    expect(parseCpuinfo(text)).toEqual({ model: 'Test CPU @ 3.00GHz', mhz: 2999.5, processors: 6, physicalCores: 3 });
  });
  it('reports null physical cores when there are no core ids (many ARM kernels)', () => {
    expect(parseCpuinfo('processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\n').physicalCores).toBeNull();
  });
});

describe('parseLoadavg', () => {
  it('reads the three averages', () => {
    expect(parseLoadavg('0.54 0.27 0.49 1/93 11620\n')).toEqual([0.54, 0.27, 0.49]);
    expect(parseLoadavg('x y z')).toBeNull();
  });
});
