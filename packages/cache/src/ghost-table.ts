// Hash → id for the memory level's remembered (evicted) keys: open addressing with linear
// probing over typed arrays (no allocation per operation, no GC churn), backward-shift
// deletion, load kept at or below 1/2.

const EMPTY = -1;

export class GhostTable {
  private hashes = new Int32Array(1024).fill(EMPTY);
  private ids = new Int32Array(1024);
  private mask = 1023;
  size = 0;

  /** The id stored for `hash` (a non-negative 30-bit number), or -1. */
  get(hash: number): number {
    const hashes = this.hashes;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const h = hashes[i];
      if (h === hash) return this.ids[i];
      if (h === EMPTY) return EMPTY;
    }
  }

  /** Stores `id` for `hash`; returns the id it replaced, or -1. */
  set(hash: number, id: number): number {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const hashes = this.hashes;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const h = hashes[i];
      if (h === hash) {
        const old = this.ids[i];
        this.ids[i] = id;
        return old;
      }
      if (h === EMPTY) {
        hashes[i] = hash;
        this.ids[i] = id;
        this.size++;
        return EMPTY;
      }
    }
  }

  /** Removes `hash`; returns its id, or -1. */
  delete(hash: number): number {
    const hashes = this.hashes;
    const ids = this.ids;
    const mask = this.mask;
    let i = hash & mask;
    for (; ; i = (i + 1) & mask) {
      const h = hashes[i];
      if (h === hash) break;
      if (h === EMPTY) return EMPTY;
    }
    const removed = ids[i];
    // Backward shift: pull later entries of the probe run into the hole when their home allows.
    for (let j = (i + 1) & mask; hashes[j] !== EMPTY; j = (j + 1) & mask) {
      const home = hashes[j] & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        hashes[i] = hashes[j]!;
        ids[i] = ids[j]!;
        i = j;
      }
    }
    hashes[i] = EMPTY;
    this.size--;
    return removed;
  }

  clear(): void {
    this.hashes.fill(EMPTY);
    this.size = 0;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldIds = this.ids;
    this.hashes = new Int32Array(oldHashes.length * 2).fill(EMPTY);
    this.ids = new Int32Array(oldHashes.length * 2);
    this.mask = this.hashes.length - 1;
    this.size = 0;
    for (let i = 0; i < oldHashes.length; i++) if (oldHashes[i] !== EMPTY) this.set(oldHashes[i], oldIds[i]);
  }
}
