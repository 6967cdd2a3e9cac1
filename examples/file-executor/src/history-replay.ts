import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One commit's run of an executor over every live file: how many lookups hit a content-hash cache. */
export interface CommitRun {
  readonly commit: number;
  readonly live: number;
  readonly changed: number;
  readonly hits: number;
  readonly misses: number;
}

export type ReplayEviction =
  /** Keep entries used in the last `generations` runs (the @perf/cache disk level's generation eviction). */
  | { readonly kind: 'generation'; readonly generations: number }
  /** Plain LRU holding at most `capacity` entries. */
  | { readonly kind: 'lru'; readonly capacity: number };

export interface ReplayOptions {
  /** First commit index whose run is reported (earlier commits only warm the cache). */
  readonly from: number;
  /** How many commits' runs to report. */
  readonly count: number;
  readonly eviction: ReplayEviction;
}

/**
 * Replays an executor edit history (`commit_index sha status path blob`, see the traces README):
 * after each commit, a run looks up every live `(path, blob)` in path order through a cache.
 */
export async function replayExecutorHistory(file: string, options: ReplayOptions): Promise<CommitRun[]> {
  const changes = await readChanges(file);
  const live = new Map<string, string>();
  const cache = new Map<string, number>(); // key -> run number it was last used in (insertion order = LRU order)
  const runs: CommitRun[] = [];
  let run = 0;
  const last = options.from + options.count;
  for (const [commit, lines] of changes) {
    if (commit >= last) break;
    for (const { status, path, blob } of lines) {
      if (status === 'D') live.delete(path);
      else live.set(path, blob);
    }
    run++;
    let hits = 0;
    const paths = [...live.keys()].sort();
    for (const path of paths) {
      const key = `${path}\0${live.get(path)!}`;
      if (cache.has(key)) {
        hits++;
        cache.delete(key);
      }
      cache.set(key, run);
      if (options.eviction.kind === 'lru' && cache.size > options.eviction.capacity) {
        cache.delete(cache.keys().next().value!);
      }
    }
    if (options.eviction.kind === 'generation') {
      const oldest = run - options.eviction.generations;
      for (const [key, usedIn] of cache) if (usedIn <= oldest) cache.delete(key);
    }
    if (commit >= options.from) {
      runs.push({ commit, live: paths.length, changed: lines.length, hits, misses: paths.length - hits });
    }
  }
  return runs;
}

interface Change { readonly status: string; readonly path: string; readonly blob: string }

async function readChanges(file: string): Promise<Map<number, Change[]>> {
  const byCommit = new Map<number, Change[]>();
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line === '') continue;
    const [index, , status, path, blob] = line.split('\t');
    const commit = Number(index);
    if (!Number.isInteger(commit) || !status || !path || !blob) {
      throw new Error(`${file}:${lineNumber}: expected "commit_index<TAB>sha<TAB>status<TAB>path<TAB>blob", got ${JSON.stringify(line.slice(0, 120))}`);
    }
    let list = byCommit.get(commit);
    if (!list) byCommit.set(commit, (list = []));
    list.push({ status, path, blob });
  }
  return byCommit;
}
