import type { LineDecoder, TraceFormat } from '../format.js';
import { NO_FIELDS } from '../format.js';
import { parsed, parseDecimal, parseHex, skipBlanks, textOf, trimEnd } from '../text.js';

const STAR = 42;

/** LIRS text: one decimal block number per line; `*` lines (checkpoints) are skipped. */
export const lirs: TraceFormat = {
  name: 'lirs',
  description: 'one decimal key per line; empty and `*` lines skipped',
  extensions: ['.lirs'],
  createDecoder: (): LineDecoder => ({
    kind: 'text',
    fields: NO_FIELDS,
    line(buf, start, end, out) {
      start = skipBlanks(buf, start, end);
      end = trimEnd(buf, start, end);
      if (end === start || (end - start === 1 && buf[start] === STAR)) return true;
      if (!parseDecimal(buf, start, end)) return false;
      const id = out.keys.intern64(parsed.hi, parsed.lo);
      const i = out.next(); // before reading out.ids: next() may replace the array
      out.ids[i] = id;
      return true;
    },
  }),
};

/** libCacheSim plain text: one object id per line (integers interned as numbers, anything else as a string). */
export const libcachesimTxt: TraceFormat = {
  name: 'libcachesim-txt',
  description: 'libCacheSim txt: one object id per line (integer or string)',
  extensions: [],
  createDecoder: (): LineDecoder => ({
    kind: 'text',
    fields: NO_FIELDS,
    line(buf, start, end, out) {
      start = skipBlanks(buf, start, end);
      end = trimEnd(buf, start, end);
      const id = parseDecimal(buf, start, end)
        ? out.keys.intern64(parsed.hi, parsed.lo)
        : out.keys.internString(textOf(buf, start, end));
      const i = out.next(); // before reading out.ids: next() may replace the array
      out.ids[i] = id;
      return true;
    },
  }),
};

/** One key string per line, taken verbatim (only a trailing `\r` is removed). */
export const keys: TraceFormat = {
  name: 'keys',
  description: 'one key string per line, verbatim',
  extensions: ['.keys'],
  createDecoder: (): LineDecoder => ({
    kind: 'text',
    fields: NO_FIELDS,
    line(buf, start, end, out) {
      const id = out.keys.internString(textOf(buf, start, end));
      const i = out.next(); // before reading out.ids: next() may replace the array
      out.ids[i] = id;
      return true;
    },
  }),
};

/** CPU address traces: `op 0xADDR n` per line; the key is the address, the op kept. */
export const address: TraceFormat = {
  name: 'address',
  description: 'address trace lines `op 0xADDR n` (key = hex address)',
  extensions: [],
  createDecoder: (): LineDecoder => ({
    kind: 'text',
    fields: { sizes: false, timestamps: false, ops: true },
    line(buf, start, end, out) {
      start = skipBlanks(buf, start, end);
      let opEnd = start;
      while (opEnd < end && buf[opEnd] !== 32 && buf[opEnd] !== 9) opEnd++;
      if (opEnd === start || opEnd - start > 16) return false;
      const addrStart = skipBlanks(buf, opEnd, end);
      let addrEnd = addrStart;
      while (addrEnd < end && buf[addrEnd] !== 32 && buf[addrEnd] !== 9) addrEnd++;
      if (!parseHex(buf, addrStart, addrEnd)) return false;
      const rest = skipBlanks(buf, addrEnd, end);
      const restEnd = trimEnd(buf, rest, end);
      if (rest < restEnd && !parseDecimal(buf, rest, restEnd)) return false;
      // parseDecimal overwrote `parsed`: parse the address again (cheap) to intern it.
      parseHex(buf, addrStart, addrEnd);
      const code = opEnd - start === 1 ? singleOp(out, buf[start]) : out.opCode(textOf(buf, start, opEnd));
      const i = out.next();
      out.ids[i] = out.keys.intern64(parsed.hi, parsed.lo);
      out.ops![i] = code;
      return true;
    },
  }),
};

function singleOp(out: { opCode(name: string): number }, byte: number): number {
  return out.opCode(String.fromCharCode(byte));
}
