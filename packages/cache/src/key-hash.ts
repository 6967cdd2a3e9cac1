// A 30-bit hash of a string (multiply-xor, murmur-style finish): how the memory level
// remembers evicted keys without keeping the strings. 30 bits keep it a small integer for
// V8 (fast Map keys); a rare collision only makes a key forget or borrow a ghost history.

/** 30-bit hash of `key`, in [0, 2^30). */
export function keyHash30(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

/** A replayable trace of string keys, in the shape @perf/cache-tuner's `simulate()` reads. */
export interface KeyTrace {
  /** Dense ids in first-seen order. */
  readonly ids: Uint32Array;
  /** Each request's keyHash30: what the memory level passes to its policy as `keyHash`. */
  readonly hashes: Uint32Array;
  readonly requests: number;
  readonly uniqueKeys: number;
}

/** The trace that makes `simulate()` replay `keys` exactly as the memory level does ("get, set on a miss"). */
export function keyTrace(keys: readonly string[]): KeyTrace {
  const seen = new Map<string, number>();
  const ids = Uint32Array.from(keys, (key) => {
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    return id;
  });
  return { ids, hashes: Uint32Array.from(keys, keyHash30), requests: keys.length, uniqueKeys: seen.size };
}
