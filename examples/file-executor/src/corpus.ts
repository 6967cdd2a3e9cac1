import { createRequire } from 'node:module';
import { cp, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The corpus: every TypeScript source file rxjs ships in its npm package (installed from the registry). */
export function corpusRoot(): string {
  return join(dirname(createRequire(import.meta.url).resolve('rxjs/package.json')), 'src');
}

export async function listSourceFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|cts|tsx|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A private copy of the corpus that a benchmark may edit. */
export async function copyCorpus(to: string): Promise<string> {
  await cp(corpusRoot(), to, { recursive: true });
  return to;
}
