import { fileURLToPath } from 'node:url';

/** The shared data folder (traces, reference results) beside the repository. */
export function sharedDir(): string {
  const fromEnv = process.env.PERF_SHARED_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`;
  return fileURLToPath(new URL('../../../../shared/', import.meta.url));
}

export function tracePath(relative: string): string {
  return `${sharedDir()}traces/${relative}`;
}

/** Index of the first difference between two arrays, -1 when equal (vitest's deep equality is slow on millions of elements). */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
