// The one small interface every eviction policy satisfies, shared by the trace simulator
// and the runtime memory level of @perf/cache: integer ids in, hit or miss out.
import { CacheTunerError } from './errors.js';

/** What a capacity counts: objects (every entry counts 1) or bytes (the sizes given to `access`). */
export type CapacityUnit = 'objects' | 'bytes';

/** Options of `createPolicy`. */
export interface PolicyOptions {
  /** Capacity in `unit`s; a positive number. */
  readonly capacity: number;
  /** `'objects'` counts entries, `'bytes'` sums the sizes passed to `access`. `'entries'` is an alias of `'objects'`. @default 'objects' */
  readonly unit?: CapacityUnit | 'entries';
  /** Called with every id that leaves the cache by eviction, and with an id a policy declines to admit on a miss. Not called by `remove`. */
  readonly onEvict?: (id: number) => void;
  /** Expected largest id + 1, to size the typed arrays up front (they grow past it when needed). @default 1024 */
  readonly maxIdHint?: number;
  /** For `belady` only: for each request i of the trace about to be replayed, the index of the next request to the same id (`NO_NEXT_ACCESS` when none). See `nextAccessIndex`. */
  readonly nextAccess?: Int32Array;
}

/**
 * An eviction policy over non-negative integer ids.
 *
 * `access(id, size)` records a request: returns true on a hit; on a miss the id is admitted
 * (evicting others as needed, each reported to `onEvict`) or declined (reported to
 * `onEvict` too, so a runtime cache can drop the value). In byte mode `size` is the
 * object's size (an object larger than the capacity is never admitted); on a hit a
 * different size replaces the stored one. Ids may grow beyond `maxIdHint`.
 */
export interface Policy {
  readonly name: string;
  readonly capacity: number;
  readonly unit: CapacityUnit;
  /** Resident entries. */
  readonly size: number;
  /** Capacity in use, in `unit`s (equals `size` in object mode). */
  readonly used: number;
  /**
   * `keyHash`: a stable hash of the request's key, for policies that keep history by key
   * (W-TinyLFU's sketch and climber count it instead of the id, so a runtime cache may
   * recycle ids). Read when `id` is not resident; others ignore it. @default id
   */
  access(id: number, size?: number, keyHash?: number): boolean;
  /** True when `id` is resident (does not count as an access). */
  contains(id: number): boolean;
  /** Drops `id` (resident or remembered in a ghost list) without calling `onEvict`; true when it was resident. */
  remove(id: number): boolean;
  /** Replays a whole sequence of ids (and sizes in byte mode); returns the number of hits. Faster than calling `access` in a loop. */
  replay(ids: Uint32Array, sizes?: Uint32Array): number;
}

/** Default for `maxIdHint`. */
export const DEFAULT_MAX_ID_HINT = 1024;
/** Marker in `nextAccess` for a request whose id is never requested again. */
export const NO_NEXT_ACCESS = 0x7fffffff;
export const NIL = -1;

export interface ResolvedPolicyOptions {
  capacity: number;
  bytes: boolean;
  onEvict: ((id: number) => void) | undefined;
  maxIdHint: number;
}

/** Validates and resolves the shared options once. */
export function resolvePolicyOptions(name: string, options: PolicyOptions): ResolvedPolicyOptions {
  const { capacity } = options;
  if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity <= 0) {
    throw new CacheTunerError(
      'INVALID_SIZE',
      `policy "${name}": capacity must be a positive number, got ${String(capacity)}; give the cache size in objects (or bytes with unit: 'bytes')`,
    );
  }
  const unit = options.unit ?? 'objects';
  if (unit !== 'objects' && unit !== 'bytes' && unit !== 'entries') {
    throw new CacheTunerError('INVALID_OPTION', `policy "${name}": unit must be 'objects' or 'bytes', got ${String(unit)}`);
  }
  const bytes = unit === 'bytes';
  return {
    capacity: bytes ? capacity : Math.floor(capacity) || 1,
    bytes,
    onEvict: options.onEvict,
    maxIdHint: Math.max(16, Math.ceil(options.maxIdHint ?? DEFAULT_MAX_ID_HINT)),
  };
}

/** A copy of `a` with length `n` (n >= a.length). */
export function growInt32(a: Int32Array, n: number, fill = 0): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
export function growUint8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
export function growFloat64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
export function growUint32(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

/** New length for arrays that must index `id`. */
export function grownLength(current: number, id: number): number {
  if (!Number.isInteger(id) || id < 0 || id > 0xfffffffe) {
    throw new CacheTunerError('INVALID_OPTION', `ids must be integers in 0 .. 2^32-2, got ${String(id)}`);
  }
  let n = current;
  while (n <= id) n *= 2;
  return n;
}
