import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import type * as Api from '../src/index.js';
import { BUILTIN_PROFILES, builtinProfilesDir, diffProfiles, listProfiles, loadProfile, resolveProfile } from '../src/index.js';
import { TWO_CORES, WORKSTATION, system } from './helpers.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const isolated = { dirs: [] as string[] };

describe('the six built-in profiles', () => {
  it('are listed from the built-in directory', () => {
    const names = listProfiles(isolated).map((p) => p.name).sort();
    expect(names).toEqual([...BUILTIN_PROFILES].sort());
    expect(listProfiles(isolated).every((p) => p.source === 'builtin')).toBe(true);
  });

  it.each(BUILTIN_PROFILES)('%s loads and resolves on this machine', (name) => {
    const profile = loadProfile(name, isolated);
    expect(profile.name).toBe(name);
    expect(profile.origin.source).toBe('builtin');
    const here = resolveProfile(profile, system(availableParallelism(), totalmem() / GiB));
    expect(here.workers.max).toBeGreaterThanOrEqual(1);
    expect(here.workers.max).toBeLessThanOrEqual(availableParallelism());
    expect(here.cache.l1Bytes).toBeGreaterThan(0);
  });

  it('keep the seed table cache sizes, memory caps and worker caps', () => {
    const table = {
      small_project: [50, 100, 250, 512, 4, 8],
      medium_project: [100, 500, 2048, 2048, 8, 16],
      large_project: [200, 1024, 5120, 8192, 16, 32],
      high_performance: [500, 2048, 8192, 16384, 32, 64],
      memory_constrained: [25, 75, 150, 256, 2, 4],
      cpu_constrained: [100, 300, 1024, 1024, 4, 6],
    } as const;
    for (const name of BUILTIN_PROFILES) {
      const r = resolveProfile(loadProfile(name, isolated), WORKSTATION);
      const [l1, l2, l3, memory, max, threads] = table[name];
      expect([r.cache.l1Bytes, r.cache.l2Bytes, r.cache.l3Bytes, r.resources.memoryBytes].map((b) => (b ?? 0) / MiB), name)
        .toEqual([l1, l2, l3, memory]);
      // On 32 cores the seed's caps apply; on fewer cores the workers follow the cores.
      expect([r.workers.max, r.workers.threads], name).toEqual([max, threads]);
    }
  });

  it('resolve to exact numbers on a 2-core, 8 GiB machine', () => {
    const r = resolveProfile(loadProfile('medium_project', isolated), TWO_CORES);
    expect(r).toEqual({
      name: 'medium_project',
      description: 'Standard applications (1,000 to 10,000 files)',
      cache: { l1Bytes: 100 * MiB, l2Bytes: 500 * MiB, l3Bytes: 2 * GiB, policy: 'wtinylfu', ttlMs: 6 * 3_600_000, targetHitRate: 75 },
      workers: { mode: 'threads', max: 2, min: 1, threads: 4, batchSize: 16, queueSize: 1024 },
      resources: { memoryBytes: 2 * GiB, cpus: 2 },
      inputs: { cores: 2, memoryGb: 8 },
      warnings: [],
    });
    const hp = resolveProfile(loadProfile('high_performance', isolated), TWO_CORES);
    expect(hp.warnings).toEqual(["resources.memory (16 GiB) is above this system's effective memory limit (8 GiB)."]);
    expect(hp.workers).toMatchObject({ mode: 'processes', max: 2, min: 2, threads: 4 });
  });

  it('differ setting by setting (diffProfiles)', () => {
    const d = diffProfiles(loadProfile('large_project', isolated), loadProfile('high_performance', isolated));
    expect(d.map((x) => x.path)).toEqual([
      'description', 'cache.l1', 'cache.l2', 'cache.l3', 'workers.mode', 'workers.max', 'workers.threads',
      'workers.batchSize', 'workers.queueSize', 'resources.memory',
    ]);
    expect(d.find((x) => x.path === 'cache.l1')).toEqual({ path: 'cache.l1', a: '200MB', b: '500MB' });
    const resolved = diffProfiles(resolveProfile(loadProfile('small_project', isolated), TWO_CORES), resolveProfile(loadProfile('cpu_constrained', isolated), TWO_CORES));
    expect(resolved.find((x) => x.path === 'workers.max')).toBeUndefined(); // both 2 on 2 cores
    expect(resolved.find((x) => x.path === 'cache.l1Bytes')).toEqual({ path: 'cache.l1Bytes', a: 50 * MiB, b: 100 * MiB });
  });

  it.runIf(existsSync(new URL('../dist/index.js', import.meta.url)))('ship in dist/profiles with the built package', async () => {
    const dist = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof Api;
    expect(dist.builtinProfilesDir()).toMatch(/dist[\\/]profiles[\\/]$/);
    for (const name of BUILTIN_PROFILES) {
      const shipped = dist.loadProfile(name, isolated);
      expect(shipped.origin.file).toContain('dist');
      // The build-time parse memo gives exactly what parsing the YAML gives.
      const { origin: _a, ...fromDist } = shipped;
      const { origin: _b, ...fromSource } = loadProfile(name, isolated);
      expect(fromDist).toEqual(fromSource);
    }
    expect(builtinProfilesDir()).not.toMatch(/dist/); // from source: the top-level profiles/
  });
});
