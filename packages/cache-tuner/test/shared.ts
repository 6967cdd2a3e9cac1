import { fileURLToPath } from 'node:url';
import { loadTrace } from '@perf/workload';
import type { Trace } from '@perf/workload';

/** The shared data folder beside the repository (or PERF_SHARED_DIR). */
export const sharedDir = process.env.PERF_SHARED_DIR ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));

export function trace(path: string, format: string): Promise<Trace> {
  return loadTrace(`${sharedDir}/traces/${path}`, { format });
}

/** A trace from plain ids (dense in first-seen order). */
export function fromIds(keys: readonly number[]): { ids: Uint32Array; requests: number; uniqueKeys: number } {
  const map = new Map<number, number>();
  const ids = new Uint32Array(keys.length);
  keys.forEach((k, i) => {
    let id = map.get(k);
    if (id === undefined) map.set(k, (id = map.size));
    ids[i] = id;
  });
  return { ids, requests: keys.length, uniqueKeys: map.size };
}
