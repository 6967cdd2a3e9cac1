import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../src/fingerprint.js';
import { SystemProbeError, probeSystem, systemFingerprint, type SystemProfile } from '../src/index.js';

describe('options', () => {
  it.each([
    [{ rootDir: 'relative/dir' }, 'options.rootDir is "relative/dir"'],
    [{ measureDiskBytes: 10 }, 'options.measureDiskBytes is 10'],
    [{ randomReads: 0 }, 'options.randomReads is 0'],
    [{ diskPath: 'tmp' }, 'options.diskPath is "tmp"'],
  ])('rejects %j with SYSTEM_PROBE_INVALID_OPTION', async (options, message) => {
    const err = await probeSystem(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemProbeError);
    expect((err as SystemProbeError).code).toBe('SYSTEM_PROBE_INVALID_OPTION');
    expect((err as SystemProbeError).message).toContain(message);
  });
});

describe('systemFingerprint', () => {
  const profile = (cores: number, model: string | null): SystemProfile => ({
    cpu: { effectiveCores: cores, model },
    node: 'v20.20.2',
    os: { platform: 'linux', arch: 'x64', release: 'x' },
  }) as unknown as SystemProfile;

  it('is stable: the same facts give the same hash', () => {
    expect(systemFingerprint(profile(2, 'AMD EPYC'))).toEqual({
      cpuModel: 'AMD EPYC', effectiveCores: 2, node: 'v20.20.2', platform: 'linux', arch: 'x64',
      // FNV-1a 64 of '["AMD EPYC",2,"v20.20.2","linux","x64"]'
      hash: '855568d1971ee772',
    });
  });

  it('uses FNV-1a 64 (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
  });

  it('changes when a fact changes', () => {
    expect(systemFingerprint(profile(4, 'AMD EPYC')).hash).not.toBe(systemFingerprint(profile(2, 'AMD EPYC')).hash);
    expect(systemFingerprint(profile(2, null)).hash).not.toBe(systemFingerprint(profile(2, 'AMD EPYC')).hash);
  });
});
