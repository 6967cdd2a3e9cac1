/** Stable codes callers can branch on. */
export type WorkloadErrorCode =
  | 'TRACE_MALFORMED_LINE'
  | 'TRACE_TRUNCATED_RECORD'
  | 'TRACE_EMPTY'
  | 'TRACE_UNKNOWN_FORMAT'
  | 'TRACE_LINE_TOO_LONG'
  | 'TRACE_KEY_OUT_OF_RANGE'
  | 'TRACE_BAD_HEADER'
  | 'TRACE_IO'
  | 'TRACE_CORRUPT_GZIP'
  | 'KEY_ID_OUT_OF_RANGE'
  | 'INVALID_OPTION';

/** Where an error happened in a trace file. */
export interface WorkloadErrorLocation {
  readonly file?: string;
  /** 1-based line number (text formats). */
  readonly line?: number;
  /** Byte offset in the (decompressed) stream. */
  readonly offset?: number;
  /** The offending text, cut to a readable length. */
  readonly text?: string;
}

/** The one error class of @perf/workload; `code` is stable, `message` says what, where and what to do. */
export class WorkloadError extends Error {
  override readonly name = 'WorkloadError';
  readonly code: WorkloadErrorCode;
  readonly location: WorkloadErrorLocation;

  constructor(code: WorkloadErrorCode, message: string, location: WorkloadErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.location = location;
  }
}

const MAX_SHOWN_TEXT = 80;

/** Cuts a line to a readable length for an error message. */
export function showText(text: string): string {
  return text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT)}… (${text.length} chars)` : text;
}
