import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { WorkloadError } from './errors.js';
import { ORACLE_GENERAL_RECORD_BYTES } from './formats/binary.js';
import type { Trace } from './trace.js';

/** How keys are written: the original integer keys, or dense ids (`id + 1`, as libCacheSim ids must be non-zero). */
export type WriteKeys = 'original' | 'dense' | 'auto';

/** Options of `encodeTrace` and `writeTrace`. */
export interface WriteTraceOptions {
  /** A format with a writer: see `traceWriterNames()`. */
  readonly format: string;
  /** `'auto'` writes original keys when every key is an integer below 2^64, else dense ids. @default 'auto' */
  readonly keys?: WriteKeys;
  /** CSV: write the header line. @default true */
  readonly header?: boolean;
  /** gzip the output. @default true when the path ends in `.gz` */
  readonly gzip?: boolean;
}

/** Turns a trace into the bytes of one format. */
export type TraceWriter = (trace: Trace, keys: OriginalKeys | undefined, options: WriteTraceOptions) => Uint8Array;

/** Original integer keys by id, as uint32 halves and as decimal text. */
export interface OriginalKeys {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly text: readonly string[];
}

const writers = new Map<string, TraceWriter>();

/** Adds a writer under a format name. */
export function registerTraceWriter(format: string, writer: TraceWriter): void {
  writers.set(format, writer);
}

export function traceWriterNames(): string[] {
  return [...writers.keys()];
}

/** The bytes of `trace` in `options.format` (uncompressed). */
export function encodeTrace(trace: Trace, options: WriteTraceOptions): Uint8Array {
  const writer = writers.get(options.format);
  if (writer === undefined) {
    throw new WorkloadError(
      'TRACE_UNKNOWN_FORMAT',
      `no writer for trace format "${options.format}"; writers exist for: ${traceWriterNames().join(', ')}`,
    );
  }
  return writer(trace, originalKeys(trace, options.keys ?? 'auto'), options);
}

/** Writes `trace` to `path` in `options.format` (gzip when the path ends in `.gz`). */
export async function writeTrace(path: string, trace: Trace, options: WriteTraceOptions): Promise<void> {
  let bytes = encodeTrace(trace, options);
  if (options.gzip ?? path.endsWith('.gz')) bytes = gzipSync(bytes);
  try {
    await writeFile(path, bytes);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    throw new WorkloadError('TRACE_IO', `${path}: cannot write the trace (${msg}); check the folder exists and is writable`, { file: path }, { cause: error });
  }
}

const U64_MAX = (1n << 64n) - 1n;

/** Original integer key of each id, or undefined when dense ids are to be written. */
function originalKeys(trace: Trace, mode: WriteKeys): OriginalKeys | undefined {
  if (mode === 'dense' || trace.keyOf === undefined) {
    if (mode === 'original') throw new WorkloadError('INVALID_OPTION', "keys: 'original' needs a trace that knows its keys (keyOf); use keys: 'dense'");
    return undefined;
  }
  const n = trace.uniqueKeys;
  const out = { hi: new Uint32Array(n), lo: new Uint32Array(n), text: new Array<string>(n) };
  for (let id = 0; id < n; id++) {
    const text = trace.keyOf(id);
    const k = /^\d{1,20}$/.test(text) ? BigInt(text) : -1n;
    if (k < 0n || k > U64_MAX) {
      if (mode === 'original') {
        throw new WorkloadError('INVALID_OPTION', `key "${text}" (id ${id}) is not an integer below 2^64, so it cannot be written as is; use keys: 'dense'`);
      }
      return undefined;
    }
    out.hi[id] = Number(k >> 32n);
    out.lo[id] = Number(k & 0xffffffffn);
    out.text[id] = text;
  }
  return out;
}

/** Virtual time (1-based index) of each request's next access to the same key, -1 when none (libCacheSim's convention). */
export function nextAccessVtime(ids: ArrayLike<number>, uniqueKeys: number): Float64Array {
  const next = new Float64Array(ids.length);
  const seen = new Float64Array(uniqueKeys).fill(-1);
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i];
    next[i] = seen[id];
    seen[id] = i + 1;
  }
  return next;
}

registerTraceWriter('oracle-general', (trace, keys) => {
  const n = trace.requests;
  const out = new Uint8Array(n * ORACLE_GENERAL_RECORD_BYTES);
  const view = new DataView(out.buffer);
  const next = nextAccessVtime(trace.ids, trace.uniqueKeys);
  const { ids, sizes, timestamps } = trace;
  for (let i = 0; i < n; i++) {
    const o = i * ORACLE_GENERAL_RECORD_BYTES;
    const time = timestamps ? timestamps[i] : i;
    view.setUint32(o, Math.min(0xffffffff, Math.max(0, Math.round(time))), true);
    const id = ids[i];
    view.setUint32(o + 4, keys ? keys.lo[id] : id + 1, true);
    view.setUint32(o + 8, keys ? keys.hi[id] : 0, true);
    view.setUint32(o + 12, sizes ? sizes[i] : 1, true);
    const nx = next[i];
    view.setUint32(o + 16, nx < 0 ? 0xffffffff : nx >>> 0, true);
    view.setUint32(o + 20, nx < 0 ? 0xffffffff : Math.floor(nx / 4294967296), true);
  }
  return out;
});

registerTraceWriter('libcachesim-csv', (trace, keys, options) => {
  const { ids, sizes, timestamps, ops, opNames } = trace;
  const keyText = keys?.text;
  const parts: string[] = [];
  if (options.header ?? true) parts.push(ops && opNames ? 'time,obj_id,obj_size,op\n' : 'time,obj_id,obj_size\n');
  let chunk = '';
  for (let i = 0; i < trace.requests; i++) {
    const id = ids[i];
    chunk += `${timestamps ? timestamps[i] : i},${keyText ? keyText[id] : id + 1},${sizes ? sizes[i] : 1}`;
    chunk += ops && opNames ? `,${opNames[ops[i]]}\n` : '\n';
    if (chunk.length > 1 << 16) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return Buffer.from(parts.join(''));
});

registerTraceWriter('lirs', (trace, keys) => {
  const parts: string[] = [];
  const keyText = keys?.text;
  for (let i = 0; i < trace.requests; i++) parts.push(keyText ? keyText[trace.ids[i]] : String(trace.ids[i]));
  parts.push('');
  return Buffer.from(parts.join('\n'));
});

registerTraceWriter('keys', (trace) => {
  const parts: string[] = [];
  const text = (id: number) => (trace.keyOf ? trace.keyOf(id) : String(id));
  for (let id = 0; id < trace.uniqueKeys; id++) {
    if (/[\r\n]/.test(text(id)) || text(id) === '') {
      throw new WorkloadError('INVALID_OPTION', `key of id ${id} is empty or holds a line break, which the keys format cannot hold; write oracle-general instead`);
    }
  }
  for (let i = 0; i < trace.requests; i++) parts.push(text(trace.ids[i]));
  parts.push('');
  return Buffer.from(parts.join('\n'));
});
