/** Stable codes callers can branch on. */
export type MonitorErrorCode =
  | 'MONITOR_INVALID_OPTION'
  | 'MONITOR_DUPLICATE_SOURCE'
  | 'MONITOR_SOURCE_FAILED';

/** The one error class of @perf/monitor: `code` is stable, the message says what, where and what to do. */
export class MonitorError extends Error {
  readonly code: MonitorErrorCode;

  constructor(code: MonitorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MonitorError';
    this.code = code;
  }
}

/** Throws MONITOR_INVALID_OPTION unless `value` is a finite number within [min, max]. */
export function checkNumber(field: string, value: number, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new MonitorError(
      'MONITOR_INVALID_OPTION',
      `createMonitor: option ${field} is ${String(value)}; it must be a finite number ${range}. Fix the value passed to createMonitor().`,
    );
  }
  return value;
}
