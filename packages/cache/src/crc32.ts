import * as zlib from 'node:zlib';

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the checksum of disk entries.

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 in plain JS (reference for the native one, and its fallback). */
export function crc32Js(bytes: Uint8Array, seed = 0): number {
  let c = (seed ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `bytes`, continuing from `seed` (the CRC of earlier bytes, 0 to start); zlib's when Node has it (20.15+). */
export const crc32: (bytes: Uint8Array, seed?: number) => number = native === undefined ? crc32Js : (bytes, seed = 0) => native(bytes, seed);
