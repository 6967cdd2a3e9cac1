// One measurement per fresh process; prints one JSON line last (read by @perf/bench's runChild):
// { wall, cpu } in the measurement's unit, from wall-clock time and from this process's CPU time.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { generateTrace, loadTrace, parseTrace, stackDistanceHistogram, TraceRecorder } from '../src/index.js';

const gunzipAsync = promisify(gunzip);

/** The last stdout line is the measurement (the shape @perf/bench's runChild reads). */
function emitMeasurement(value: Record<string, number>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
const [what, path = ''] = process.argv.slice(2);

/** The plain reference: intern keys with a Map. */
function mapIntern(raw: Uint8Array): { ids: Uint32Array; unique: number } {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = raw.byteLength >>> 2;
  const ids = new Uint32Array(n);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = view.getUint32(i * 4);
    let id = map.get(key);
    if (id === undefined) {
      id = map.size;
      map.set(key, id);
    }
    ids[i] = id;
  }
  return { ids, unique: map.size };
}

/** Times `fn`: returns wall and CPU milliseconds. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const perSecond = (n: number, t: { wallMs: number; cpuMs: number }) => ({ wall: n / (t.wallMs / 1000), cpu: n / (t.cpuMs / 1000) });
const nsPer = (n: number, t: { wallMs: number; cpuMs: number }) => ({ wall: (t.wallMs * 1e6) / n, cpu: (t.cpuMs * 1e6) / n });

function plainFenwick(ids: Uint32Array, uniqueKeys: number): number {
  // reference: the textbook Fenwick tree over all N time positions (no renumbering)
  const n = ids.length;
  const tree = new Int32Array(n + 1);
  const last = new Int32Array(uniqueKeys);
  const counts = new Float64Array(uniqueKeys);
  let live = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const p = last[id];
    if (p === 0) live++;
    else {
      let s = 0;
      for (let j = p; j > 0; j -= j & -j) s += tree[j];
      counts[live - s]++;
      for (let j = p; j <= n; j += j & -j) tree[j]--;
    }
    for (let j = i + 1; j <= n; j += j & -j) tree[j]++;
    last[id] = i + 1;
  }
  return live;
}

switch (what) {
  case 'load': {
    // whole loadTrace: read + gunzip + decode + intern
    const t = await timed(() => loadTrace(path, { format: 'uint32be' }));
    emitMeasurement({ ...perSecond(t.result.requests, t), unique: t.result.uniqueKeys });
    break;
  }
  case 'load-map': {
    const t = await timed(async () => mapIntern(await gunzipAsync(await readFile(path))));
    emitMeasurement({ ...perSecond(t.result.ids.length, t), unique: t.result.unique });
    break;
  }
  case 'decode': {
    // decode + intern only, from bytes already decompressed (gunzip excluded on both sides)
    const raw = await gunzipAsync(await readFile(path));
    const t = await timed(() => parseTrace(raw, { format: 'uint32be' }));
    emitMeasurement({ ...perSecond(t.result.requests, t), unique: t.result.uniqueKeys });
    break;
  }
  case 'decode-map': {
    const raw = await gunzipAsync(await readFile(path));
    const t = await timed(() => mapIntern(raw));
    emitMeasurement({ ...perSecond(t.result.ids.length, t), unique: t.result.unique });
    break;
  }
  case 'stack-distance': {
    const trace = await loadTrace(path, { format: 'uint32be' });
    const t = await timed(() => stackDistanceHistogram(trace));
    emitMeasurement({ wall: t.wallMs, cpu: t.cpuMs, cold: t.result.coldMisses });
    break;
  }
  case 'stack-distance-plain': {
    const trace = await loadTrace(path, { format: 'uint32be' });
    const t = await timed(() => plainFenwick(trace.ids, trace.uniqueKeys));
    emitMeasurement({ wall: t.wallMs, cpu: t.cpuMs, cold: t.result });
    break;
  }
  case 'record':
  case 'record-map': {
    // keys: a Zipf(1) stream over 100k integer keys, made before timing
    const keys = generateTrace({ kind: 'zipf', requests: 4_000_000, keys: 100_000, alpha: 1, seed: 1 }).ids;
    const n = keys.length;
    const t = await timed(() => {
      if (what === 'record') {
        const r = new TraceRecorder();
        for (let i = 0; i < n; i++) r.record(keys[i]);
        return r.requests;
      }
      // reference: a Map from key to id and a growing JS array
      const map = new Map<number, number>();
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        let id = map.get(k);
        if (id === undefined) map.set(k, (id = map.size));
        ids.push(id);
      }
      return ids.length;
    });
    if (t.result !== n) throw new Error('lost records');
    emitMeasurement(nsPer(n, t));
    break;
  }
  case 'record-string': {
    const ids = generateTrace({ kind: 'zipf', requests: 2_000_000, keys: 100_000, alpha: 1, seed: 1 }).ids;
    const keys = Array.from({ length: 100_000 }, (_, i) => `/src/file-${i}.ts`);
    const r = new TraceRecorder();
    const t = await timed(() => {
      for (let i = 0; i < ids.length; i++) r.record(keys[ids[i]], { size: 4096 });
    });
    emitMeasurement(nsPer(ids.length, t));
    break;
  }
  default:
    throw new Error(`unknown measurement ${what}`);
}
