// Shared plumbing of the policies: options, id-array growth, replay loop, byte-size changes.
import { grownLength, resolvePolicyOptions } from './policy.js';
import type { CapacityUnit, Policy, PolicyOptions } from './policy.js';

export abstract class BasePolicy implements Policy {
  readonly name: string;
  readonly capacity: number;
  readonly unit: CapacityUnit;
  protected readonly bytes: boolean;
  protected readonly onEvict: ((id: number) => void) | undefined;
  /** Length of the per-id arrays. */
  protected n: number;

  constructor(name: string, options: PolicyOptions) {
    const o = resolvePolicyOptions(name, options);
    this.name = name;
    this.capacity = o.capacity;
    this.bytes = o.bytes;
    this.unit = o.bytes ? 'bytes' : 'objects';
    this.onEvict = o.onEvict;
    this.n = o.maxIdHint;
  }

  abstract get size(): number;
  abstract get used(): number;
  abstract access(id: number, size?: number, keyHash?: number): boolean;
  abstract contains(id: number): boolean;
  abstract remove(id: number): boolean;
  /** Reallocates the per-id arrays to length `n`. */
  protected abstract grow(n: number): void;

  protected ensure(id: number): void {
    if (id >= this.n) {
      const n = grownLength(this.n, id);
      this.grow(n);
      this.n = n;
    }
  }

  /** Size of a request in the capacity's unit. */
  protected sizeOf(size: number | undefined): number {
    return this.bytes ? (size ?? 1) : 1;
  }

  /** A hit whose byte size changed: re-admitted as new under the new size, with its key hash (still reported as a hit). */
  protected resized(id: number, size: number, keyHash?: number): boolean {
    this.remove(id);
    this.access(id, size, keyHash);
    return true;
  }

  replay(ids: Uint32Array, sizes?: Uint32Array): number {
    let hits = 0;
    if (this.bytes && sizes !== undefined) {
      for (let i = 0; i < ids.length; i++) if (this.access(ids[i], sizes[i])) hits++;
      return hits;
    }
    for (let i = 0; i < ids.length; i++) if (this.access(ids[i])) hits++;
    return hits;
  }
}
