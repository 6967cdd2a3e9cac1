import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Columns } from './builder.js';
import { WorkloadError } from './errors.js';
import type { FormatOptions } from './format.js';
import { KeyTable } from './key-table.js';
import { detectTraceFormat, getTraceFormat, traceFormatNames } from './registry.js';
import { DecodeSession, DEFAULT_MAX_LINE_BYTES, type OnError } from './session.js';
import type { Trace, TraceChunk } from './trace.js';


/** Requests per chunk yielded by `streamTrace`. */
export const DEFAULT_CHUNK_REQUESTS = 1 << 16;
/** Bytes read from disk at a time by `streamTrace`. */
export const DEFAULT_READ_BYTES = 1 << 16;
const TEXT_BYTES_PER_REQUEST_GUESS = 8;

/** Options of `loadTrace`, `parseTrace` and `streamTrace`. */
export interface ReadTraceOptions extends FormatOptions {
  /** Format name (see `traceFormatNames()`). @default detected from the file extension */
  readonly format?: string;
  /** `'throw'` stops at the first malformed line or truncated record; `'skip'` counts them in `skipped`. @default 'throw' */
  readonly onError?: OnError;
  /** Longest line accepted in text formats. @default DEFAULT_MAX_LINE_BYTES (1 MiB) */
  readonly maxLineBytes?: number;
}

/** Options of `streamTrace`. */
export interface StreamTraceOptions extends ReadTraceOptions {
  /** Requests per chunk. @default DEFAULT_CHUNK_REQUESTS (65,536) */
  readonly chunkRequests?: number;
  /** Bytes read from disk at a time. @default DEFAULT_READ_BYTES (64 KiB) */
  readonly readBytes?: number;
}

/** Reads a whole trace file (gzip detected by its magic bytes and decompressed while decoding). */
export async function loadTrace(path: string, options: ReadTraceOptions = {}): Promise<Trace> {
  const format = resolveFormat(path, options.format);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw ioError(path, error);
  }
  if (!isGzip(bytes)) return decodeWhole(bytes, path, format, options);
  // Inflate on the thread pool in pieces and decode each as it arrives: no whole-file
  // copy of the decompressed bytes, and inflating overlaps decoding.
  const { session, keys } = startSession(path, format, options, Math.max(gzipSize(bytes), bytes.length));
  const gunzipStream = createGunzip({ chunkSize: LOAD_INFLATE_CHUNK });
  gunzipStream.end(bytes);
  try {
    for await (const piece of gunzipStream as AsyncIterable<Buffer>) session.push(piece);
  } catch (error) {
    if (error instanceof WorkloadError) throw error;
    throw gzipError(path, error);
  }
  return finishSession(session, keys, path, format, bytes.length);
}

/** Bytes inflated at a time by `loadTrace`. */
const LOAD_INFLATE_CHUNK = 1 << 18;

/** Uncompressed size from the gzip trailer (modulo 2^32; a capacity hint only). */
function gzipSize(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 18) return 0;
  return (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
}

function startSession(file: string, format: string, options: ReadTraceOptions, bytes: number) {
  const decoder = getTraceFormat(format).createDecoder(options);
  const estimate = decoder.kind === 'binary' ? Math.floor(bytes / decoder.recordBytes) : Math.ceil(bytes / TEXT_BYTES_PER_REQUEST_GUESS);
  // Presized for about one distinct key in 8 requests (capped), so common traces never rehash.
  const keys = new KeyTable(Math.min(Math.ceil(estimate / EXPECTED_REQUESTS_PER_KEY), MAX_PRESIZED_KEYS));
  const session = new DecodeSession(decoder, keys, settings(file, format, options, estimate));
  return { session, keys };
}

function finishSession(session: DecodeSession, keys: KeyTable, file: string, format: string, bytes: number): Trace {
  session.end();
  const builder = session.builder;
  if (builder === undefined || builder.length === 0) throw emptyError(file, format, bytes, session.skipped);
  return makeTrace(builder.finish(), keys, builder.opNames, format, session.skipped);
}

const EXPECTED_REQUESTS_PER_KEY = 8;
const MAX_PRESIZED_KEYS = 1 << 19;

/** Reads a trace held in memory (gzip detected by its magic bytes). `name` is used in error messages. */
export function parseTrace(bytes: Uint8Array, options: ReadTraceOptions & { readonly name?: string }): Trace {
  const name = options.name ?? '<memory>';
  const format = resolveFormat(name, options.format);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw gzipError(name, error);
    }
  }
  return decodeWhole(bytes, name, format, options);
}

function decodeWhole(bytes: Uint8Array, file: string, format: string, options: ReadTraceOptions): Trace {
  const { session, keys } = startSession(file, format, options, bytes.length);
  session.push(bytes);
  return finishSession(session, keys, file, format, bytes.length);
}

/** A trace read in chunks with bounded memory (besides the key table, which grows with distinct keys). */
export interface TraceStream extends AsyncIterable<TraceChunk> {
  /** Distinct keys seen so far. */
  readonly uniqueKeys: number;
  /** Original key of an id seen so far. */
  keyOf(id: number): string;
  /** Names that chunk `ops` codes index. */
  readonly opNames: readonly string[];
}

