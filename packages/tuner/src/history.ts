import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic.js';

/** One tuning and, when it was measured, its outcome. */
export interface HistoryEntry {
  readonly version: 1;
  readonly time: string;
  /** Machine fingerprint (CPU model, effective cores, Node, platform). */
  readonly fingerprint: string;
  /** What was tuned for: project file count bucket, trace name, task. */
  readonly workloadSignature: string;
  readonly targetMetric: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly estimatedSpeedup: number;
  readonly measuredSpeedup?: number;
}

export interface HistoryRead {
  readonly entries: HistoryEntry[];
  /** Lines that could not be read, with their 1-based line number and why. */
  readonly skipped: { readonly line: number; readonly reason: string }[];
}

/** Reads a JSON-lines history; a missing file is an empty history, a corrupt line is skipped and reported. */
export async function readHistory(path: string): Promise<HistoryRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
    throw error;
  }
  const entries: HistoryEntry[] = [];
  const skipped: { line: number; reason: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      const value = JSON.parse(raw) as unknown;
      if (!isEntry(value)) throw new Error('not a history entry of version 1');
      entries.push(value);
    } catch (error) {
      skipped.push({ line: index + 1, reason: (error as Error).message });
    }
  });
  return { entries, skipped };
}

/** Appends one entry; the file is rewritten through a temp file and a rename, so a crash leaves the old or the new file, never half of one. */
export async function appendHistory(path: string, entry: HistoryEntry): Promise<void> {
  let previous = '';
  try {
    previous = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (previous !== '' && !previous.endsWith('\n')) previous += '\n';
  await writeFileAtomic(path, `${previous}${JSON.stringify(entry)}\n`);
}

/** The best measured configuration for this machine and workload, if any. */
export function bestMeasured(entries: readonly HistoryEntry[], fingerprint: string, workloadSignature: string): HistoryEntry | undefined {
  let best: HistoryEntry | undefined;
  for (const entry of entries) {
    if (entry.fingerprint !== fingerprint || entry.workloadSignature !== workloadSignature) continue;
    if (entry.measuredSpeedup === undefined) continue;
    if (best === undefined || entry.measuredSpeedup > (best.measuredSpeedup ?? 0)) best = entry;
  }
  return best;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === 1 && typeof v.time === 'string' && typeof v.fingerprint === 'string'
    && typeof v.workloadSignature === 'string' && typeof v.targetMetric === 'string'
    && typeof v.config === 'object' && v.config !== null && typeof v.estimatedSpeedup === 'number'
    && (v.measuredSpeedup === undefined || typeof v.measuredSpeedup === 'number');
}
