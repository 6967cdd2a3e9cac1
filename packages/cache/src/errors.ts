/** Stable codes of {@link CacheError}; callers branch on these. */
export type CacheErrorCode =
  | 'CACHE_INVALID_KEY'
  | 'CACHE_INVALID_VALUE'
  | 'CACHE_VALUE_NOT_SERIALIZABLE'
  | 'CACHE_INVALID_OPTION'
  | 'CACHE_CLOSED';

/** The one error class of @perf/cache: a stable `code`, and a message saying what, where and what to do. */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A short, safe description of any value for error messages: its type and a preview. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'symbol':
      return `symbol ${value.toString()}`;
    case 'function':
      return `function ${value.name === '' ? '(anonymous)' : value.name}`;
    default: {
      const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
      return `object of class ${ctor ?? '(null prototype)'}`;
    }
  }
}
