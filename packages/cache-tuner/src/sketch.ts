// TinyLFU's frequency estimate (Einziger, Friedman & Manes, 2017): a count-min sketch of
// 4-bit counters with periodic halving (aging), behind a doorkeeper bloom filter that
// absorbs one-hit wonders. Admission only: it never decides eviction order.
// Layout as in Caffeine's block-based sketch: an id's four counters (one per row) lie in one
// 16-byte block, and its two doorkeeper bits in one 32-bit word, so an update reads two
// cache lines instead of six, from two hashes instead of six.

/** Requests between agings, as a multiple of the cache capacity (Caffeine uses 10). */
export const SKETCH_SAMPLE_FACTOR = 10;
const MAX_COUNT = 15;
/** Counters per block: four rows of four candidates each. */
const BLOCK = 16;

/** Mixes an id into 32 well-spread bits (murmur3's finaliser after a seeded multiply). */
function mix(id: number, seed: number): number {
  let h = Math.imul(id ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  // Signed: the callers only shift and mask it, and an int32 never needs a heap number.
  return h ^ (h >>> 16);
}

const SKETCH_SEED = 0x97cb3127;
const DOOR_SEED = 0x5bd1e995;

/**
 * Count-min sketch with a doorkeeper; estimates how often an id was requested lately.
 * Row r's counter of an id is byte `4r + ((h >>> (24 + 2r)) & 3)` of the id's block, the
 * block chosen by the low bits of the same hash h.
 */
export class FrequencySketch {
  private readonly table: Uint8Array;
  /** The same memory as `table`, four counters per element (for aging). */
  private readonly words: Int32Array;
  private readonly blockMask: number;
  private readonly door: Int32Array;
  private readonly doorMask: number;
  private additions = 0;
  readonly sampleSize: number;

  /** `capacity`: the number of entries the cache holds (sizes the tables and the aging period). */
  constructor(capacity: number) {
    // At least `capacity` counters per row, as a row-per-array count-min of width `capacity` has.
    let blocks = 4;
    while (blocks * 4 < capacity) blocks *= 2;
    this.table = new Uint8Array(blocks * BLOCK);
    this.words = new Int32Array(this.table.buffer);
    this.blockMask = blocks - 1;
    let doorWords = 2;
    while (doorWords * 32 < capacity * 8) doorWords *= 2;
    this.door = new Int32Array(doorWords);
    this.doorMask = doorWords - 1;
    this.sampleSize = Math.max(16, SKETCH_SAMPLE_FACTOR * capacity);
  }

  /** Estimated count of `id` (doorkeeper bit included). */
  frequency(id: number): number {
    const h = mix(id, SKETCH_SEED);
    const t = this.table;
    const base = (h & this.blockMask) * BLOCK;
    let min = t[base + ((h >>> 24) & 3)];
    const c1 = t[base + 4 + ((h >>> 26) & 3)];
    if (c1 < min) min = c1;
    const c2 = t[base + 8 + ((h >>> 28) & 3)];
    if (c2 < min) min = c2;
    const c3 = t[base + 12 + (h >>> 30)];
    if (c3 < min) min = c3;
    return this.inDoor(id) ? min + 1 : min;
  }

  /** Whether both doorkeeper bits of `id` are set. */
  private inDoor(id: number): boolean {
    const d = mix(id, DOOR_SEED);
    const bits = (1 << (d >>> 27)) | (1 << ((d >>> 22) & 31));
    return (this.door[d & this.doorMask] & bits) === bits;
  }

  /** Records one request of `id`. */
  increment(id: number): void {
    const d = mix(id, DOOR_SEED);
    const bits = (1 << (d >>> 27)) | (1 << ((d >>> 22) & 31));
    const door = this.door;
    const word = d & this.doorMask;
    const held = door[word];
    if ((held & bits) !== bits) door[word] = held | bits;
    else this.count(id);
    if (++this.additions >= this.sampleSize) this.age();
  }

  /** Conservative update of the id's four counters: only the smallest grow. */
  private count(id: number): void {
    const h = mix(id, SKETCH_SEED);
    const t = this.table;
    const base = (h & this.blockMask) * BLOCK;
    const s0 = base + ((h >>> 24) & 3);
    const s1 = base + 4 + ((h >>> 26) & 3);
    const s2 = base + 8 + ((h >>> 28) & 3);
    const s3 = base + 12 + (h >>> 30);
    const c0 = t[s0];
    const c1 = t[s1];
    const c2 = t[s2];
    const c3 = t[s3];
    const lo = c0 < c1 ? c0 : c1;
    const hi = c2 < c3 ? c2 : c3;
    const min = lo < hi ? lo : hi;
    if (min >= MAX_COUNT) return;
    if (c0 === min) t[s0] = min + 1;
    if (c1 === min) t[s1] = min + 1;
    if (c2 === min) t[s2] = min + 1;
    if (c3 === min) t[s3] = min + 1;
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
