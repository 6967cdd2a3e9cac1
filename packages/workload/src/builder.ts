import type { KeyTable } from './key-table.js';
import type { TraceFields } from './trace.js';

const MAX_OPS = 255;
const OTHER_OP = 'other';

/** Growable columns of requests that readers append to; keys interned by `keys`. */
export class TraceBuilder {
  ids: Uint32Array;
  sizes: Uint32Array | undefined;
  timestamps: Float64Array | undefined;
  ops: Uint8Array | undefined;
  length = 0;
  readonly opNames: string[] = [];
  private readonly opIndex = new Map<string, number>();

  constructor(
    readonly keys: KeyTable,
    readonly fields: TraceFields,
    capacity = 1024,
  ) {
    const n = Math.max(16, capacity);
    this.ids = new Uint32Array(n);
    this.sizes = fields.sizes ? new Uint32Array(n) : undefined;
    this.timestamps = fields.timestamps ? new Float64Array(n) : undefined;
    this.ops = fields.ops ? new Uint8Array(n) : undefined;
  }

  /** Makes room for `extra` more requests. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.ids.length) return;
    let n = this.ids.length * 2;
    while (n < need) n *= 2;
    this.ids = copyInto(new Uint32Array(n), this.ids, this.length);
    if (this.sizes) this.sizes = copyInto(new Uint32Array(n), this.sizes, this.length);
    if (this.timestamps) this.timestamps = copyInto(new Float64Array(n), this.timestamps, this.length);
    if (this.ops) this.ops = copyInto(new Uint8Array(n), this.ops, this.length);
  }

  /** Index of a new request slot (capacity ensured). */
  next(): number {
    if (this.length === this.ids.length) this.reserve(1);
    return this.length++;
  }

  /** Small integer code of an operation name (at most 254 distinct names, then all others share `'other'`). */
  opCode(name: string): number {
    const known = this.opIndex.get(name);
    if (known !== undefined) return known;
    if (this.opNames.length >= MAX_OPS - 1 && name !== OTHER_OP) return this.opCode(OTHER_OP);
    const code = this.opNames.length;
    this.opNames.push(name);
    this.opIndex.set(name, code);
    return code;
  }

  /** Removes and returns the first `count` requests (copies). */
  takeFirst(count: number): Columns {
    const n = Math.min(count, this.length);
    const out: Columns = { ids: this.ids.slice(0, n) };
    if (this.sizes) out.sizes = this.sizes.slice(0, n);
    if (this.timestamps) out.timestamps = this.timestamps.slice(0, n);
    if (this.ops) out.ops = this.ops.slice(0, n);
    const rest = this.length - n;
    this.ids.copyWithin(0, n, this.length);
    this.sizes?.copyWithin(0, n, this.length);
    this.timestamps?.copyWithin(0, n, this.length);
    this.ops?.copyWithin(0, n, this.length);
    this.length = rest;
    return out;
  }

  /** All requests, trimmed to length (no copy when already exact). */
  finish(): Columns {
    const n = this.length;
    const out: Columns = { ids: trim(this.ids, n) };
    if (this.sizes) out.sizes = trim(this.sizes, n);
    if (this.timestamps) out.timestamps = trim(this.timestamps, n);
    if (this.ops) out.ops = trim(this.ops, n);
    return out;
  }
}

export interface Columns {
  ids: Uint32Array;
  sizes?: Uint32Array;
  timestamps?: Float64Array;
  ops?: Uint8Array;
}

function copyInto<T extends Uint32Array | Float64Array | Uint8Array>(to: T, from: T, n: number): T {
  to.set(from.subarray(0, n));
  return to;
}

function trim<T extends Uint32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  return (a.length === n ? a : a.slice(0, n)) as T;
}
