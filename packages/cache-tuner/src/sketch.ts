// TinyLFU's frequency estimate (Einziger, Friedman & Manes, 2017): a count-min sketch of
// 4-bit counters with periodic halving (aging), behind a doorkeeper bloom filter that
// absorbs one-hit wonders. Admission only: it never decides eviction order.

/** Requests between agings, as a multiple of the cache capacity (Caffeine uses 10). */
export const SKETCH_SAMPLE_FACTOR = 10;
const MAX_COUNT = 15;
const DEPTH = 4;
const SEEDS = [0x97cb3127, 0xb9d7ba2b, 0x8d2a4c8a, 0xe2c21e3b];

function hash(id: number, seed: number): number {
  let h = Math.imul(id ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Count-min sketch with a doorkeeper; estimates how often an id was requested lately. */
export class FrequencySketch {
  private readonly table: Uint8Array;
  private readonly mask: number;
  private readonly door: Uint32Array;
  private readonly doorMask: number;
  private additions = 0;
  private readonly slots = new Int32Array(DEPTH);
  readonly sampleSize: number;

  /** `capacity`: the number of entries the cache holds (sizes the tables and the aging period). */
  constructor(capacity: number) {
    let width = 16;
    while (width < capacity) width *= 2;
    this.table = new Uint8Array(width * DEPTH);
    this.mask = width - 1;
    let doorBits = 64;
    while (doorBits < capacity * 8) doorBits *= 2;
    this.door = new Uint32Array(doorBits >>> 5);
    this.doorMask = doorBits - 1;
    this.sampleSize = Math.max(16, SKETCH_SAMPLE_FACTOR * capacity);
  }

  private inDoor(id: number): boolean {
    const a = hash(id, 0x5bd1e995) & this.doorMask;
    const b = hash(id, 0x1b873593) & this.doorMask;
    return (this.door[a >>> 5] & (1 << (a & 31))) !== 0 && (this.door[b >>> 5] & (1 << (b & 31))) !== 0;
  }

  /** Estimated count of `id` (doorkeeper bit included). */
  frequency(id: number): number {
    let min = MAX_COUNT;
    const width = this.mask + 1;
    for (let i = 0; i < DEPTH; i++) {
      const c = this.table[i * width + (hash(id, SEEDS[i]) & this.mask)];
      if (c < min) min = c;
    }
    return this.inDoor(id) ? min + 1 : min;
  }

  /** Records one request of `id`. */
  increment(id: number): void {
    if (!this.inDoor(id)) {
      const a = hash(id, 0x5bd1e995) & this.doorMask;
      const b = hash(id, 0x1b873593) & this.doorMask;
      this.door[a >>> 5] |= 1 << (a & 31);
      this.door[b >>> 5] |= 1 << (b & 31);
    } else {
      const width = this.mask + 1;
      let min = MAX_COUNT;
      const slots = this.slots;
      for (let i = 0; i < DEPTH; i++) {
        const slot = i * width + (hash(id, SEEDS[i]) & this.mask);
        slots[i] = slot;
        if (this.table[slot] < min) min = this.table[slot];
      }
      // Conservative update: only the smallest counters grow.
      if (min < MAX_COUNT) for (let i = 0; i < DEPTH; i++) if (this.table[slots[i]] === min) this.table[slots[i]]++;
    }
    if (++this.additions >= this.sampleSize) this.age();
  }

  /** Halves every counter and clears the doorkeeper. */
  private age(): void {
    const t = this.table;
    for (let i = 0; i < t.length; i++) t[i] >>>= 1;
    this.door.fill(0);
    this.additions = 0;
  }
}