/** Streams a trace file in chunks of `chunkRequests` requests (the last may be shorter). */
export function streamTrace(path: string, options: StreamTraceOptions = {}): TraceStream {
  const format = resolveFormat(path, options.format);
  const keys = new KeyTable();
  const chunkRequests = options.chunkRequests ?? DEFAULT_CHUNK_REQUESTS;
  if (!Number.isInteger(chunkRequests) || chunkRequests < 1) {
    throw new WorkloadError('INVALID_OPTION', `chunkRequests must be a positive integer, got ${chunkRequests}`);
  }
  const readBytes = options.readBytes ?? DEFAULT_READ_BYTES;
  let opNames: readonly string[] = [];
  async function* chunks(): AsyncGenerator<TraceChunk> {
    const decoder = getTraceFormat(format).createDecoder(options);
    const session = new DecodeSession(decoder, keys, settings(path, format, options, chunkRequests));
    let start = 0;
    let bytes = 0;
    const emit = (count: number): TraceChunk => {
      const b = session.builder!;
      opNames = b.opNames;
      const cols = b.takeFirst(count);
      const chunk: TraceChunk = { start, requests: cols.ids.length, uniqueKeys: keys.size, skipped: session.skipped, ...cols };
      start += cols.ids.length;
      return chunk;
    };
    for await (const piece of await openSource(path, readBytes)) {
      bytes += piece.length;
      session.push(piece);
      while (session.builder !== undefined && session.builder.length >= chunkRequests) yield emit(chunkRequests);
    }
    session.end();
    while (session.builder !== undefined && session.builder.length > 0) yield emit(chunkRequests);
    if (start === 0) throw emptyError(path, format, bytes, session.skipped);
  }
  return {
    [Symbol.asyncIterator]: () => chunks(),
    get uniqueKeys() {
      return keys.size;
    },
    get opNames() {
      return opNames;
    },
    keyOf: (id) => keys.keyOf(id),
  };
}

async function openSource(path: string, readBytes: number): Promise<AsyncIterable<Buffer>> {
  const head = Buffer.alloc(2);
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, 2, 0);
    } finally {
      await fh.close();
    }
  } catch (error) {
    throw ioError(path, error);
  }
  const file = createReadStream(path, { highWaterMark: readBytes });
  const source = isGzip(head) ? file.pipe(createGunzip({ chunkSize: readBytes })) : file;
  if (source !== file) file.on('error', (e) => source.destroy(e));
  return mapErrors(source as AsyncIterable<Buffer>, path, isGzip(head));
}

async function* mapErrors(source: AsyncIterable<Buffer>, path: string, gz: boolean): AsyncGenerator<Buffer> {
  try {
    for await (const piece of source) yield piece;
  } catch (error) {
    if (error instanceof WorkloadError) throw error;
    const code = (error as { code?: string }).code ?? '';
    throw gz && code.startsWith('Z_') ? gzipError(path, error) : ioError(path, error);
  }
}

function makeTrace(cols: Columns, keys: KeyTable, opNames: string[], format: string, skipped: number): Trace {
  return {
    requests: cols.ids.length,
    uniqueKeys: keys.size,
    ...cols,
    ...(cols.ops ? { opNames } : {}),
    format,
    skipped,
    keyOf: (id: number) => keys.keyOf(id),
  };
}

/** Wraps columns built elsewhere (recorder, generators) as a Trace. */
export function traceFromColumns(cols: Columns, keys: KeyTable, opNames: string[], format: string): Trace {
  return makeTrace(cols, keys, opNames, format, 0);
}

function settings(file: string, format: string, options: ReadTraceOptions, capacity: number) {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new WorkloadError('INVALID_OPTION', `maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }
  const onError = options.onError ?? 'throw';
  if (onError !== 'throw' && onError !== 'skip') {
    throw new WorkloadError('INVALID_OPTION', `onError must be 'throw' or 'skip', got ${String(onError)}`);
  }
  return { file, format, onError, maxLineBytes, capacity };
}

function resolveFormat(path: string, format: string | undefined): string {
  const name = format ?? detectTraceFormat(path);
  if (name === undefined) {
    throw new WorkloadError(
      'TRACE_UNKNOWN_FORMAT',
      `${path}: cannot tell the trace format from the file name; pass { format } with one of: ${traceFormatNames().join(', ')}`,
      { file: path },
    );
  }
  getTraceFormat(name);
  return name;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function emptyError(file: string, format: string, bytes: number, skipped: number): WorkloadError {
  const what = bytes === 0 ? 'is empty' : skipped > 0 ? `has no readable request (${skipped} skipped)` : 'holds no request';
  return new WorkloadError(
    'TRACE_EMPTY',
    `${file}: the trace ${what} as format ${format}; check the file or pick another format (known formats: ${traceFormatNames().join(', ')})`,
    { file },
  );
}

function ioError(file: string, error: unknown): WorkloadError {
  const msg = error instanceof Error ? error.message : String(error);
  return new WorkloadError('TRACE_IO', `${file}: cannot read the trace (${msg}); check the path and permissions`, { file }, { cause: error });
}

function gzipError(file: string, error: unknown): WorkloadError {
  const msg = error instanceof Error ? error.message : String(error);
  return new WorkloadError(
    'TRACE_CORRUPT_GZIP',
    `${file}: gzip data is corrupt or truncated (${msg}); re-fetch or re-compress the file`,
    { file },
    { cause: error },
  );
}
