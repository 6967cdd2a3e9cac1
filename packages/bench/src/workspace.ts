import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Nearest directory at or above `from` holding `pnpm-workspace.yaml` (or a `.git`), else `from` itself. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/**
 * Directory name of the package called `packageName`: the nearest package.json at or above `from`
 * with that name gives it; otherwise the name without its scope (`@perf/cache` → `cache`).
 */
export function packageDirName(packageName: string, from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
        if (json.name === packageName) return basename(dir);
      } catch {
        // an unreadable package.json is not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const slash = packageName.lastIndexOf('/');
  return (slash >= 0 ? packageName.slice(slash + 1) : packageName).replace(/[^A-Za-z0-9._-]/g, '_');
}
