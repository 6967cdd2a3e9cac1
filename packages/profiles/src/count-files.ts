// Counts the files git would track under a directory: fdir walks the tree, `ignore` applies
// every .gitignore on the way (nested ones included, deeper files first, as git does) and
// .git/info/exclude at the root. Ignored directories are not entered; .git is skipped.
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fdir } from 'fdir';
import ignore, { type Ignore } from 'ignore';
import { ProfileError } from './errors.js';

export interface CountFilesOptions {
  /** Stops the walk. @default none */
  readonly signal?: AbortSignal;
}

export interface FileCount {
  /** Files (and symlinks) git would track. */
  readonly files: number;
  /** .gitignore files applied (plus .git/info/exclude when present). */
  readonly ignoreFiles: number;
  /** The directory counted, absolute. */
  readonly dir: string;
}

interface Rules {
  /** Directory the rules belong to, absolute, with a trailing separator. */
  readonly base: string;
  readonly ig: Ignore;
}

function readRules(file: string): Ignore | null {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return null;
  return ignore().add(readFileSync(file, 'utf8'));
}

/** Rules from the deepest directory up: the first that decides wins. */
function decide(chain: readonly Rules[], path: string, isDir: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const rules = chain[i];
    if (!rules) continue;
    let rel = path.slice(rules.base.length);
    if (sep !== '/') rel = rel.split(sep).join('/');
    if (isDir && !rel.endsWith('/')) rel += '/';
    const result = rules.ig.test(rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** Counts the files of `dir` that `git add -A` would add in a fresh repository. */
export async function countProjectFiles(dir: string, options: CountFilesOptions = {}): Promise<FileCount> {
  const root = resolve(dir) + sep;
  const st = statSync(root, { throwIfNoEntry: false });
  if (!st?.isDirectory()) {
    throw new ProfileError('PROFILE_PROJECT_DIR', `${dir}: not a directory; pass the project's root as projectDir.`);
  }
  let ignoreFiles = 0;
  const chains = new Map<string, readonly Rules[]>();
  const rootChain: Rules[] = [];
  const exclude = readRules(`${root}.git${sep}info${sep}exclude`);
  if (exclude) {
    rootChain.push({ base: root, ig: exclude });
    ignoreFiles++;
  }
  const chainOf = (dirPath: string): readonly Rules[] => {
    const known = chains.get(dirPath);
    if (known) return known;
    let parent: readonly Rules[];
    if (dirPath === root) parent = rootChain;
    else {
      const cut = dirPath.lastIndexOf(sep, dirPath.length - 2);
      parent = chainOf(dirPath.slice(0, cut + 1));
    }
    const own = readRules(`${dirPath}.gitignore`);
    let chain = parent;
    if (own) {
      ignoreFiles++;
      chain = [...parent, { base: dirPath, ig: own }];
    }
    chains.set(dirPath, chain);
    return chain;
  };
  chainOf(root);

  let builder = new fdir()
    .withBasePath()
    .exclude((name, dirPath) => {
      if (name === '.git') return true;
      const parentDir = dirPath.slice(0, dirPath.lastIndexOf(sep, dirPath.length - 2) + 1);
      return decide(chainOf(parentDir), dirPath, true);
    })
    .group();
  if (options.signal) builder = builder.withAbortSignal(options.signal);
  const groups = await builder.crawl(root).withPromise();

  let files = 0;
  for (const group of groups) {
    const directory = group.directory.endsWith(sep) ? group.directory : group.directory + sep;
    const chain = chainOf(directory);
    if (chain.length === 0) {
      files += group.files.length;
      continue;
    }
    for (const file of group.files) {
      // With a base path, fdir's group entries are full paths.
      const full = file.startsWith(directory) ? file : directory + file;
      if (!decide(chain, full, false)) files++;
    }
  }
  return { files, ignoreFiles, dir: root };
}
