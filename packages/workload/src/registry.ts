import { WorkloadError } from './errors.js';
import type { TraceFormat } from './format.js';
import { int32be, int64be, oracleGeneral, uint32be } from './formats/binary.js';
import { libcachesimCsv } from './formats/csv.js';
import { executor } from './formats/executor.js';
import { address, keys, libcachesimTxt, lirs } from './formats/lines.js';

const formats = new Map<string, TraceFormat>();

/** Adds (or replaces) a format under its name, so `loadTrace(path, { format: name })` reads it. */
export function registerTraceFormat(format: TraceFormat): void {
  formats.set(format.name, format);
}

/** Names of all registered formats. */
export function traceFormatNames(): string[] {
  return [...formats.keys()];
}

/** The format registered as `name`; throws `TRACE_UNKNOWN_FORMAT` listing the known ones. */
export function getTraceFormat(name: string): TraceFormat {
  const f = formats.get(name);
  if (f === undefined) {
    throw new WorkloadError(
      'TRACE_UNKNOWN_FORMAT',
      `unknown trace format "${name}"; known formats: ${traceFormatNames().join(', ')}`,
    );
  }
  return f;
}

/** The format a file name identifies by extension (`.gz` removed first), or undefined when ambiguous. */
export function detectTraceFormat(path: string): string | undefined {
  let name = path.toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  let best: { format: string; length: number } | undefined;
  for (const f of formats.values()) {
    for (const ext of f.extensions) {
      if (name.endsWith(ext) && (best === undefined || ext.length > best.length)) best = { format: f.name, length: ext.length };
    }
  }
  return best?.format;
}

for (const f of [lirs, keys, libcachesimTxt, address, libcachesimCsv, uint32be, int32be, int64be, oracleGeneral, executor]) {
  registerTraceFormat(f);
}
