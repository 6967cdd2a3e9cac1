import { describe, expect, it } from 'vitest';
import { classifyDisk, classifySystem, effectiveCoresFrom } from '../src/index.js';
import { devMajorMinor } from '../src/disk.js';

const GIB = 1024 ** 3;

describe('effectiveCoresFrom (ceil of the quota, at least 1, at most the affinity)', () => {
  it('uses affinity when there is no quota', () => {
    expect(effectiveCoresFrom(8, null)).toMatchObject({ effectiveCores: 8, cpuBudget: 8 });
  });
  it('1.5 CPUs rounds up to 2 cores with a 1.5 budget', () => {
    expect(effectiveCoresFrom(8, 1.5)).toMatchObject({ effectiveCores: 2, cpuBudget: 1.5 });
  });
  it('a quota below one CPU gives 1 core with the fractional budget', () => {
    const e = effectiveCoresFrom(8, 0.5);
    expect(e).toMatchObject({ effectiveCores: 1, cpuBudget: 0.5 });
    expect(e.rule).toContain('ceil(quota 0.5 CPUs)');
  });
  it('affinity caps a larger quota', () => {
    expect(effectiveCoresFrom(2, 6)).toMatchObject({ effectiveCores: 2, cpuBudget: 2 });
  });
  it('an exact quota stays exact', () => {
    expect(effectiveCoresFrom(16, 4)).toMatchObject({ effectiveCores: 4, cpuBudget: 4 });
  });
});

describe('classifySystem (first matching rule wins)', () => {
  it('memory first: 2 cores and 2 GiB is memory constrained', () => {
    const r = classifySystem(2, 2 * GIB);
    expect(r.systemType).toBe('memory_constrained');
    expect(r.rule).toBe('memory_constrained: effective memory 2.00 GiB < 4 GiB (rule 1 of 4)');
  });
  it('then cores: 2 cores with 64 GiB is cpu constrained', () => {
    expect(classifySystem(2, 64 * GIB).systemType).toBe('cpu_constrained');
  });
  it('16 cores and 32 GiB is high performance, 16 cores and 31 GiB is standard', () => {
    expect(classifySystem(16, 32 * GIB).systemType).toBe('high_performance');
    expect(classifySystem(16, 31 * GIB).systemType).toBe('standard');
    expect(classifySystem(15, 64 * GIB).systemType).toBe('standard');
  });
  it('boundaries: exactly 4 GiB and 4 cores is standard', () => {
    expect(classifySystem(4, 4 * GIB)).toMatchObject({ systemType: 'standard' });
  });
});

describe('classifyDisk', () => {
  it('names and rotational flags', () => {
    expect(classifyDisk('nvme0n1', '0\n').type).toBe('nvme');
    expect(classifyDisk('sda', '0').type).toBe('ssd');
    expect(classifyDisk('sdb', '1').type).toBe('hdd');
    expect(classifyDisk('sdc', null)).toMatchObject({ type: 'unknown', reason: 'sdc: queue/rotational unreadable' });
  });
  it('a virtual disk that claims to be rotational is unknown, with the reason', () => {
    const r = classifyDisk('vda', '1');
    expect(r.type).toBe('unknown');
    expect(r.reason).toContain('claims rotational=1');
    expect(classifyDisk('xvda', '1').type).toBe('unknown');
    expect(classifyDisk('vdb', '0').type).toBe('ssd');
  });
});

describe('devMajorMinor', () => {
  it('splits Linux dev_t numbers', () => {
    expect(devMajorMinor(254 * 256)).toEqual([254, 0]);
    expect(devMajorMinor(8 * 256 + 17)).toEqual([8, 17]);
    // major 259 (blkext, NVMe partitions), minor 300: minor's high bits live above bit 20.
    expect(devMajorMinor((259 << 8) | (300 & 0xff) | ((300 & ~0xff) << 12))).toEqual([259, 300]);
  });
});
