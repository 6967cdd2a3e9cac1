// TinyLFU's frequency estimate (Einziger, Friedman & Manes, 2017): a count-min sketch of
// 4-bit counters with periodic halving (aging), behind a doorkeeper bloom filter that
// absorbs one-hit wonders. Admission only: it never decides eviction order.

/** Requests between agings, as a multiple of the cache capacity (Caffeine uses 10). */
export const SKETCH_SAMPLE_FACTOR = 10;
const MAX_COUNT = 15;
const DEPTH = 4;
const SEEDS = [0x97cb3127, 0xb9d7ba2b, 0x8d2a4c8a, 0xe2c21e3b] as const;

function hash(id: number, seed: number): number {
  let h = Math.imul(id ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Seeds of the doorkeeper's two bit positions. */
const DOOR_A = 0x5bd1e995;
const DOOR_B = 0x1b873593;

/**
 * Count-min sketch with a doorkeeper; estimates how often an id was requested lately.
 * Hot path: each hash is computed once per call and the four rows are unrolled (the same
 * counters, hashes and update rule as a loop over SEEDS).
 */
export class FrequencySketch {
  private readonly table: Uint8Array;
  /** The same memory as `table`, four counters per element (for aging). */
  private readonly words: Int32Array;
  private readonly mask: number;
  private readonly width: number;
  private readonly door: Int32Array;
  private readonly doorMask: number;
  private additions = 0;
  readonly sampleSize: number;

  /** `capacity`: the number of entries the cache holds (sizes the tables and the aging period). */
  constructor(capacity: number) {
    let width = 16;
    while (width < capacity) width *= 2;
    this.table = new Uint8Array(width * DEPTH);
    this.words = new Int32Array(this.table.buffer);
    this.mask = width - 1;
    this.width = width;
    let doorBits = 64;
    while (doorBits < capacity * 8) doorBits *= 2;
    this.door = new Int32Array(doorBits >>> 5);
    this.doorMask = doorBits - 1;
    this.sampleSize = Math.max(16, SKETCH_SAMPLE_FACTOR * capacity);
  }

  /** Estimated count of `id` (doorkeeper bit included). */
  frequency(id: number): number {
    const t = this.table;
    const m = this.mask;
    const w = this.width;
    let min = t[hash(id, SEEDS[0]) & m];
    const c1 = t[w + (hash(id, SEEDS[1]) & m)];
    if (c1 < min) min = c1;
    const c2 = t[2 * w + (hash(id, SEEDS[2]) & m)];
    if (c2 < min) min = c2;
    const c3 = t[3 * w + (hash(id, SEEDS[3]) & m)];
    if (c3 < min) min = c3;
    const a = hash(id, DOOR_A) & this.doorMask;
    const b = hash(id, DOOR_B) & this.doorMask;
    const door = this.door;
    return (door[a >>> 5] & (1 << (a & 31))) !== 0 && (door[b >>> 5] & (1 << (b & 31))) !== 0 ? min + 1 : min;
  }

  /** Records one request of `id`. */
  increment(id: number): void {
    const a = hash(id, DOOR_A) & this.doorMask;
    const b = hash(id, DOOR_B) & this.doorMask;
    const door = this.door;
    const bitA = 1 << (a & 31);
    const bitB = 1 << (b & 31);
    if ((door[a >>> 5] & bitA) === 0 || (door[b >>> 5] & bitB) === 0) {
      door[a >>> 5] |= bitA;
      door[b >>> 5] |= bitB;
    } else {
      const t = this.table;
      const m = this.mask;
      const w = this.width;
      const s0 = hash(id, SEEDS[0]) & m;
      const s1 = w + (hash(id, SEEDS[1]) & m);
      const s2 = 2 * w + (hash(id, SEEDS[2]) & m);
      const s3 = 3 * w + (hash(id, SEEDS[3]) & m);
      let min = t[s0];
      if (t[s1] < min) min = t[s1];
      if (t[s2] < min) min = t[s2];
      if (t[s3] < min) min = t[s3];
      // Conservative update: only the smallest counters grow.
      if (min < MAX_COUNT) {
        if (t[s0] === min) t[s0]++;
        if (t[s1] === min) t[s1]++;
        if (t[s2] === min) t[s2]++;
        if (t[s3] === min) t[s3]++;
      }
    }
    if (++this.additions >= this.sampleSize) this.age();
  }

  /** Halves every counter and clears the doorkeeper. */
  private age(): void {
    this.additions = 0;
    this.door.fill(0);
    // Four 8-bit counters per 32-bit word: shift the word, drop the bit each byte got from its neighbour.
    const words = this.words;
    for (let i = 0; i < words.length; i++) words[i] = (words[i] >>> 1) & 0x7f7f7f7f;
  }
}
