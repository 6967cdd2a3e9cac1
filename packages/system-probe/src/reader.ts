import { readFileSync, readdirSync, existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

/** The outcome of reading one file: its text, or why it could not be read. */
export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly missing: boolean };

/**
 * Every /proc and /sys read goes through a Reader, so tests can point it at a fixture tree.
 * Reads are synchronous: these are tiny kernel files and a sync read is the fastest path.
 */
export interface Reader {
  readonly rootDir: string;
  /** Absolute path under rootDir of a system path such as `/proc/meminfo`. */
  resolve(path: string): string;
  read(path: string): ReadResult;
  exists(path: string): boolean;
  list(path: string): readonly string[] | null;
  realpath(path: string): string | null;
}

function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'missing (ENOENT)';
    case 'EACCES': return 'permission denied (EACCES)';
    case 'EPERM': return 'not permitted (EPERM)';
    case 'EISDIR': return 'is a directory, not a file (EISDIR)';
    case 'ENOTDIR': return 'a parent is not a directory (ENOTDIR)';
    default: return `unreadable (${e.code ?? e.message})`;
  }
}

export function createReader(rootDirOption: string): Reader {
  let rootDir = rootDirOption;
  try {
    rootDir = realpathSync(rootDirOption);
  } catch {
    // A missing root leaves every read failing with a reason; that is the probe's contract.
  }
  const resolve = (path: string): string => (rootDir === '/' ? path : join(rootDir, path));
  return {
    rootDir,
    resolve,
    read(path) {
      try {
        return { ok: true, text: readFileSync(resolve(path), 'utf8') };
      } catch (err) {
        return { ok: false, reason: `${path}: ${describeError(err)}`, missing: (err as NodeJS.ErrnoException).code === 'ENOENT' };
      }
    },
    exists: (path) => existsSync(resolve(path)),
    list(path) {
      try {
        return readdirSync(resolve(path));
      } catch {
        return null;
      }
    },
    realpath(path) {
      try {
        const real = realpathSync.native(resolve(path));
        return rootDir === '/' ? real : real.startsWith(rootDir) ? real.slice(rootDir.length) || '/' : real;
      } catch {
        return null;
      }
    },
  };
}
