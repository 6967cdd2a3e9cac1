// Key sequences of a few shared traces, read the simple way (LIRS text, big-endian int32).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export function sharedDir(): string {
  return process.env.PERF_SHARED_DIR ?? new URL('../../../../shared/', import.meta.url).pathname;
}

export function lirsTrace(name: string): string[] {
  const text = gunzipSync(readFileSync(join(sharedDir(), 'traces', 'lirs', `${name}.trace.gz`))).toString('utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '*');
}

export function int32Trace(path: string): string[] {
  const bytes = gunzipSync(readFileSync(join(sharedDir(), 'traces', path)));
  const keys: string[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) keys.push(String(bytes.readInt32BE(i)));
  return keys;
}
