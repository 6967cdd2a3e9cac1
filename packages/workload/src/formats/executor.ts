import type { LineDecoder, TraceFormat } from '../format.js';
import { NO_FIELDS } from '../format.js';
import type { TraceBuilder } from '../builder.js';
import { textOf } from '../text.js';

const STATUSES = new Set(['A', 'M', 'D', 'T']);

/**
 * Executor edit histories (`commit_index<TAB>sha<TAB>status<TAB>path<TAB>blob`, one line per
 * source file a commit changed; see the shared traces' README). A command executor runs once
 * per commit over every live file, so the access trace is, after each commit's lines, every
 * live `(path, blob)` in path order; the key is `path + "\0" + blob`, what a content-hash
 * cache would use. Commits must come in non-decreasing order.
 */
export const executor: TraceFormat = {
  name: 'executor',
  description: 'executor edit history (commit, sha, status A/M/D/T, path, blob): one run over the live files per commit',
  extensions: ['.changes.tsv'],
  createDecoder: (): LineDecoder => {
    // Each live path holds the id of its current (path, blob) key, interned when the file
    // changes; the path order is re-sorted only when a path is added or deleted.
    const live = new Map<string, number>();
    let order: string[] = [];
    let orderStale = false;
    let commit = -1;
    const runOverLiveFiles = (out: TraceBuilder): void => {
      if (orderStale) {
        order = [...live.keys()].sort();
        orderStale = false;
      }
      for (const path of order) {
        const id = live.get(path)!;
        const i = out.next(); // before reading out.ids: next() may replace the array
        out.ids[i] = id;
      }
    };
    return {
      kind: 'text',
      fields: NO_FIELDS,
      line(buf, start, end, out) {
        const fields = textOf(buf, start, end).split('\t');
        if (fields.length !== 5) return false;
        const [index, , status, path, blob] = fields;
        const c = Number(index);
        if (index === '' || !Number.isSafeInteger(c) || c < commit || !STATUSES.has(status) || path === '' || blob === '') return false;
        if (c !== commit) {
          if (commit >= 0) runOverLiveFiles(out);
          commit = c;
        }
        if (status === 'D') {
          if (live.delete(path)) orderStale = true;
        } else {
          if (!live.has(path)) orderStale = true;
          live.set(path, out.keys.internString(`${path}\0${blob}`));
        }
        return true;
      },
      finish(out) {
        if (commit >= 0) runOverLiveFiles(out);
      },
    };
  },
};
