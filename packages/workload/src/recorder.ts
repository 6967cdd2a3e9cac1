import { appendFile } from 'node:fs/promises';
import { TraceBuilder } from './builder.js';
import { WorkloadError } from './errors.js';
import { KeyTable } from './key-table.js';
import { traceFromColumns } from './load.js';
import type { Trace } from './trace.js';
import { encodeTrace, writeTrace, type WriteTraceOptions } from './write.js';

/** Per-request details for `TraceRecorder.record`. */
export interface RecordOptions {
  /** Object size in bytes. */
  readonly size?: number;
  /** Operation name (e.g. `'get'`, `'set'`); at most 255 distinct names. */
  readonly op?: string;
  /** Timestamp in the caller's unit. */
  readonly time?: number;
}

/** Options of `TraceRecorder`. */
export interface TraceRecorderOptions {
  /** Requests to make room for up front. @default 4096 */
  readonly initialCapacity?: number;
}

const DEFAULT_INITIAL_CAPACITY = 4096;
const NO_OPTIONS: RecordOptions = {};

/**
 * Records requests from a live program into typed columns (keys interned to dense ids),
 * then hands them out as a `Trace` or writes them in any format with a writer. Sizes, ops
 * and times get a column the first time one is given (earlier requests read 1, op index
 * of `'get'`, and 0 respectively).
 */
export class TraceRecorder {
  private readonly keys = new KeyTable();
  private b: TraceBuilder;
  private flushed = new Set<string>();
  private hasColumns = false;

  constructor(options: TraceRecorderOptions = {}) {
    this.b = new TraceBuilder(this.keys, { sizes: false, timestamps: false, ops: false }, options.initialCapacity ?? DEFAULT_INITIAL_CAPACITY);
  }

  /** Requests recorded since the last flush. */
  get requests(): number {
    return this.b.length;
  }

  /** Distinct keys seen since the recorder was made (ids stay stable across flushes). */
  get uniqueKeys(): number {
    return this.keys.size;
  }

  /** Records one request. Integer keys in [0, 2^53) and bigints are interned as integers; other values by their text. */
  record(key: string | number | bigint, options: RecordOptions = NO_OPTIONS): void {
    let id: number;
    if (typeof key === 'string') {
      id = this.keys.internString(key);
    } else if (typeof key === 'number') {
      id = key >>> 0 === key ? this.keys.intern32(key) : Number.isSafeInteger(key) && key >= 0 ? this.keys.internNumber(key) : this.keys.internString(String(key));
    } else {
      id = key >= 0n && key < 1n << 64n ? this.keys.internBigInt(key) : this.keys.internString(key.toString());
    }
    const b = this.b;
    const i = b.length === b.ids.length ? (b.reserve(1), b.length) : b.length;
    b.ids[i] = id;
    b.length = i + 1;
    if (options !== NO_OPTIONS || this.hasColumns) this.details(i, options);
  }

  private details(i: number, o: RecordOptions): void {
    const b = this.b;
    if (o.size !== undefined && b.sizes === undefined) b.sizes = new Uint32Array(b.ids.length).fill(1);
    if (o.time !== undefined && b.timestamps === undefined) b.timestamps = new Float64Array(b.ids.length);
    if (o.op !== undefined && b.ops === undefined) b.ops = new Uint8Array(b.ids.length).fill(i > 0 ? b.opCode('get') : 0);
    this.hasColumns = true;
    if (b.sizes) b.sizes[i] = o.size ?? 1;
    if (b.timestamps) b.timestamps[i] = o.time ?? 0;
    if (b.ops) b.ops[i] = b.opCode(o.op ?? 'get');
  }

  /** The requests recorded since the last flush, as a Trace (copies). */
  toTrace(): Trace {
    const cols = this.b.finish();
    const copy = {
      ids: cols.ids.slice(),
      ...(cols.sizes ? { sizes: cols.sizes.slice() } : {}),
      ...(cols.timestamps ? { timestamps: cols.timestamps.slice() } : {}),
      ...(cols.ops ? { ops: cols.ops.slice() } : {}),
    };
    return traceFromColumns(copy, this.keys, [...this.b.opNames], 'recorded');
  }

  /** Writes what was recorded since the last flush to `path` and starts a new batch; later flushes to the same path append (CSV header written once). */
  async flush(path: string, options: WriteTraceOptions): Promise<void> {
    if (this.b.length > 0) {
      const trace = this.toTrace();
      if (this.flushed.has(path)) {
        if (path.endsWith('.gz')) throw new WorkloadError('INVALID_OPTION', `${path}: cannot append to a gzip file; flush to a new path`);
        try {
          await appendFile(path, encodeTrace(trace, { ...options, header: false }));
        } catch (error) {
          throw new WorkloadError('TRACE_IO', `${path}: cannot append the trace (${String(error)})`, { file: path }, { cause: error });
        }
      } else await writeTrace(path, trace, options);
      this.flushed.add(path);
    }
    this.clear();
  }

  /** Drops the recorded requests (the key table is kept so ids stay stable). */
  clear(): void {
    this.b = new TraceBuilder(this.keys, { sizes: false, timestamps: false, ops: false }, Math.min(this.b.ids.length, 1 << 16));
    this.hasColumns = false;
  }
}
