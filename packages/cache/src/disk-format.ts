// The on-disk entry: a 16-byte header (magic, key length, value length, CRC-32 of key and
// value), the key (UTF-8), then the encoded value. Pure functions.
import { createHash } from 'node:crypto';
import { crc32 } from './crc32.js';

const MAGIC = 0x50434431; // 'PCD1'
export const ENTRY_HEADER_BYTES = 16;

/** File name of a key: SHA-256 hex, so no key can name a path outside the directory. */
export function entryName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Builds the bytes of an entry file. */
export function packEntry(key: string, value: Uint8Array): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const out = Buffer.allocUnsafe(ENTRY_HEADER_BYTES + keyBytes.length + value.length);
  out.writeUInt32BE(MAGIC, 0);
  out.writeUInt32BE(keyBytes.length, 4);
  out.writeUInt32BE(value.length, 8);
  out.writeUInt32BE(crc32(value, crc32(keyBytes)), 12);
  keyBytes.copy(out, ENTRY_HEADER_BYTES);
  out.set(value, ENTRY_HEADER_BYTES + keyBytes.length);
  return out;
}

/** Result of reading an entry file. */
export type UnpackResult =
  | { ok: true; key: string; value: Buffer }
  | { ok: false; reason: string };

/** Checks and splits an entry file: magic, lengths, checksum. */
export function unpackEntry(bytes: Buffer): UnpackResult {
  if (bytes.length < ENTRY_HEADER_BYTES) return { ok: false, reason: `file of ${bytes.length} bytes is shorter than the header` };
  if (bytes.readUInt32BE(0) !== MAGIC) return { ok: false, reason: 'bad magic number' };
  const keyLength = bytes.readUInt32BE(4);
  const valueLength = bytes.readUInt32BE(8);
  if (ENTRY_HEADER_BYTES + keyLength + valueLength !== bytes.length) {
    return { ok: false, reason: `header says ${ENTRY_HEADER_BYTES + keyLength + valueLength} bytes, file has ${bytes.length}` };
  }
  const keyBytes = bytes.subarray(ENTRY_HEADER_BYTES, ENTRY_HEADER_BYTES + keyLength);
  const value = bytes.subarray(ENTRY_HEADER_BYTES + keyLength);
  if (crc32(value, crc32(keyBytes)) !== bytes.readUInt32BE(12)) return { ok: false, reason: 'checksum mismatch' };
  return { ok: true, key: keyBytes.toString('utf8'), value };
}
