// The six profiles on the machine the tests run on, probed by @perf/system-probe.
import { probeSystem } from '@perf/system-probe';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, loadProfile, resolveProfile, selectProfile } from '../src/index.js';

describe('on this machine (probeSystem)', () => {
  it('every built-in profile resolves with the probed SystemProfile', async () => {
    const system = await probeSystem();
    for (const name of BUILTIN_PROFILES) {
      const r = resolveProfile(loadProfile(name, { dirs: [] }), system);
      expect(r.inputs.cores).toBe(system.cpu.effectiveCores);
      expect(r.workers.max).toBeLessThanOrEqual(Math.max(1, Math.floor(system.cpu.effectiveCores)));
    }
  });

  it("selection follows the probe's systemType and names its rule", async () => {
    const system = await probeSystem();
    const selection = await selectProfile({ system, projectSize: 'medium' });
    expect(selection.inputs.measuredSystemType).toBe(system.systemType);
    if (system.systemType === 'memory_constrained' || system.systemType === 'cpu_constrained') {
      expect(selection.profileName).toBe(system.systemType);
      expect(selection.reason).toContain(system.systemTypeRule);
    } else {
      expect(selection.profileName).toBe('medium_project');
    }
  });
});
