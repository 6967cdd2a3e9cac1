// TinyLFU's frequency estimate (Einziger, Friedman & Manes, 2017): a count-min sketch of
// 4-bit counters with periodic halving (aging), behind a doorkeeper bloom filter that
// absorbs one-hit wonders. Admission only: it never decides eviction order.
// Layout after Caffeine's block-based sketch: an id's four counters (one per row) and its two
// doorkeeper bits lie in one 32-byte block, so an update reads one cache line, from one hash.
// (Doorkeeper bits in a table of their own cost a second random read per request; merged, the
// policy ran 1.11x faster. The reference margins this layout gives are in the README.)

/** Requests between agings, as a multiple of the cache capacity (Caffeine uses 10). */
export const SKETCH_SAMPLE_FACTOR = 10;
const MAX_COUNT = 15;

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

/** The sketch's hash of an id: `incrementHash(sketchHash(id))` is `increment(id)`, for callers that keep the hash instead of the id. */
export function sketchHash(id: number): number {
  return mix(id, SKETCH_SEED);
}
/** Int32 words per block: four of counters (16 bytes, one per row and candidate), four of doorkeeper bits. */
const BLOCK_WORDS = 8;
/** Multiplier deriving the doorkeeper's bit choices from the id's hash. */
const DOOR_MULTIPLIER = 0x9e3779b1;

/** Index in `words` of the doorkeeper word of the id with hash h in `block`. */
function doorWord(h: number, block: number): number {
  return block * BLOCK_WORDS + 4 + (Math.imul(h, DOOR_MULTIPLIER) >>> 30);
}

/** The id's two doorkeeper bits within its door word. */
function doorBits(h: number): number {
  const d = Math.imul(h, DOOR_MULTIPLIER);
  return (1 << ((d >>> 25) & 31)) | (1 << ((d >>> 20) & 31));
}

/**
 * Count-min sketch with a doorkeeper; estimates how often an id was requested lately.
 * One hash h picks the id's block; row r's counter is byte `4r + ((h >>> (24 + 2r)) & 3)` of
 * the block, and its two doorkeeper bits lie among the block's 128 (chosen by a second
 * multiply of h). An update or an estimate reads one 32-byte block: one cache line.
 */
export class FrequencySketch {
  /** Block b: counters in bytes 32b .. 32b + 15, doorkeeper bits in words 8b + 4 .. 8b + 7. */
  private readonly table: Uint8Array;
  /** The same memory as `table`, as words (doorkeeper, aging). */
  private readonly words: Int32Array;
  private readonly blockMask: number;
  private additions = 0;
  readonly sampleSize: number;

  /** `capacity`: the number of entries the cache holds (sizes the tables and the aging period). */
  constructor(capacity: number) {
    // At least `capacity` counters per row, as a row-per-array count-min of width `capacity` has.
    let blocks = 4;
    while (blocks * 4 < capacity) blocks *= 2;
    this.words = new Int32Array(blocks * BLOCK_WORDS);
    this.table = new Uint8Array(this.words.buffer);
    this.blockMask = blocks - 1;
    this.sampleSize = Math.max(16, SKETCH_SAMPLE_FACTOR * capacity);
  }

  /** Estimated count of `id` (doorkeeper bit included). */
  frequency(id: number): number {
    return this.frequencyOfHash(mix(id, SKETCH_SEED));
  }

  /** Estimated count of the id whose `sketchHash` is `h`. */
  frequencyOfHash(h: number): number {
    const t = this.table;
    const block = h & this.blockMask;
    const base = block * 4 * BLOCK_WORDS;
    let min = t[base + ((h >>> 24) & 3)];
    const c1 = t[base + 4 + ((h >>> 26) & 3)];
    if (c1 < min) min = c1;
    const c2 = t[base + 8 + ((h >>> 28) & 3)];
    if (c2 < min) min = c2;
    const c3 = t[base + 12 + (h >>> 30)];
    if (c3 < min) min = c3;
    const bits = doorBits(h);
    return (this.words[doorWord(h, block)] & bits) === bits ? min + 1 : min;
  }

  /** Records one request of `id`. */
  increment(id: number): void {
    this.incrementHash(mix(id, SKETCH_SEED));
  }

  /** Records one request of the id whose `sketchHash` is `h`. */
  incrementHash(h: number): void {
    const block = h & this.blockMask;
    const words = this.words;
    const word = doorWord(h, block);
    const bits = doorBits(h);
    const held = words[word];
    if ((held & bits) !== bits) words[word] = held | bits;
    else this.count(h, block * 4 * BLOCK_WORDS);
    if (++this.additions >= this.sampleSize) this.age();
  }

  /** Conservative update of the four counters (hash h, block at byte `base`): only the smallest grow. */
  private count(h: number, base: number): void {
    const t = this.table;
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
    // Four 8-bit counters per 32-bit word: shift the word, drop the bit each byte got from its neighbour.
    const words = this.words;
    for (let b = 0; b < words.length; b += BLOCK_WORDS) {
      words[b] = (words[b] >>> 1) & 0x7f7f7f7f;
      words[b + 1] = (words[b + 1] >>> 1) & 0x7f7f7f7f;
      words[b + 2] = (words[b + 2] >>> 1) & 0x7f7f7f7f;
      words[b + 3] = (words[b + 3] >>> 1) & 0x7f7f7f7f;
      words[b + 4] = 0;
      words[b + 5] = 0;
      words[b + 6] = 0;
      words[b + 7] = 0;
    }
  }
}
