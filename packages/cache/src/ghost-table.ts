// Hash → id for the memory level's remembered (evicted) keys: open addressing with linear
// probing over one typed array of (hash, id) pairs, so a probe reads one cache line (no
// allocation per operation, no GC churn), backward-shift deletion, load kept at or below 1/2.

const EMPTY = -1;

export class GhostTable {
  /** Slot i holds its hash at 2i and its id at 2i + 1. */
  private pairs = new Int32Array(2048).fill(EMPTY);
  private mask = 1023;
  size = 0;

  /** The id stored for `hash` (a non-negative 30-bit number), or -1. */
  get(hash: number): number {
    const pairs = this.pairs;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const h = pairs[2 * i];
      if (h === hash) return pairs[2 * i + 1];
      if (h === EMPTY) return EMPTY;
    }
  }

  /** Stores `id` for `hash`; returns the id it replaced, or -1. */
  set(hash: number, id: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const pairs = this.pairs;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const h = pairs[2 * i];
      if (h === hash) {
        const old = pairs[2 * i + 1];
        pairs[2 * i + 1] = id;
        return old;
      }
      if (h === EMPTY) {
        pairs[2 * i] = hash;
        pairs[2 * i + 1] = id;
        this.size++;
        return EMPTY;
      }
    }
  }

  /** Removes `hash`; returns its id, or -1. */
  delete(hash: number): number {
    const pairs = this.pairs;
    const mask = this.mask;
    let i = hash & mask;
    for (; ; i = (i + 1) & mask) {
      const h = pairs[2 * i];
      if (h === hash) break;
      if (h === EMPTY) return EMPTY;
    }
    const removed = pairs[2 * i + 1];
    // Backward shift: pull later entries of the probe run into the hole when their home allows.
    for (let j = (i + 1) & mask; pairs[2 * j] !== EMPTY; j = (j + 1) & mask) {
      const home = pairs[2 * j] & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        pairs[2 * i] = pairs[2 * j];
        pairs[2 * i + 1] = pairs[2 * j + 1];
        i = j;
      }
    }
    pairs[2 * i] = EMPTY;
    this.size--;
    return removed;
  }

  clear(): void {
    this.pairs.fill(EMPTY);
    this.size = 0;
  }

  private grow(): void {
    const old = this.pairs;
    this.pairs = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) this.set(old[i], old[i + 1]);
  }
}
