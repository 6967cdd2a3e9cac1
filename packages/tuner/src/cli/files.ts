import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TunerError } from '../errors.js';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git', '.turbo', '.perf']);
const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx)$/;
/** Declaration files hold types only: a transpiler skips them. */
const DECLARATION = /\.d\.(ts|mts|cts)$/;
/** Most project files handed to a task as inputs. */
export const MAX_PROJECT_INPUTS = 2000;

/** The project's own source files (not dependencies or build output), sorted. */
export async function projectSourceFiles(dir: string, limit = MAX_PROJECT_INPUTS): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(join(d, e.name));
      } else if (e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name)) out.push(join(d, e.name));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Inputs for a task: a JSON array file. */
export async function readInputs(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TunerError('TUNER_INPUT', `cannot read the inputs file ${file}: ${(error as Error).message}`, { hint: 'give --inputs a JSON file holding an array, or --inputs project for the project\'s source files' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TunerError('TUNER_INPUT', `${file} is not JSON: ${(error as Error).message}`, { hint: 'the inputs file holds a JSON array of task inputs' });
  }
  if (!Array.isArray(value) || value.length === 0) throw new TunerError('TUNER_INPUT', `${file} must hold a non-empty JSON array of task inputs`);
  return value as unknown[];
}

export { writeFileAtomic } from '../atomic.js';
