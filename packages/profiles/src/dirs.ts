// Where profiles are looked for: the project's `.perf/profiles`, the user's config dir, then
// the built-ins shipped with the package.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a profile directory comes from. */
export type ProfileSource = 'project' | 'user' | 'builtin' | 'custom';

export interface SearchDir {
  readonly dir: string;
  readonly source: ProfileSource;
}

export interface ProfileSearchOptions {
  /**
   * Directories searched, in order, before the built-ins (first match wins).
   * @default [`<cwd>/.perf/profiles`, `$XDG_CONFIG_HOME/perf/profiles` (XDG default `~/.config`)]
   */
  readonly dirs?: readonly string[];
  /** Project directory for the default search and for relative paths. @default process.cwd() */
  readonly cwd?: string;
  /** Search the built-in profiles after `dirs`. @default true */
  readonly builtins?: boolean;
  /** Environment read for `XDG_CONFIG_HOME` and `HOME`. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The project's profile directory, relative to the project root. */
export const PROJECT_PROFILES_DIR = '.perf/profiles';
/** The user's profile directory, relative to the config home. */
export const USER_PROFILES_DIR = 'perf/profiles';

/**
 * The built-in profiles: `dist/profiles/` in the built package (copied by
 * scripts/copy-profiles.mjs), or the repository's top-level `profiles/` when running from source.
 */
export function builtinProfilesDir(): string {
  const shipped = fileURLToPath(new URL('./profiles/', import.meta.url));
  if (existsSync(shipped)) return shipped;
  return fileURLToPath(new URL('../../../profiles/', import.meta.url));
}

/** The directories searched for `options`, in order. */
export function profileSearchDirs(options: ProfileSearchOptions = {}): SearchDir[] {
  const cwd = resolve(options.cwd ?? process.cwd());
  const out: SearchDir[] = [];
  if (options.dirs) {
    for (const dir of options.dirs) out.push({ dir: resolve(cwd, dir), source: 'custom' });
  } else {
    const env = options.env ?? process.env;
    const configHome = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
    out.push({ dir: join(cwd, PROJECT_PROFILES_DIR), source: 'project' });
    out.push({ dir: join(resolve(configHome), USER_PROFILES_DIR), source: 'user' });
  }
  if (options.builtins ?? true) out.push({ dir: builtinProfilesDir(), source: 'builtin' });
  return out;
}
