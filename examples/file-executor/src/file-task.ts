// A calibration task for @perf/worker-optimizer and perf-tune: one input is a file path; the
// file is read and transpiled (the executor's real work). Default export, as tinypool expects.
import { readFile } from 'node:fs/promises';
import { transformOne } from './transform.js';

export default async function transpileFile(path: string): Promise<number> {
  const source = await readFile(path, 'utf8');
  return transformOne({ path, source }).output.length;
}
