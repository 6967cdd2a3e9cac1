// loadProfile and listProfiles: find files, read them, follow `extends`, merge, validate.
// All reading happens here; a profile is returned whole or an error is thrown, never a part.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { ProfileError, type ProfileIssue } from './errors.js';
import { profileSearchDirs, type ProfileSearchOptions, type ProfileSource, type SearchDir } from './dirs.js';
import { mergeProfileData, type PlainProfile } from './merge.js';
import { builtinParsed, MAX_PROFILE_BYTES, parseProfileYaml, readProfileText, type ReadLimits } from './read-yaml.js';
import type { ProfileSettings } from './schema.js';
import { checkProfileFile, checkProfileSettings, isRecord } from './validate.js';

/** File extensions of profiles, in the order tried. */
export const PROFILE_EXTENSIONS = ['.yaml', '.yml'] as const;
const NAME_RE = /^[A-Za-z0-9][\w.-]*$/;

export interface LoadProfileOptions extends ProfileSearchOptions {
  /** Size and alias limits for each file. @default { maxBytes: MAX_PROFILE_BYTES, maxAliasCount: MAX_ALIAS_COUNT } */
  readonly limits?: ReadLimits;
}

/** Where a loaded profile came from. */
export interface ProfileOrigin {
  readonly file: string;
  readonly source: ProfileSource | 'path';
  /** Every file that contributed, parents first, the profile's own file last. */
  readonly files: readonly string[];
}

/** A complete, validated profile. Sizes and counts are still as written; see `resolveProfile`. */
export interface Profile extends ProfileSettings {
  readonly name: string;
  readonly origin: ProfileOrigin;
}

interface Located {
  readonly name: string;
  readonly file: string;
  /** Index in the search dirs, -1 for a path. */
  readonly dirIndex: number;
  readonly source: ProfileSource | 'path';
}

const isPath = (s: string): boolean => s.includes('/') || s.includes('\\') || PROFILE_EXTENSIONS.some((e) => s.endsWith(e));

function locate(ref: string, dirs: readonly SearchDir[], from: number, relativeTo: string): Located | { searched: string[] } {
  if (isPath(ref)) {
    const file = resolve(relativeTo, ref);
    if (existsSync(file)) return { name: basename(file, extname(file)), file, dirIndex: -1, source: 'path' };
    return { searched: [file] };
  }
  const searched: string[] = [];
  if (!NAME_RE.test(ref)) return { searched };
  for (let i = from; i < dirs.length; i++) {
    const d = dirs[i];
    if (!d) continue;
    for (const ext of PROFILE_EXTENSIONS) {
      const file = resolve(d.dir, ref + ext);
      if (existsSync(file)) return { name: ref, file, dirIndex: i, source: d.source };
    }
    searched.push(d.dir);
  }
  return { searched };
}

function notFound(ref: string, searched: readonly string[], askedBy?: string): ProfileError {
  const who = askedBy ? `${askedBy}: extends "${ref}", which` : `Profile "${ref}"`;
  const where = searched.length ? `looked in ${searched.join(', ')}` : 'not a valid profile name (letters, digits, _ . -)';
  return new ProfileError('PROFILE_NOT_FOUND', `${who} was not found (${where}). Check the name, or add ${ref}.yaml to one of those directories.`, { searched, ...(askedBy ? { file: askedBy } : {}) });
}

function parentRefs(data: unknown): string[] {
  if (!isRecord(data)) return [];
  const ext = data['extends'];
  if (typeof ext === 'string') return [ext];
  if (Array.isArray(ext)) return ext.filter((e): e is string => typeof e === 'string');
  return [];
}

/**
 * Loads a profile by name (searched in the project's `.perf/profiles`, the user's
 * `$XDG_CONFIG_HOME/perf/profiles`, then the built-ins) or by path, follows `extends`,
 * and validates the result. Throws a `ProfileError`; never returns a partial profile.
 */
export function loadProfile(nameOrPath: string, options: LoadProfileOptions = {}): Profile {
  const cwd = resolve(options.cwd ?? process.cwd());
  const dirs = profileSearchDirs(options);
  const top = locate(nameOrPath, dirs, 0, cwd);
  if ('searched' in top) throw notFound(nameOrPath, top.searched);

  const issues: ProfileIssue[] = [];
  const files: string[] = [];
  const cache = new Map<string, unknown>();

  const build = (at: Located, stack: readonly Located[]): PlainProfile => {
    const seen = stack.findIndex((s) => s.file === at.file);
    if (seen >= 0) {
      const cycle = [...stack.slice(seen), at];
      const text = cycle.map((c) => `${c.name} (${c.file})`).join(' -> ');
      throw new ProfileError('PROFILE_CYCLE', `extends forms a cycle: ${text}. Remove one of these extends.`, { cycle: cycle.map((c) => c.file), file: at.file });
    }
    let raw = cache.get(at.file);
    if (!cache.has(at.file)) {
      const text = readProfileText(at.file, options.limits?.maxBytes ?? MAX_PROFILE_BYTES);
      raw = (at.source === 'builtin' ? builtinParsed(dirs[at.dirIndex]?.dir ?? '', basename(at.file), text) : undefined)
        ?? parseProfileYaml(text, at.file, options.limits);
      cache.set(at.file, raw);
      issues.push(...checkProfileFile(raw, at.file).issues);
    }
    let base: PlainProfile = {};
    for (const ref of parentRefs(raw)) {
      // A profile extending its own name extends the next one down the search order.
      const from = ref === at.name && at.dirIndex >= 0 ? at.dirIndex + 1 : 0;
      const parent = locate(ref, dirs, from, dirname(at.file));
      if ('searched' in parent) throw notFound(ref, parent.searched, at.file);
      base = mergeProfileData(base, build(parent, [...stack, at]));
    }
    if (!files.includes(at.file)) files.push(at.file);
    return isRecord(raw) ? mergeProfileData(base, raw) : base;
  };

  const merged = build(top, []);
  const fail = (list: readonly ProfileIssue[]): never => {
    const lines = list.map((i) => `  - ${i.message}`).join('\n');
    throw new ProfileError('PROFILE_SCHEMA', `Profile "${top.name}" (${top.file}) has ${list.length} problem${list.length === 1 ? '' : 's'}:\n${lines}`, { file: top.file, issues: list });
  };
  if (issues.length) fail(issues);
  const checked = checkProfileSettings(merged, top.file);
  if (!checked.value) return fail(checked.issues);
  return { name: top.name, origin: { file: top.file, source: top.source, files }, ...checked.value };
}

/** One profile found by `listProfiles`. */
export interface ProfileListing {
  readonly name: string;
  readonly file: string;
  readonly source: ProfileSource;
  /** Files of the same name further down the search order, hidden by this one. */
  readonly shadows: readonly string[];
}

/** Lists profile files in the search order; the first of each name wins. Does not validate them. */
export function listProfiles(options: ProfileSearchOptions = {}): ProfileListing[] {
  const found = new Map<string, { name: string; file: string; source: ProfileSource; shadows: string[] }>();
  for (const { dir, source } of profileSearchDirs(options)) {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const ext = extname(entry);
      if (!(PROFILE_EXTENSIONS as readonly string[]).includes(ext)) continue;
      const name = basename(entry, ext);
      if (!NAME_RE.test(name)) continue;
      const file = resolve(dir, entry);
      const prior = found.get(name);
      if (prior) prior.shadows.push(file);
      else found.set(name, { name, file, source, shadows: [] });
    }
  }
  return [...found.values()];
}
