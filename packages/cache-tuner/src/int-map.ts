// A map from 32-bit integer keys to small non-negative integers in two typed arrays (open
// addressing, linear probing, deletion by backward shift): what a Map<number, number> does,
// without its allocation and rehashing churn, for the window climber's per-request lookups.

/** Mixes a key into a table position (murmur3's finaliser). */
function spread(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class IntIdMap {
  private keys: Int32Array;
  /** Value + 1 of each slot; 0 marks an empty slot. */
  private values: Int32Array;
  private mask: number;
  size = 0;

  /** `expected`: entries held at once (the table starts at least twice that, and doubles past half full). */
  constructor(expected: number) {
    let n = 16;
    while (n < expected * 2) n *= 2;
    this.keys = new Int32Array(n);
    this.values = new Int32Array(n);
    this.mask = n - 1;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const values = this.values;
    for (let i = spread(key) & this.mask; ; i = (i + 1) & this.mask) {
      const v = values[i];
      if (v === 0) return -1;
      if (keys[i] === key) return v - 1;
    }
  }

  /** Sets `key` (not present) to `value` (>= 0). */
  add(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.rehash(this.keys.length * 2);
    let i = spread(key) & this.mask;
    while (this.values[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value + 1;
    this.size++;
  }

  /** Removes `key` if present. */
  delete(key: number): void {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let i = spread(key) & mask;
    for (; ; i = (i + 1) & mask) {
      if (values[i] === 0) return;
      if (keys[i] === key) break;
    }
    this.size--;
    // Backward shift: move later entries of the probe run into the hole when their home allows.
    let hole = i;
    for (let j = (i + 1) & mask; values[j] !== 0; j = (j + 1) & mask) {
      const home = spread(keys[j]) & mask;
      // j may fill the hole unless its home lies cyclically in (hole, j].
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = 0;
  }

  private rehash(n: number): void {
    const { keys, values } = this;
    this.keys = new Int32Array(n);
    this.values = new Int32Array(n);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] !== 0) this.add(keys[i], values[i] - 1);
  }
}
