/** Stable codes callers can branch on. */
export type CacheTunerErrorCode =
  | 'UNKNOWN_POLICY'
  | 'INVALID_SIZE'
  | 'INVALID_OPTION'
  | 'MISSING_SIZES'
  | 'MISSING_FUTURE'
  | 'EMPTY_TRACE'
  | 'POLICY_FAILED';

/** The one error class of @perf/cache-tuner; `code` is stable, `message` says what, where and what to do. */
export class CacheTunerError extends Error {
  override readonly name = 'CacheTunerError';
  readonly code: CacheTunerErrorCode;

  constructor(code: CacheTunerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
