// Key → id for the memory level's resident keys: open addressing with linear probing over one
// typed array of (keyHash30, id) pairs, backward-shift deletion, load at most 1/2. A probe
// compares the stored hash first, so a key's string is read only when the hashes match;
// V8's Map compares the string of every entry in a bucket's chain, and those strings are
// scattered over the heap (on the bench's Zipf workload that was the largest single cost).

const EMPTY = -1;

export class KeyTable {
  /** Slot i holds a key's hash at 2i and its id at 2i + 1 (EMPTY: a free slot). */
  private pairs: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 512) {
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.pairs = new Int32Array(2 * slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  /** The id of `key` (whose keyHash30 is `hash`), or -1; `entries[2 · id]` is each id's key. */
  find(key: string, hash: number, entries: readonly unknown[]): number {
    const pairs = this.pairs;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = pairs[2 * i + 1];
      if (id === EMPTY) return EMPTY;
      if (pairs[2 * i] === hash && entries[2 * id] === key) return id;
    }
  }

  /** Adds `id` under `hash` (its key must not be in the table). */
  insert(hash: number, id: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const pairs = this.pairs;
    const mask = this.mask;
    let i = hash & mask;
    while (pairs[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
    pairs[2 * i] = hash;
    pairs[2 * i + 1] = id;
    this.size++;
  }

  /** Removes `id`, stored under `hash`; false when it is not there. */
  remove(hash: number, id: number): boolean {
    const pairs = this.pairs;
    const mask = this.mask;
    let i = hash & mask;
    for (; ; i = (i + 1) & mask) {
      const stored = pairs[2 * i + 1];
      if (stored === EMPTY) return false;
      if (stored === id) break;
    }
    this.size--;
    // Backward shift: later entries of the probe run move into the hole unless their home slot lies cyclically in (hole, j].
    let hole = i;
    for (let j = (i + 1) & mask; pairs[2 * j + 1] !== EMPTY; j = (j + 1) & mask) {
      const home = pairs[2 * j] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        pairs[2 * hole] = pairs[2 * j];
        pairs[2 * hole + 1] = pairs[2 * j + 1];
        hole = j;
      }
    }
    pairs[2 * hole] = EMPTY;
    pairs[2 * hole + 1] = EMPTY;
    return true;
  }

  private grow(): void {
    const old = this.pairs;
    const slots = 2 * (this.mask + 1);
    this.pairs = new Int32Array(2 * slots).fill(EMPTY);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== EMPTY) this.insert(old[i], old[i + 1]);
  }
}
