// Test helpers: shared data folder, temp folders, LIRS trace reading.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export function sharedDir(): string {
  return process.env.PERF_SHARED_DIR ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
}

export function tempDir(prefix = 'perf-cache-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Keys (as strings) of a LIRS text trace in ../shared/traces/lirs. */
export function lirsKeys(name: string): string[] {
  const text = gunzipSync(readFileSync(join(sharedDir(), 'traces', 'lirs', `${name}.trace.gz`))).toString('utf8');
  const keys: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '' && line !== '*') keys.push(line);
  }
  return keys;
}

/** Miss ratio of replaying `keys` as get-then-set-on-miss through `level`. */
export function replayMissRatio(level: { get(key: string): unknown; set(key: string, value: unknown): unknown }, keys: readonly string[]): number {
  let misses = 0;
  for (const key of keys) {
    if (level.get(key) === undefined) {
      misses++;
      level.set(key, 1);
    }
  }
  return misses / keys.length;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
