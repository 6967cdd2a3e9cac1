/**
 * Interns keys into dense ids (0, 1, 2, ... in first-seen order).
 *
 * Integer keys up to 64 bits are held as two uint32 halves in open-addressing hash tables
 * over typed arrays (linear probing), so a 64-bit key is never turned into a JS number or a
 * bigint on the hot path. Keys below 2^32 live in a narrow table (2 words per slot: id + 1,
 * key), wider ones in a wide table (4 words: id + 1, low, high, spare): the common 32-bit
 * case touches half the memory. String keys that are not integers go to a plain
 * `Map<string, number>` sharing the same ids.
 */
import { WorkloadError } from './errors.js';
const MIN_CAPACITY = 1 << 12;
/** Tables grow past this load factor. */
const MAX_LOAD = 0.6;
/** Marks an id whose key is a string (kept in `strings`). */
const STRING_KEY = 0xffffffff;
const TWO_POW_32 = 4294967296;
/** Keys interned per call of the inner loop (see internUint32BigEndian). */
const INTERN_SLICE = 1 << 16;

function hash(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class KeyTable {
  /** Number of distinct keys interned so far. */
  size = 0;
  private narrow: Uint32Array;
  private narrowMask: number;
  private narrowUsed = 0;
  private narrowGrowAt: number;
  private wide: Uint32Array;
  private wideMask: number;
  private wideUsed = 0;
  private wideGrowAt: number;
  private keyLo: Uint32Array;
  private keyHi: Uint32Array;
  private keyKind: Uint8Array;
  private readonly strings = new Map<string, number>();
  private readonly stringOf = new Map<number, string>();

  /** `expectedKeys` presizes the narrow table (rounded up to a power of two slots). */
  constructor(expectedKeys = 0) {
    let capacity = MIN_CAPACITY;
    while (capacity < expectedKeys) capacity *= 2;
    this.narrow = new Uint32Array(capacity * 2);
    this.narrowMask = capacity - 1;
    this.narrowGrowAt = Math.floor(capacity * MAX_LOAD);
    this.wide = new Uint32Array(MIN_CAPACITY * 4);
    this.wideMask = MIN_CAPACITY - 1;
    this.wideGrowAt = Math.floor(MIN_CAPACITY * MAX_LOAD);
    const perId = Math.max(1024, Math.floor(expectedKeys * MAX_LOAD));
    this.keyLo = new Uint32Array(perId);
    this.keyHi = new Uint32Array(perId);
    this.keyKind = new Uint8Array(perId);
  }

  /** Dense id of the 64-bit key `hi * 2^32 + lo` (both uint32). */
  intern64(hi: number, lo: number): number {
    if (hi === 0) return this.intern32(lo);
    const slots = this.wide;
    const mask = this.wideMask;
    let s = hash(hi, lo) & mask;
    for (;;) {
      const base = s << 2;
      const idPlus1 = slots[base];
      if (idPlus1 === 0) break;
      if (slots[base + 1] === lo && slots[base + 2] === hi) return idPlus1 - 1;
      s = (s + 1) & mask;
    }
    return this.insertWide(s << 2, hi, lo);
  }

  /** Dense id of a uint32 key. */
  intern32(key: number): number {
    const slots = this.narrow;
    const mask = this.narrowMask;
    let s = hash(0, key) & mask;
    for (;;) {
      const base = s << 1;
      const idPlus1 = slots[base];
      if (idPlus1 === 0) break;
      if (slots[base + 1] === key) return idPlus1 - 1;
      s = (s + 1) & mask;
    }
    return this.insertNarrow(s << 1, key);
  }

  /**
   * Interns `count` big-endian uint32 keys from `buf[offset..]`, writing ids to `out[at..]`.
   * The probe is inlined and compares keys as int32 (the same bits as the uint32 stored):
   * calling a method per key, or comparing uint32 values, would turn keys above 2^31 into
   * doubles. It works in slices: each call is short enough to be optimised between calls
   * rather than by on-stack replacement in the middle of one long loop.
   */
  internUint32BigEndian(buf: Uint8Array, offset: number, count: number, out: Uint32Array, at: number): void {
    for (let done = 0; done < count; done += INTERN_SLICE) {
      const n = Math.min(INTERN_SLICE, count - done);
      this.internUint32Slice(buf, offset + done * 4, n, out, at + done);
    }
  }

  private internUint32Slice(buf: Uint8Array, offset: number, count: number, out: Uint32Array, at: number): void {
    let slots = new Int32Array(this.narrow.buffer);
    let mask = this.narrowMask;
    const end = offset + count * 4;
    for (let j = offset; j < end; j += 4) {
      const key = (buf[j] << 24) | (buf[j + 1] << 16) | (buf[j + 2] << 8) | buf[j + 3];
      let h = Math.imul(key, 0x85ebca6b);
      h ^= h >>> 15;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      let s = h & mask;
      let id = -1;
      for (;;) {
        const base = s << 1;
        const idPlus1 = slots[base];
        if (idPlus1 === 0) break;
        if (slots[base + 1] === key) {
          id = idPlus1 - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      if (id < 0) {
        id = this.insertNarrow(s << 1, key >>> 0);
        if (slots.buffer !== this.narrow.buffer) slots = new Int32Array(this.narrow.buffer);
        mask = this.narrowMask;
      }
      out[at++] = id;
    }
  }

  /** Interns `count` big-endian keys of `bytesPerKey` (4 or 8) bytes from `buf[offset..]`, writing ids to `out[at..]`. */
  internBigEndian(buf: Uint8Array, offset: number, count: number, bytesPerKey: 4 | 8, out: Uint32Array, at: number): void {
    if (bytesPerKey === 4) {
      this.internUint32BigEndian(buf, offset, count, out, at);
      return;
    }
    const end = offset + count * 8;
    for (let j = offset; j < end; j += 8) {
      const hi = ((buf[j] << 24) | (buf[j + 1] << 16) | (buf[j + 2] << 8) | buf[j + 3]) >>> 0;
      const lo = ((buf[j + 4] << 24) | (buf[j + 5] << 16) | (buf[j + 6] << 8) | buf[j + 7]) >>> 0;
      out[at++] = this.intern64(hi, lo);
    }
  }

  /** Dense id of a non-negative safe integer (up to 2^53 - 1). */
  internNumber(key: number): number {
    const hi = Math.floor(key / TWO_POW_32);
    return this.intern64(hi >>> 0, key >>> 0);
  }

  /** Dense id of a string key (not parsed as a number). */
  internString(key: string): number {
    const known = this.strings.get(key);
    if (known !== undefined) return known;
    const id = this.newId(0, 0, 1);
    this.strings.set(key, id);
    this.stringOf.set(id, key);
    return id;
  }

  /** Dense id of a bigint key taken modulo 2^64 (off the hot path). */
  internBigInt(key: bigint): number {
    const u = BigInt.asUintN(64, key);
    return this.intern64(Number(u >> 32n), Number(u & 0xffffffffn));
  }

  /** The original key of `id`: decimal text for integer keys, the string itself otherwise. */
  keyOf(id: number): string {
    if (id < 0 || id >= this.size) throw new WorkloadError('KEY_ID_OUT_OF_RANGE', `key id ${id} is not in 0..${this.size - 1}; pass an id from this trace`);
    if (this.keyKind[id] === 1) return this.stringOf.get(id)!;
    const hi = this.keyHi[id];
    const lo = this.keyLo[id];
    if (hi < 0x200000) return String(hi * TWO_POW_32 + lo);
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
  }

  /** High and low uint32 halves of an integer key (string keys give [STRING_KEY, id]). */
  keyHalves(id: number): [hi: number, lo: number] {
    if (this.keyKind[id] === 1) return [STRING_KEY, id];
    return [this.keyHi[id], this.keyLo[id]];
  }

  /** True when `id` came from a string key. */
  isStringKey(id: number): boolean {
    return this.keyKind[id] === 1;
  }

  private insertNarrow(base: number, key: number): number {
    const id = this.newId(0, key, 0);
    this.narrow[base] = id + 1;
    this.narrow[base + 1] = key;
    if (++this.narrowUsed > this.narrowGrowAt) this.rehash(false);
    return id;
  }

  private insertWide(base: number, hi: number, lo: number): number {
    const id = this.newId(hi, lo, 0);
    this.wide[base] = id + 1;
    this.wide[base + 1] = lo;
    this.wide[base + 2] = hi;
    if (++this.wideUsed > this.wideGrowAt) this.rehash(true);
    return id;
  }

  private newId(hi: number, lo: number, kind: number): number {
    const id = this.size++;
    if (id >= this.keyLo.length) {
      const n = this.keyLo.length * 2;
      this.keyLo = grow(this.keyLo, n);
      this.keyHi = grow(this.keyHi, n);
      const kinds = new Uint8Array(n);
      kinds.set(this.keyKind);
      this.keyKind = kinds;
    }
    this.keyLo[id] = lo;
    this.keyHi[id] = hi;
    this.keyKind[id] = kind;
    return id;
  }

  /** Doubles one table; ids and keys are re-read from the per-id arrays. */
  private rehash(wide: boolean): void {
    const stride = wide ? 4 : 2;
    const old = wide ? this.wide : this.narrow;
    const capacity = (old.length / stride) * 2;
    const slots = new Uint32Array(capacity * stride);
    const mask = capacity - 1;
    for (let b = 0; b < old.length; b += stride) {
      const idPlus1 = old[b];
      if (idPlus1 === 0) continue;
      const lo = old[b + 1];
      const hi = wide ? old[b + 2] : 0;
      let s = hash(hi, lo) & mask;
      while (slots[s * stride] !== 0) s = (s + 1) & mask;
      slots[s * stride] = idPlus1;
      slots[s * stride + 1] = lo;
      if (wide) slots[s * stride + 2] = hi;
    }
    const growAt = Math.floor(capacity * MAX_LOAD);
    if (wide) {
      this.wide = slots;
      this.wideMask = mask;
      this.wideGrowAt = growAt;
    } else {
      this.narrow = slots;
      this.narrowMask = mask;
      this.narrowGrowAt = growAt;
    }
  }
}

function grow(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}
