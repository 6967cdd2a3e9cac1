// Value encoding for the disk and Redis levels: a 2-byte header (kind, compression) then the
// payload. Buffers and strings are stored as is; anything else through v8.serialize.
import { deserialize, serialize } from 'node:v8';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zc, gunzip, gzip } from 'node:zlib';
import { CacheError, describeValue } from './errors.js';

/** Compression of encoded values on the disk and Redis levels. */
export type Compression = 'none' | 'gzip' | 'brotli';

/** Values below this many bytes are not compressed. */
export const DEFAULT_COMPRESS_MIN_BYTES = 1024;

const KIND_BUFFER = 0;
const KIND_STRING = 1;
const KIND_V8 = 2;
const COMPRESSION_CODES: Record<Compression, number> = { none: 0, gzip: 1, brotli: 2 };
export const HEADER_BYTES = 2;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

/** Throws a CacheError for a key that is not a non-empty string. */
export function assertKey(key: unknown, where: string): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CacheError(
      'CACHE_INVALID_KEY',
      `${where}: the key must be a non-empty string, got ${describeValue(key)}; convert it with String() or JSON.stringify() first`,
    );
  }
}

/** Throws a CacheError for values no level can store (undefined, functions, symbols). */
export function assertValue(key: string, value: unknown, where: string): void {
  const t = typeof value;
  if (t === 'undefined' || t === 'function' || t === 'symbol') {
    throw new CacheError(
      'CACHE_INVALID_VALUE',
      `${where}(${JSON.stringify(key)}): cannot cache ${describeValue(value)}; store a Buffer, a string, or data v8.serialize accepts (use null for "no value")`,
    );
  }
}

/** Encodes a value (uncompressed): Buffer and string as is, the rest with v8.serialize. */
export function encodeValue(key: string, value: unknown): Buffer {
  let kind: number;
  let payload: Uint8Array;
  if (Buffer.isBuffer(value)) {
    kind = KIND_BUFFER;
    payload = value;
  } else if (typeof value === 'string') {
    kind = KIND_STRING;
    payload = Buffer.from(value, 'utf8');
  } else {
    kind = KIND_V8;
    try {
      payload = serialize(value);
    } catch (error) {
      throw new CacheError(
        'CACHE_VALUE_NOT_SERIALIZABLE',
        `set(${JSON.stringify(key)}): ${describeValue(value)} cannot be serialised by v8.serialize (${(error as Error).message}); store plain data, a Buffer or a string`,
        { cause: error },
      );
    }
  }
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  out[0] = kind;
  out[1] = 0;
  out.set(payload, HEADER_BYTES);
  return out;
}

/** Compresses an encoded value when `compression` is set and it is at least `minBytes` long. */
export async function compressEncoded(encoded: Buffer, compression: Compression, minBytes: number): Promise<Buffer> {
  if (compression === 'none' || encoded.length < minBytes || encoded[1] !== 0) return encoded;
  const body = encoded.subarray(HEADER_BYTES);
  const packed =
    compression === 'gzip'
      ? await gzipAsync(body)
      : await brotliAsync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 4, [zc.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (packed.length >= body.length) return encoded;
  const out = Buffer.allocUnsafe(HEADER_BYTES + packed.length);
  out[0] = encoded[0]!;
  out[1] = COMPRESSION_CODES[compression];
  out.set(packed, HEADER_BYTES);
  return out;
}

/** Decodes bytes made by {@link encodeValue} (and maybe {@link compressEncoded}). Throws on malformed input. */
export async function decodeValue(bytes: Buffer): Promise<unknown> {
  if (bytes.length < HEADER_BYTES) throw new Error('encoded value shorter than its header');
  let body = bytes.subarray(HEADER_BYTES);
  switch (bytes[1]) {
    case 0:
      break;
    case 1:
      body = await gunzipAsync(body);
      break;
    case 2:
      body = await unbrotliAsync(body);
      break;
    default:
      throw new Error(`unknown compression code ${bytes[1]}`);
  }
  switch (bytes[0]) {
    case KIND_BUFFER:
      return Buffer.from(body);
    case KIND_STRING:
      return body.toString('utf8');
    case KIND_V8:
      return deserialize(body) as unknown;
    default:
      throw new Error(`unknown value kind ${bytes[0]}`);
  }
}
