import type { TraceBuilder } from './builder.js';
import type { TraceFields } from './trace.js';

/** Options a format may read (unknown ones are ignored by formats that do not use them). */
export interface FormatOptions {
  /** CSV: which column holds the key, by header name or 0-based index. @default first of obj_id, id, key, lbn; else column 0 */
  readonly keyColumn?: string | number;
  /** CSV: column of the object size, by header name or index. @default `size` / `obj_size` when the header has one */
  readonly sizeColumn?: string | number;
  /** CSV: column of the timestamp. @default `time` / `timestamp` when the header has one */
  readonly timeColumn?: string | number;
  /** CSV: column of the operation. @default `op` when the header has one */
  readonly opColumn?: string | number;
  /** CSV: field delimiter. @default ',' */
  readonly delimiter?: string;
  /** CSV: whether the first line is a header. @default true when the first line's key field is not a number */
  readonly header?: boolean;
}

/** Decodes fixed-size binary records. */
export interface BinaryDecoder {
  readonly kind: 'binary';
  readonly recordBytes: number;
  readonly fields: TraceFields;
  /** Appends `count` whole records starting at `offset` of `buf`. */
  decode(buf: Uint8Array, offset: number, count: number, out: TraceBuilder): void;
}

/** Decodes one line at a time; the driver splits lines, strips `\r` and counts line numbers. */
export interface LineDecoder {
  readonly kind: 'text';
  /** Columns filled; may be settled only after `header` saw the first line. */
  readonly fields: TraceFields;
  /** Called with the first non-empty line before any `line`; returns true when it was a header (consumed). */
  header?(text: string): boolean;
  /** Appends the request on `buf[start, end)`; returns false when the line is malformed (nothing appended). */
  line(buf: Uint8Array, start: number, end: number, out: TraceBuilder): boolean;
  /** Called once after the last line, for formats whose requests follow from several lines (a commit's run). */
  finish?(out: TraceBuilder): void;
}

export type TraceDecoder = BinaryDecoder | LineDecoder;

/** A trace format: a name, the file extensions it is detected by, and a decoder factory. */
export interface TraceFormat {
  readonly name: string;
  readonly description: string;
  /** Extensions (after removing `.gz`) that identify this format unambiguously, with the dot. */
  readonly extensions: readonly string[];
  createDecoder(options: FormatOptions): TraceDecoder;
}

export const NO_FIELDS: TraceFields = { sizes: false, timestamps: false, ops: false };
