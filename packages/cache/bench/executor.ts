// Replays an executor history (../shared/traces/executor/*.changes.tsv.gz) through the disk
// level's eviction model (DiskIndex, the code the disk level runs): each commit is one run
// that looks up every live (path, blob) pair in path order, storing what misses.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DiskIndex } from '../src/index.js';
import type { DiskIndexOptions } from '../src/index.js';

/** Per commit, its changes: [status, path, blob]. */
export type ExecutorHistory = [string, string, string][][];

export function readExecutorHistory(file: string): ExecutorHistory {
  const commits: ExecutorHistory = [];
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (line === '') continue;
    const [index, , status, path, blob] = line.split('\t');
    (commits[Number(index)] ??= []).push([status, path, blob]);
  }
  for (let i = 0; i < commits.length; i++) commits[i] ??= [];
  return commits;
}

/** Live set after applying commits [0, upTo). */
export function liveSet(history: ExecutorHistory, upTo: number): Map<string, string> {
  const live = new Map<string, string>();
  for (let i = 0; i < upTo; i++) apply(live, history[i]);
  return live;
}

function apply(live: Map<string, string>, changes: [string, string, string][]): void {
  for (const [status, path, blob] of changes) {
    if (status === 'D') live.delete(path);
    else live.set(path, blob);
  }
}

export interface ExecutorReplay {
  runs: number;
  requests: number;
  hits: number;
  hitRatio: number;
  /** Live pairs at the first replayed run. */
  liveAtStart: number;
  /** Entries held at the end. */
  entriesAtEnd: number;
}

/**
 * Runs commits [from, to) as runs; each entry has size 1, so maxBytes counts entries. The
 * first run (a cold cache) is not counted.
 */
export function replayExecutor(history: ExecutorHistory, from: number, to: number, options: Omit<DiskIndexOptions, 'lowWater'> & { lowWater?: number }): ExecutorReplay {
  const live = liveSet(history, from);
  const index = new DiskIndex({ lowWater: 0.9, ...options });
  let clock = 0;
  let requests = 0;
  let hits = 0;
  const liveAtStart = live.size;
  for (let commit = from; commit < to; commit++) {
    apply(live, history[commit]);
    index.beginRun(++clock);
    const counted = commit > from;
    for (const path of [...live.keys()].sort()) {
      const name = `${path}\0${live.get(path)!}`;
      const now = ++clock;
      if (index.get(name) !== undefined) {
        index.touch(name, now);
        if (counted) hits++;
      } else {
        index.upsert(name, 1, now);
        index.evict(now, name);
      }
      if (counted) requests++;
    }
    index.evict(++clock);
  }
  return { runs: to - from - 1, requests, hits, hitRatio: requests === 0 ? 0 : hits / requests, liveAtStart, entriesAtEnd: index.entries };
}
