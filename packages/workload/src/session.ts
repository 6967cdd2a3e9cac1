import { TraceBuilder } from './builder.js';
import { showText, WorkloadError } from './errors.js';
import type { TraceDecoder } from './format.js';
import type { KeyTable } from './key-table.js';
import { textOf } from './text.js';

/** What to do with a malformed line or a truncated record. */
export type OnError = 'throw' | 'skip';

/** Longest line accepted before `TRACE_LINE_TOO_LONG` (1 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

const LF = 10;
const CR = 13;

export interface SessionSettings {
  readonly file: string;
  readonly format: string;
  readonly onError: OnError;
  readonly maxLineBytes: number;
  readonly capacity: number;
}

/**
 * Feeds bytes (whole file or stream chunks) through a decoder into a builder: splits
 * lines or records across chunk edges, counts lines and bytes, and turns bad input into
 * typed errors (or skips it).
 */
export class DecodeSession {
  builder: TraceBuilder | undefined;
  skipped = 0;
  private consumed = 0;
  private line = 0;
  private carry: Buffer | undefined;
  private discarding = false;
  private headerDone = false;

  constructor(
    private readonly decoder: TraceDecoder,
    private readonly keys: KeyTable,
    private readonly settings: SessionSettings,
  ) {
    if (decoder.kind === 'binary' || decoder.header === undefined) this.makeBuilder();
  }

  push(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.decoder.kind === 'binary') {
      const rb = this.decoder.recordBytes;
      if (this.carry !== undefined) {
        // complete the one straddling record without copying the whole chunk
        const need = rb - this.carry.length;
        if (buf.length < need) {
          this.carry = Buffer.concat([this.carry, buf]);
          return;
        }
        const joined = Buffer.concat([this.carry, buf.subarray(0, need)]);
        this.carry = undefined;
        this.pushBinary(joined, rb);
        buf = buf.subarray(need);
      }
      this.pushBinary(buf, rb);
      return;
    }
    if (this.carry !== undefined) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = undefined;
    }
    this.pushText(buf);
  }

  /** Handles what is left after the last chunk. */
  end(): void {
    this.endRest();
    const decoder = this.decoder;
    if (decoder.kind === 'text' && decoder.finish !== undefined && this.builder !== undefined) decoder.finish(this.builder);
  }

  private endRest(): void {
    const rest = this.carry;
    this.carry = undefined;
    if (rest === undefined || rest.length === 0) return;
    if (this.decoder.kind === 'text') {
      if (!this.discarding) this.handleLine(rest, 0, rest.length);
      return;
    }
    const { file } = this.settings;
    if (this.settings.onError === 'skip') {
      this.skipped++;
      return;
    }
    throw new WorkloadError(
      'TRACE_TRUNCATED_RECORD',
      `${file}: the trace ends inside a record at byte offset ${this.consumed} (${rest.length} of ${this.decoder.recordBytes} bytes); the file is truncated or not in format ${this.settings.format} — re-fetch it, check the format, or pass onError: 'skip'`,
      { file, offset: this.consumed },
    );
  }

  private makeBuilder(): void {
    this.builder = new TraceBuilder(this.keys, this.decoder.fields, this.settings.capacity);
  }

  private pushBinary(buf: Buffer, recordBytes: number): void {
    const count = Math.floor(buf.length / recordBytes);
    if (count > 0) (this.decoder as { decode: (b: Uint8Array, o: number, c: number, t: TraceBuilder) => void }).decode(buf, 0, count, this.builder!);
    const used = count * recordBytes;
    this.consumed += used;
    if (used < buf.length) this.carry = Buffer.from(buf.subarray(used));
  }

  private pushText(buf: Buffer): void {
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) break;
      if (this.discarding) this.discarding = false;
      else this.handleLine(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < n && !this.discarding) {
      if (n - pos <= this.settings.maxLineBytes) {
        this.carry = Buffer.from(buf.subarray(pos));
        this.consumed += pos;
        return;
      }
      this.line++;
      this.tooLong(buf, pos, n);
      this.discarding = true;
    }
    this.consumed += n;
  }

  private handleLine(buf: Buffer, start: number, end: number): void {
    this.line++;
    if (end > start && buf[end - 1] === CR) end--;
    if (end === start) return;
    if (end - start > this.settings.maxLineBytes) {
      this.tooLong(buf, start, end);
      return;
    }
    const decoder = this.decoder;
    if (decoder.kind !== 'text') return;
    if (!this.headerDone) {
      this.headerDone = true;
      if (decoder.header !== undefined) {
        const consumed = decoder.header(textOf(buf, start, end));
        this.makeBuilder();
        if (consumed) return;
      }
    }
    if (!decoder.line(buf, start, end, this.builder!)) this.malformed(buf, start, end);
  }

  private malformed(buf: Buffer, start: number, end: number): void {
    if (this.settings.onError === 'skip') {
      this.skipped++;
      return;
    }
    const { file, format } = this.settings;
    const text = textOf(buf, start, Math.min(end, start + 200));
    throw new WorkloadError(
      'TRACE_MALFORMED_LINE',
      `${file}:${this.line}: cannot read a ${format} request from "${showText(text)}"; fix or remove the line, check the format, or pass onError: 'skip'`,
      { file, line: this.line, text: showText(text) },
    );
  }

  private tooLong(buf: Buffer, start: number, end: number): void {
    if (this.settings.onError === 'skip') {
      this.skipped++;
      return;
    }
    const { file, maxLineBytes } = this.settings;
    const text = showText(textOf(buf, start, Math.min(end, start + 100)));
    throw new WorkloadError(
      'TRACE_LINE_TOO_LONG',
      `${file}:${this.line}: line longer than maxLineBytes (${maxLineBytes}) — not a ${this.settings.format} trace? Check the format, raise maxLineBytes, or pass onError: 'skip'`,
      { file, line: this.line, offset: this.consumed + start, text },
    );
  }
}
