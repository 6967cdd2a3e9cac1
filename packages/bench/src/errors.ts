/** Stable codes callers can branch on. */
export type BenchErrorCode =
  | 'BENCH_BAD_OPTION'
  | 'BASELINE_NOT_FOUND'
  | 'BASELINE_CORRUPT'
  | 'BASELINE_FOREIGN'
  | 'BASELINE_VERSION'
  | 'REPORT_WRITE_FAILED'
  | 'ISOLATE_FAILED'
  | 'MODULE_NOT_FOUND'
  | 'MODULE_LOAD_FAILED'
  | 'MODULE_NO_EXPORT';

/** The one error class of @perf/bench: `code` is stable, the message says what, where and what to do. */
export class BenchError extends Error {
  readonly code: BenchErrorCode;
  /** File the error is about, when there is one. */
  readonly path: string | undefined;

  constructor(code: BenchErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BenchError';
    this.code = code;
    this.path = options.path;
  }
}
