import type { TraceBuilder } from '../builder.js';
import { WorkloadError } from '../errors.js';
import type { FormatOptions, LineDecoder, TraceFormat } from '../format.js';
import type { TraceFields } from '../trace.js';
import { parsed, parseDecimal, parseNumberText, skipBlanks, textOf, trimEnd } from '../text.js';

const KEY_NAMES = ['obj_id', 'obj-id', 'objid', 'id', 'key', 'lbn', 'block'];
const SIZE_NAMES = ['size', 'obj_size', 'obj-size', 'bytes'];
const TIME_NAMES = ['time', 'timestamp', 'ts', 'clock_time'];
const OP_NAMES = ['op', 'operation', 'opcode'];
const TWO_POW_32 = 4294967296;

/**
 * libCacheSim CSV: delimited fields, optional header, key/size/time/op taken from chosen
 * columns (by header name or index). Integer keys are interned as numbers, others as strings.
 */
export const libcachesimCsv: TraceFormat = {
  name: 'libcachesim-csv',
  description: 'CSV with optional header; key, size, time and op columns chosen by name or index',
  extensions: ['.csv'],
  createDecoder: (options) => new CsvDecoder(options),
};

interface Columns {
  key: number;
  size: number;
  time: number;
  op: number;
}

class CsvDecoder implements LineDecoder {
  readonly kind = 'text';
  fields: TraceFields = { sizes: false, timestamps: false, ops: false };
  private readonly delimiter: number;
  private columns: Columns = { key: 0, size: -1, time: -1, op: -1 };
  private maxColumn = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly options: FormatOptions) {
    const d = options.delimiter ?? ',';
    if (d.length !== 1 || d.charCodeAt(0) > 127) {
      throw new WorkloadError('INVALID_OPTION', `delimiter must be one ASCII character, got ${JSON.stringify(d)}`);
    }
    this.delimiter = d.charCodeAt(0);
  }

  header(text: string): boolean {
    const names = text.split(String.fromCharCode(this.delimiter)).map((s) => s.trim().toLowerCase());
    const o = this.options;
    const keyGuess = typeof o.keyColumn === 'number' ? o.keyColumn : 0;
    const isHeader = o.header ?? !/^\d+$/.test(names[keyGuess] ?? '');
    const pick = (choice: string | number | undefined, defaults: string[], what: string, fallback: number): number => {
      if (typeof choice === 'number') {
        if (!Number.isInteger(choice) || choice < 0) {
          throw new WorkloadError('INVALID_OPTION', `${what} must be a column name or a 0-based index, got ${choice}`);
        }
        return choice;
      }
      if (choice !== undefined) {
        const i = isHeader ? names.indexOf(choice.toLowerCase()) : -1;
        if (i < 0) {
          throw new WorkloadError(
            'TRACE_BAD_HEADER',
            `${what} "${choice}" is not a column of the header [${isHeader ? names.join(', ') : 'no header'}]; pass a name from the header or a 0-based index`,
          );
        }
        return i;
      }
      if (!isHeader) return fallback;
      const i = names.findIndex((n) => defaults.includes(n));
      return i >= 0 ? i : fallback;
    };
    const key = pick(o.keyColumn, KEY_NAMES, 'keyColumn', 0);
    const size = pick(o.sizeColumn, SIZE_NAMES, 'sizeColumn', -1);
    const time = pick(o.timeColumn, TIME_NAMES, 'timeColumn', -1);
    const op = pick(o.opColumn, OP_NAMES, 'opColumn', -1);
    this.columns = { key, size, time, op };
    this.maxColumn = Math.max(key, size, time, op);
    this.fields = { sizes: size >= 0, timestamps: time >= 0, ops: op >= 0 };
    return isHeader;
  }

  line(buf: Uint8Array, start: number, end: number, out: TraceBuilder): boolean {
    const { starts, ends, delimiter, maxColumn } = this;
    let col = 0;
    let s = start;
    for (let i = start; i <= end && col <= maxColumn; i++) {
      if (i === end || buf[i] === delimiter) {
        starts[col] = s;
        ends[col] = i;
        col++;
        s = i + 1;
      }
    }
    if (col <= maxColumn) return false;
    const c = this.columns;
    let size = 0;
    let time = 0;
    if (c.size >= 0) {
      const a = skipBlanks(buf, starts[c.size], ends[c.size]);
      if (!parseDecimal(buf, a, trimEnd(buf, a, ends[c.size])) || parsed.hi !== 0) return false;
      size = parsed.lo;
    }
    if (c.time >= 0) {
      const a = skipBlanks(buf, starts[c.time], ends[c.time]);
      const b = trimEnd(buf, a, ends[c.time]);
      if (parseDecimal(buf, a, b) && parsed.hi < 0x200000) time = parsed.hi * TWO_POW_32 + parsed.lo;
      else {
        const t = parseNumberText(textOf(buf, a, b));
        if (t === undefined) return false;
        time = t;
      }
    }
    const ka = skipBlanks(buf, starts[c.key], ends[c.key]);
    const kb = trimEnd(buf, ka, ends[c.key]);
    if (ka === kb) return false;
    const id = parseDecimal(buf, ka, kb)
      ? out.keys.intern64(parsed.hi, parsed.lo)
      : out.keys.internString(textOf(buf, ka, kb));
    const i = out.next();
    out.ids[i] = id;
    if (out.sizes) out.sizes[i] = size;
    if (out.timestamps) out.timestamps[i] = time;
    if (out.ops) out.ops[i] = out.opCode(textOf(buf, starts[c.op], ends[c.op]).trim());
    return true;
  }
}
