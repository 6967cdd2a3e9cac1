import type { BinaryDecoder, TraceFormat } from '../format.js';
import { NO_FIELDS } from '../format.js';

/** Big-endian uint32 keys, 4 bytes per request (CloudPhysics block traces as Caffeine ships them). */
export const uint32be: TraceFormat = {
  name: 'uint32be',
  description: 'big-endian unsigned 32-bit key per request',
  extensions: [],
  createDecoder: () => u32Decoder,
};

/** Big-endian signed int32 keys (cache2k traces); negative keys are interned by their 32 bits. */
export const int32be: TraceFormat = {
  name: 'int32be',
  description: 'big-endian signed 32-bit key per request',
  extensions: [],
  createDecoder: () => u32Decoder,
};

const u32Decoder: BinaryDecoder = {
  kind: 'binary',
  recordBytes: 4,
  fields: NO_FIELDS,
  decode(buf, offset, count, out) {
    out.reserve(count);
    out.keys.internUint32BigEndian(buf, offset, count, out.ids, out.length);
    out.length += count;
  },
};

/** Big-endian 64-bit keys (Scarab); kept as two uint32 halves, never a JS number. */
export const int64be: TraceFormat = {
  name: 'int64be',
  description: 'big-endian 64-bit key per request (keys may exceed 2^53)',
  extensions: [],
  createDecoder: () => ({
    kind: 'binary',
    recordBytes: 8,
    fields: NO_FIELDS,
    decode(buf, offset, count, out) {
      out.reserve(count);
      out.keys.internBigEndian(buf, offset, count, 8, out.ids, out.length);
      out.length += count;
    },
  }),
};

/** Bytes of one libCacheSim oracleGeneral record. */
export const ORACLE_GENERAL_RECORD_BYTES = 24;

/**
 * libCacheSim oracleGeneral: packed little-endian
 * `{ uint32 time; uint64 id; uint32 size; int64 next_access_vtime }`.
 */
export const oracleGeneral: TraceFormat = {
  name: 'oracle-general',
  description: 'libCacheSim oracleGeneral, 24-byte little-endian records {u32 time, u64 id, u32 size, i64 next}',
  extensions: ['.oraclegeneral', '.oraclegeneral.bin'],
  createDecoder: () => ({
    kind: 'binary',
    recordBytes: ORACLE_GENERAL_RECORD_BYTES,
    fields: { sizes: true, timestamps: true, ops: false },
    decode(buf, offset, count, out) {
      out.reserve(count);
      const { ids, sizes, timestamps, keys } = out;
      let n = out.length;
      const end = offset + count * ORACLE_GENERAL_RECORD_BYTES;
      for (let i = offset; i < end; i += ORACLE_GENERAL_RECORD_BYTES) {
        timestamps![n] = le32(buf, i);
        sizes![n] = le32(buf, i + 12);
        ids[n++] = keys.intern64(le32(buf, i + 8), le32(buf, i + 4));
      }
      out.length = n;
    },
  }),
};

function le32(buf: Uint8Array, i: number): number {
  return (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) >>> 0;
}
