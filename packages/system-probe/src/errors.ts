/** Stable codes callers can branch on. */
export type SystemProbeErrorCode = 'SYSTEM_PROBE_INVALID_OPTION' | 'SYSTEM_PROBE_DISK_MEASURE_FAILED';

/**
 * The one error class of @perf/system-probe. Unreadable facts never throw (they become
 * `null` plus a reason in `profile.unknown`); this is thrown only for invalid options.
 */
export class SystemProbeError extends Error {
  override readonly name = 'SystemProbeError';
  readonly code: SystemProbeErrorCode;

  constructor(code: SystemProbeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
