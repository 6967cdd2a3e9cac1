import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { parseTrace, seededRandom, traceFormatNames, WorkloadError } from '../src/index.js';

const ROUNDS = 60;
const MAX_BYTES = 4096;

/** Runs a parse; anything but a result or a WorkloadError fails the test. */
function survive(bytes: Uint8Array, format: string, onError: 'throw' | 'skip'): void {
  try {
    const t = parseTrace(bytes, { format, onError, maxLineBytes: 512 });
    expect(t.ids.length).toBe(t.requests);
    for (const id of t.ids) if (id >= t.uniqueKeys) throw new Error(`id ${id} >= uniqueKeys ${t.uniqueKeys}`);
  } catch (error) {
    if (!(error instanceof WorkloadError)) throw error;
    expect(error.code).toMatch(/^[A-Z_]+$/);
  }
}

describe('fuzzing the readers (seeded, bounded)', () => {
  const rand = seededRandom(20261128);
  const samples: Record<string, string> = {
    lirs: '12\n*\n13\r\n12\n',
    keys: 'a\nb\na\n',
    'libcachesim-txt': '1\nx\n2\n',
    address: 's 0x1fffff50 1\nl 0x1fffff58 1\n',
    'libcachesim-csv': 'version,time,op,size,lbn\n1,5,2a,512,42\n1,6,28,512,43\n',
  };

  for (const format of traceFormatNames()) {
    it(`${format}: random bytes, truncations, mutations and huge lines give results or typed errors`, () => {
      const seed = Buffer.from(samples[format] ?? '');
      for (let round = 0; round < ROUNDS; round++) {
        const n = Math.floor(rand() * MAX_BYTES);
        const random = new Uint8Array(n);
        for (let i = 0; i < n; i++) random[i] = Math.floor(rand() * 256);
        // bias some rounds towards digits and line breaks, which get deeper into text parsers
        if (round % 3 === 0) for (let i = 0; i < n; i++) random[i] = '0123456789\n\r *,x-'.charCodeAt(Math.floor(rand() * 18));
        for (const mode of ['throw', 'skip'] as const) {
          survive(random, format, mode);
          survive(random.subarray(0, Math.floor(rand() * n)), format, mode);
        }
        if (seed.length > 0) {
          const mutated = Buffer.from(seed);
          mutated[Math.floor(rand() * mutated.length)] = Math.floor(rand() * 256);
          survive(mutated, format, 'throw');
          survive(mutated.subarray(0, Math.floor(rand() * mutated.length)), format, 'skip');
        }
      }
      survive(Buffer.from('9'.repeat(100_000)), format, 'throw');
      survive(Buffer.from(`1\n${'1'.repeat(100_000)}\n2\n`), format, 'skip');
      const gz = gzipSync(Buffer.from('1\n2\n'.repeat(100)));
      survive(gz.subarray(0, gz.length >> 1), format, 'throw');
    });
  }
});
