import type { SystemProfile } from './types.js';

/** The facts that identify a machine for comparing benchmark results, plus a stable hash of them. */
export interface SystemFingerprint {
  readonly cpuModel: string | null;
  readonly effectiveCores: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** FNV-1a 64-bit of the fields above as a JSON array in this order, 16 hex digits. */
  readonly hash: string;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64-bit, over the UTF-16 code units of `text` (pure; no node:crypto, which costs import time). */
export function fnv1a64(text: string): string {
  let h = FNV64_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV64_PRIME) & MASK64;
  }
  return h.toString(16).padStart(16, '0');
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
  return { ...fields, hash: fnv1a64(canonical) };
}
