// The experiment's four small benchmarks as a module, for the interleaved design
// (src/experiment-interleaved-child.ts): the child imports this module twice under different URLs, so each
// side gets its own module instance (own functions, own JIT feedback), as two versions of a package would.
// src/experiment-child.ts (the process-per-side design) uses them too: every base count is 20, so scale 1.15
// gives 23 (15% more work).
import { mulberry32 } from './stats.js';

let scale = 1;
/** Work per call relative to the written code (1.15: an injected 15% slowdown). */
export function setScale(s: number): void { scale = s; }

const rand = mulberry32(12345);
const numbers = Array.from({ length: 400 }, () => rand());
const doc = { users: Array.from({ length: 40 }, (_, i) => ({ id: i, name: `user${i}`, tags: ['a', 'b', 'c'], score: i * 1.5 })) };
const text = JSON.stringify(doc);
const keys = Array.from({ length: 500 }, (_, i) => `k${i}`);
const reps = (base: number): number => Math.round(base * scale);

let sink = 0;
export const sinkBit = (): number => sink % 2;
export const tasks: Record<string, () => void> = {
  'fnv-hash': () => {
    let h = 0x811c9dc5;
    for (let r = 0, n = reps(20); r < n; r++) for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    sink ^= h;
  },
  'sort-numbers': () => {
    for (let r = 0, n = reps(20); r < n; r++) sink += numbers.slice().sort((a, b) => a - b)[0];
  },
  'json-roundtrip': () => {
    for (let r = 0, n = reps(20); r < n; r++) sink += (JSON.parse(JSON.stringify(JSON.parse(text))) as typeof doc).users.length;
  },
  'map-get-set': () => {
    const m = new Map<string, number>();
    for (let r = 0, n = reps(20); r < n; r++) for (let i = 0; i < keys.length; i++) m.set(keys[i], (m.get(keys[(i * 7) % keys.length]) ?? 0) + 1);
    sink += m.size;
  },
};
