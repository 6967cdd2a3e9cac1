import { describe, expect, it } from 'vitest';
import { CacheError, crc32, decodeValue, encodeValue } from '../src/index.js';
import { compressEncoded } from '../src/codec.js';
import { crc32Js } from '../src/crc32.js';
import { entryName, packEntry, unpackEntry } from '../src/disk-format.js';
import { parseRuns } from '../src/disk-scan.js';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff));
    expect(crc32Js(data)).toBe(crc32(data));
    expect(crc32Js(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('value encoding', () => {
  const samples: [string, unknown][] = [
    ['buffer', Buffer.from([0, 1, 2, 255])],
    ['string', 'héllo wörld ✓'],
    ['empty string', ''],
    ['object', { a: 1, b: [1, 2, { c: 'x' }], d: new Date(0), m: new Map([[1, 2]]) }],
    ['number', 42.5],
    ['null', null],
    ['typed array', new Float64Array([1.5, 2.5])],
  ];
  it.each(samples)('round-trips a %s', async (_name, value) => {
    expect(await decodeValue(encodeValue('k', value))).toEqual(value);
  });

  it.each(['gzip', 'brotli'] as const)('round-trips through %s and makes repetitive data smaller', async (compression) => {
    const value = 'abc'.repeat(10_000);
    const encoded = encodeValue('k', value);
    const packed = await compressEncoded(encoded, compression, 1024);
    expect(packed.length).toBeLessThan(encoded.length / 10);
    expect(await decodeValue(packed)).toBe(value);
  });

  it('leaves small values uncompressed', async () => {
    const encoded = encodeValue('k', 'small');
    expect(await compressEncoded(encoded, 'gzip', 1024)).toBe(encoded);
  });

  it('names a value v8 cannot serialise, with a code', () => {
    const bad = { handler: () => 1 };
    let error: unknown;
    try {
      encodeValue('my-key', bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CacheError);
    expect((error as CacheError).code).toBe('CACHE_VALUE_NOT_SERIALIZABLE');
    expect((error as CacheError).message).toContain('"my-key"');
    expect((error as CacheError).message).toContain('object of class Object');
  });
});

describe('disk entry format', () => {
  it('names entries by a hash, so no key reaches outside the folder', () => {
    for (const key of ['../../etc/passwd', '/abs/path', 'a\0b', '..', 'x'.repeat(10_000)]) {
      expect(entryName(key)).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('round-trips and detects damage', () => {
    const file = packEntry('key', Buffer.from('value'));
    expect(unpackEntry(file)).toEqual({ ok: true, key: 'key', value: Buffer.from('value') });
    const flipped = Buffer.from(file);
    flipped[flipped.length - 1] ^= 1;
    expect(unpackEntry(flipped)).toEqual({ ok: false, reason: 'checksum mismatch' });
    expect(unpackEntry(file.subarray(0, file.length - 2)).ok).toBe(false);
    expect(unpackEntry(file.subarray(0, 5)).ok).toBe(false);
  });
});

describe('runs log', () => {
  it('parses start and id per line, skipping damaged lines', () => {
    expect(parseRuns('100 build-1\n200 build 2\n\ngarbage\n300 \n400 x\n')).toEqual([
      { start: 100, id: 'build-1' },
      { start: 200, id: 'build 2' },
      { start: 400, id: 'x' },
    ]);
  });
});
