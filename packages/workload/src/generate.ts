import { WorkloadError } from './errors.js';
import { KeyTable } from './key-table.js';
import { traceFromColumns } from './load.js';
import { seededRandom } from './random.js';
import type { Trace } from './trace.js';

/** Shapes of synthetic traces. */
export type SyntheticKind = 'scan' | 'loop' | 'zipf' | 'uniform';

/** Options of `generateTrace`. */
export interface GenerateTraceOptions {
  readonly kind: SyntheticKind;
  /** Number of requests. */
  readonly requests: number;
  /** Distinct keys to draw from (`loop`: the loop length; `scan`: ignored, every key is new). @default 1000 */
  readonly keys?: number;
  /** Zipf exponent for `zipf`. @default 1 */
  readonly alpha?: number;
  /** PRNG seed. @default 1 */
  readonly seed?: number;
}

const DEFAULT_KEYS = 1000;
const DEFAULT_ALPHA = 1;
const DEFAULT_SEED = 1;

/**
 * A synthetic trace: `scan` (keys 0, 1, 2, ... each once), `loop` (0 .. keys-1 repeated),
 * `zipf` (key of rank r drawn with probability ∝ 1 / r^alpha, ranks shuffled over keys) or
 * `uniform` (every key equally likely).
 */
export function generateTrace(options: GenerateTraceOptions): Trace {
  const n = options.requests;
  const m = options.keys ?? DEFAULT_KEYS;
  if (!Number.isInteger(n) || n < 1) throw new WorkloadError('INVALID_OPTION', `requests must be a positive integer, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new WorkloadError('INVALID_OPTION', `keys must be a positive integer, got ${m}`);
  const rand = seededRandom(options.seed ?? DEFAULT_SEED);
  const raw = new Uint32Array(n);
  switch (options.kind) {
    case 'scan':
      for (let i = 0; i < n; i++) raw[i] = i;
      break;
    case 'loop':
      for (let i = 0; i < n; i++) raw[i] = i % m;
      break;
    case 'uniform':
      for (let i = 0; i < n; i++) raw[i] = Math.floor(rand() * m);
      break;
    case 'zipf': {
      const alpha = options.alpha ?? DEFAULT_ALPHA;
      const cdf = new Float64Array(m);
      let sum = 0;
      for (let r = 0; r < m; r++) cdf[r] = sum += 1 / Math.pow(r + 1, alpha);
      const perm = shuffled(m, rand);
      for (let i = 0; i < n; i++) {
        const u = rand() * sum;
        let lo = 0;
        let hi = m - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cdf[mid] < u) lo = mid + 1;
          else hi = mid;
        }
        raw[i] = perm[lo];
      }
      break;
    }
    default:
      throw new WorkloadError('INVALID_OPTION', `kind must be scan, loop, zipf or uniform, got ${String(options.kind)}`);
  }
  const keys = new KeyTable(Math.min(m, n));
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = keys.intern64(0, raw[i]);
  return traceFromColumns({ ids }, keys, [], `synthetic-${options.kind}`);
}

function shuffled(m: number, rand: () => number): Uint32Array {
  const a = new Uint32Array(m);
  for (let i = 0; i < m; i++) a[i] = i;
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
