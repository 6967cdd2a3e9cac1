/** Byte-level number parsing for text traces (no string allocation on the hot path). */

const TWO_POW_32 = 4294967296;
/** 10^15 < 2^53: a decimal of at most 15 digits is exact as a double. */
const SAFE_DECIMAL_DIGITS = 15;

/** Result halves of the last successful parse. */
export const parsed = { hi: 0, lo: 0 };

const SPACE = 32;
const TAB = 9;

/** Index of the first non-blank byte in [start, end). */
export function skipBlanks(buf: Uint8Array, start: number, end: number): number {
  while (start < end && (buf[start] === SPACE || buf[start] === TAB)) start++;
  return start;
}

/** End index with trailing blanks removed. */
export function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  return end;
}

/** Parses an unsigned decimal integer below 2^64 in exactly [start, end) into `parsed`. */
export function parseDecimal(buf: Uint8Array, start: number, end: number): boolean {
  if (start >= end || end - start > 20) return false;
  let v = 0;
  let i = start;
  const fastEnd = Math.min(end, start + SAFE_DECIMAL_DIGITS);
  for (; i < fastEnd; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  let hi = Math.floor(v / TWO_POW_32);
  let lo = v >>> 0;
  for (; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return false;
    const x = lo * 10 + d;
    lo = x >>> 0;
    hi = hi * 10 + (x - lo) / TWO_POW_32;
    if (hi >= TWO_POW_32) return false;
  }
  parsed.hi = hi;
  parsed.lo = lo;
  return true;
}

/** Parses a hexadecimal integer below 2^64 (optional `0x`) in exactly [start, end). */
export function parseHex(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start >= 2 && buf[start] === 48 && (buf[start + 1] === 120 || buf[start + 1] === 88)) start += 2;
  if (start >= end) return false;
  while (end - start > 1 && buf[start] === 48) start++;
  if (end - start > 16) return false;
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return false;
    hi = ((hi << 4) | (lo >>> 28)) >>> 0;
    lo = ((lo << 4) | d) >>> 0;
  }
  parsed.hi = hi;
  parsed.lo = lo;
  return true;
}

/** Parses a finite decimal number (integer or fraction) from text. */
export function parseNumberText(text: string): number | undefined {
  if (text.length === 0) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const decoder = new TextDecoder();

/** The bytes of [start, end) as text. */
export function textOf(buf: Uint8Array, start: number, end: number): string {
  return decoder.decode(buf.subarray(start, end));
}
