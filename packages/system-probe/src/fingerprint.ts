import { createHash } from 'node:crypto';
import type { SystemProfile } from './types.js';

/** The facts that identify a machine for comparing benchmark results, plus a stable hash of them. */
export interface SystemFingerprint {
  readonly cpuModel: string | null;
  readonly effectiveCores: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** First 16 hex digits of SHA-256 over the fields above in this fixed order. */
  readonly hash: string;
}

/** Synchronous and cheap: derives the fingerprint from a profile already probed. */
export function systemFingerprint(profile: SystemProfile): SystemFingerprint {
  const fields = {
    cpuModel: profile.cpu.model,
    effectiveCores: profile.cpu.effectiveCores,
    node: profile.node,
    platform: profile.os.platform,
    arch: profile.os.arch,
  };
  const canonical = JSON.stringify([fields.cpuModel, fields.effectiveCores, fields.node, fields.platform, fields.arch]);
  return { ...fields, hash: createHash('sha256').update(canonical).digest('hex').slice(0, 16) };
}
