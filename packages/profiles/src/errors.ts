// The package's one error class: a stable `code`, and for schema problems every issue at once.

/** Stable codes callers can branch on. */
export type ProfileErrorCode =
  /** The YAML does not parse (syntax, duplicate key). `file`, `line`, `column` are set. */
  | 'PROFILE_YAML'
  /** The document is refused before parsing: too many aliases or too many bytes. */
  | 'PROFILE_LIMIT'
  /** One or more settings are wrong or unknown; `issues` lists them all. */
  | 'PROFILE_SCHEMA'
  /** A profile (asked for, or named in `extends`) is in none of the searched directories. */
  | 'PROFILE_NOT_FOUND'
  /** `extends` chains back to a profile already on the chain. */
  | 'PROFILE_CYCLE'
  /** An expression cannot be evaluated on the given system (division by zero, negative result). */
  | 'PROFILE_EXPRESSION'
  /** The project directory cannot be read. */
  | 'PROFILE_PROJECT_DIR';

/** One problem with one setting. */
export interface ProfileIssue {
  /** Dotted path of the setting, e.g. `cache.l1` (empty for the document itself). */
  readonly path: string;
  /** The value found (undefined when the key is missing). */
  readonly value: unknown;
  /** What was expected there. */
  readonly expected: string;
  /** The file the value came from, when known. */
  readonly file?: string;
  /** One line: where, what, and a hint (e.g. "did you mean `targetHitRate`?"). */
  readonly message: string;
}

export interface ProfileErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly issues?: readonly ProfileIssue[];
  /** For PROFILE_NOT_FOUND: the name and the directories searched. */
  readonly searched?: readonly string[];
  /** For PROFILE_CYCLE: the chain of profile files, the first repeated at the end. */
  readonly cycle?: readonly string[];
  readonly cause?: unknown;
}

/** Every error this package throws. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  readonly code: ProfileErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly issues: readonly ProfileIssue[];
  readonly searched: readonly string[];
  readonly cycle: readonly string[];

  constructor(code: ProfileErrorCode, message: string, details: ProfileErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.issues = details.issues ?? [];
    this.searched = details.searched ?? [];
    this.cycle = details.cycle ?? [];
  }
}

/** Formats a value for a message, short. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
