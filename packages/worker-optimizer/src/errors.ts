/** Stable codes callers can branch on. */
export type WorkerOptimizerErrorCode =
  | 'WORKER_OPTIMIZER_INVALID_OPTION'
  | 'WORKER_OPTIMIZER_TOO_FEW_POINTS'
  | 'WORKER_OPTIMIZER_TASK_MODULE';

/**
 * The one error class of @perf/worker-optimizer: thrown for invalid inputs and for a task
 * module that cannot be loaded. Expected outcomes of a calibration (a task that throws,
 * hangs or crashes its worker, a budget that runs out) are results, not throws.
 */
export class WorkerOptimizerError extends Error {
  override readonly name = 'WorkerOptimizerError';
  readonly code: WorkerOptimizerErrorCode;

  constructor(code: WorkerOptimizerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Throws WORKER_OPTIMIZER_INVALID_OPTION naming the field, the value and the fix. */
export function invalidOption(where: string, field: string, value: unknown, fix: string): WorkerOptimizerError {
  return new WorkerOptimizerError('WORKER_OPTIMIZER_INVALID_OPTION', `${where}: ${field} is ${JSON.stringify(value)}; ${fix}`);
}

export function requirePositive(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalidOption(where, field, value, 'pass a finite number above 0');
  return value;
}

export function requireNonNegative(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidOption(where, field, value, 'pass a finite number of 0 or more');
  return value;
}

export function requireFraction(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalidOption(where, field, value, 'pass a number from 0 to 1');
  return value;
}

export function requirePositiveInteger(where: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw invalidOption(where, field, value, 'pass an integer of 1 or more');
  return value;
}
