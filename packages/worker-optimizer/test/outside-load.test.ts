import { describe, expect, it } from 'vitest';
// Calibration's internals (not exported by the package): tested where they live.
import { loadUnsettled } from '../src/recommendation.js';
import {
  disturbedWindows, loadChangeThreshold, machineBusyMs, outsideCores, parseProcStatBusyMs, quietLoad, throughputFromWindows,
} from '../src/outside-load.js';

describe('outside load', () => {
  it('reads the busy ms of /proc/stat\'s first line (all but idle and iowait; 100 ticks per second)', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    const stat = 'cpu  1000 20 300 9000 50 4 6 10 0 0\ncpu0 500 10 150 4500 25 2 3 5 0 0\n';
    expect(parseProcStatBusyMs(stat)).toBe((1000 + 20 + 300 + 4 + 6 + 10) * 10);
    expect(parseProcStatBusyMs('cpu  1 2 3 4 5 6 7\n')).toBe((1 + 2 + 3 + 6 + 7) * 10);
    expect(parseProcStatBusyMs('intr 1 2 3\n')).toBeNull();
    expect(parseProcStatBusyMs('cpu  1 2 x 4 5 6 7\n')).toBeNull();
    expect(machineBusyMs('cpu  0 0 1 0 0 0 0 0\n')).toBe(10);
  });

  it('gives the cores other processes used: machine busy less this process, over the wall time', () => {
    // 300 ms of wall time: the machine was busy 450 ms, this process 150 ms: others used 1 core.
    expect(outsideCores({ machineMs: 1000, ownMs: 50, wallMs: 0 }, { machineMs: 1450, ownMs: 200, wallMs: 300 })).toBe(1);
    // /proc/stat's ticks can read less than this process's own CPU: never below 0.
    expect(outsideCores({ machineMs: 1000, ownMs: 0, wallMs: 0 }, { machineMs: 1100, ownMs: 120, wallMs: 100 })).toBe(0);
    expect(outsideCores({ machineMs: null, ownMs: 0, wallMs: 0 }, { machineMs: null, ownMs: 1, wallMs: 100 })).toBeNull();
    expect(outsideCores({ machineMs: 0, ownMs: 0, wallMs: 5 }, { machineMs: 10, ownMs: 0, wallMs: 5 })).toBeNull();
  });

  it('marks windows at least the threshold above the quietest, and leaves them out of a count\'s throughput', () => {
    expect(loadChangeThreshold(2)).toBe(0.35);
    expect(loadChangeThreshold(8)).toBeCloseTo(1.2, 12);
    const loads = [1.0, 0.98, null, 0.05, 0.3];
    const quiet = quietLoad(loads);
    expect(quiet).toBe(0.05);
    expect(disturbedWindows(loads, quiet, 0.35)).toEqual([true, true, false, false, false]);
    expect(disturbedWindows(loads, null, 0.35)).toEqual([false, false, false, false, false]);
    expect(quietLoad([null, null])).toBeNull();
    // 1 worker: two windows under a core of outside load read as fast as 2 workers; the quiet ones count.
    expect(throughputFromWindows([690, 680, 500, 520, 510], [true, true, false, false, false])).toBe(510);
    // All disturbed: all count (the load is reported, the count measured again when it can be).
    expect(throughputFromWindows([690, 680], [true, true])).toBe(685);
  });

  it('calls the final check unsettled while a contender has only disturbed windows or every window was loaded', () => {
    expect(loadUnsettled([{ outsideCores: [0.02, 0.05] }, { outsideCores: [1.0, 0.9] }], 0.02, 0.35)).toBe(true);
    expect(loadUnsettled([{ outsideCores: [0.02, 0.05] }, { outsideCores: [1.0, 0.1] }], 0.02, 0.35)).toBe(false);
    // Every window under about a core: it may pass.
    expect(loadUnsettled([{ outsideCores: [1.0, 0.95] }, { outsideCores: [1.1] }], 0.95, 0.35)).toBe(true);
    expect(loadUnsettled([{ outsideCores: [null] }], null, 0.35)).toBe(false);
    expect(loadUnsettled([{ outsideCores: [] }], 0, 0.35)).toBe(false);
  });
});
