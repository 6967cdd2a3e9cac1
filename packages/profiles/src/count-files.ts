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
  /**
   * For files below the base directory (not in it): the same rules less those anchored to a
   * single name (`/dist`), which can only match entries of the base directory itself; null
   * unless every remaining pattern matches a basename (no slash but a trailing one), in which
   * case such a file's result depends on its name only.
   */
  readonly deepByName: Ignore | null;
}

const ANCHORED_NAME = /^!?\/[^/]+\/?$/;

/** The patterns of a .gitignore text, comments and blank lines left out. */
function patterns(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** True when no pattern has a slash before its last character. */
export function isBasenameOnly(lines: readonly string[]): boolean {
  return lines.every((line) => !line.trim().replace(/^!/, '').slice(0, -1).includes('/'));
}

function readRules(file: string, base: string): Rules | null {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return null;
  const text = readFileSync(file, 'utf8');
  const deep = patterns(text).filter((l) => !ANCHORED_NAME.test(l.trim()));
  return { base, ig: ignore().add(text), deepByName: isBasenameOnly(deep) ? ignore().add(deep) : null };
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

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** Like `decide` for a file named `name` in a directory: `prefix` is that directory relative to each rule set's base. */
function decideFile(chain: readonly { readonly prefix: string; readonly ig: Ignore }[], name: string): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const rules = chain[i];
    if (!rules) continue;
    const result = rules.ig.test(rules.prefix + name);
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
  const exclude = readRules(`${root}.git${sep}info${sep}exclude`, root);
  if (exclude) {
    rootChain.push(exclude);
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
    const own = readRules(`${dirPath}.gitignore`, dirPath);
    let chain = parent;
    if (own) {
      ignoreFiles++;
      chain = [...parent, own];
    }
    chains.set(dirPath, chain);
    return chain;
  };
  chainOf(root);

  let builder = new fdir()
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
    const shared = chainOf(directory);
    if (shared.length === 0) {
      files += group.files.length;
      continue;
    }
    // A short-lived copy of each rule set (the compiled rules are shared, not recompiled) keeps
    // `ignore`'s per-path result cache to one directory: one instance caching 100,000 paths spent
    // most of its time hashing into that cache and collecting garbage.
    // Files in a rule set's own directory, and files below it when the rules only look at names,
    // are tested on the shared instance (its cache is bounded by the distinct names); others test
    // their path on a copy scoped to this directory.
    const local = shared.map((r) => {
      const prefix = toPosix(directory.slice(r.base.length));
      if (prefix === '') return { prefix, ig: r.ig };
      return r.deepByName ? { prefix: '', ig: r.deepByName } : { prefix, ig: ignore().add(r.ig) };
    });
    for (const name of group.files) {
      if (!decideFile(local, name)) files++;
    }
  }
  return { files, ignoreFiles, dir: root };
}
