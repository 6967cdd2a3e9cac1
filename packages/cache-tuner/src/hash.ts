/** A 32-bit mix of an integer id (murmur3's finaliser over a seeded multiply), for spatial sampling. */
export function hashId(id: number, seed = 0x2545f491): number {
  let h = Math.imul(id ^ seed, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 2^32, the range of `hashId`. */
export const HASH_RANGE = 4294967296;
