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
  /** The format the trace was read as. */
  readonly format?: string;
}
