/**
 * A loaded access trace: one dense id per distinct key, in first-seen order
 * (ids are 0 .. uniqueKeys - 1), so simulators index typed arrays by id.
 */
export interface Trace {
  /** Number of requests (`ids.length`). */
  readonly requests: number;
  /** Number of distinct keys. */
  readonly uniqueKeys: number;
  /** Dense key id of each request. */
  readonly ids: Uint32Array;
  /** Object size in bytes of each request, when the format carries sizes. */
  readonly sizes?: Uint32Array;
  /** Timestamp of each request (format's unit), when the format carries times. */
  readonly timestamps?: Float64Array;
  /** Operation of each request, as an index into `opNames`, when the format carries one. */
  readonly ops?: Uint8Array;
  /** Names of the operations `ops` indexes (e.g. `['l', 's']` for address traces). */
  readonly opNames?: readonly string[];
  /** The format the trace was read as. */
  readonly format?: string;
  /** Lines or records skipped under `onError: 'skip'` (0 when none). */
  readonly skipped?: number;
  /** The original key of a dense id (decimal text for integer keys, which may exceed 2^53). */
  keyOf?(id: number): string;
}

/** A piece of a trace from `streamTrace`: requests `start .. start + requests - 1`. */
export interface TraceChunk {
  /** Index of this chunk's first request in the whole trace. */
  readonly start: number;
  readonly requests: number;
  /** Distinct keys seen so far (ids in this chunk are below it). */
  readonly uniqueKeys: number;
  readonly ids: Uint32Array;
  readonly sizes?: Uint32Array;
  readonly timestamps?: Float64Array;
  readonly ops?: Uint8Array;
  /** Lines or records skipped so far. */
  readonly skipped: number;
}

/** Which optional columns a format (with its options) fills. */
export interface TraceFields {
  readonly sizes: boolean;
  readonly timestamps: boolean;
  readonly ops: boolean;
}
