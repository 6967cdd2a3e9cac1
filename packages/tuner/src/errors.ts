/** Stable codes callers (and the CLI's exit status) branch on. */
export type TunerErrorCode =
  | 'TUNER_PROJECT_DIR'
  | 'TUNER_TRACE'
  | 'TUNER_TASK'
  | 'TUNER_HISTORY'
  | 'TUNER_USAGE'
  | 'TUNER_INPUT';

/** One clear error: what went wrong, where, and what to do. */
export class TunerError extends Error {
  readonly code: TunerErrorCode;
  readonly hint: string | undefined;

  constructor(code: TunerErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TunerError';
    this.code = code;
    this.hint = options.hint;
  }
}
