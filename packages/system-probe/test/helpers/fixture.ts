import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** A file's text, a directory where a file is expected (`DIR`), or a symlink target. */
export type Entry = string | typeof DIR | { readonly symlink: string };
export const DIR = Symbol('dir');

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Builds a fake root (`/proc/...`, `/sys/...`) in a temp dir; removed after the test file. */
export function fixtureRoot(files: Readonly<Record<string, Entry>>): string {
  const root = mkdtempSync(join(tmpdir(), 'probe-fixture-'));
  made.push(root);
  for (const [path, entry] of Object.entries(files)) {
    const full = join(root, path);
    if (entry === DIR) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(join(root, entry.symlink), full);
  }
  return root;
}

/** /proc/self/status with the given allowed-CPU list. */
export function status(cpus: string): string {
  return `Name:\tnode\nState:\tR (running)\nCpus_allowed:\tff\nCpus_allowed_list:\t${cpus}\nMems_allowed_list:\t0\n`;
}

export const GIB = 1024 ** 3;

/** /proc/meminfo with MemTotal (and MemAvailable, SwapTotal) in GiB. */
export function meminfo(totalGiB: number, availableGiB = totalGiB / 2, swapGiB = 0): string {
  const kb = (g: number): number => Math.round(g * 1024 * 1024);
  return `MemTotal:       ${kb(totalGiB)} kB\nMemFree:        ${kb(availableGiB)} kB\nMemAvailable:   ${kb(availableGiB)} kB\nSwapTotal:      ${kb(swapGiB)} kB\nSwapFree:       ${kb(swapGiB)} kB\nHugePages_Total:       0\n`;
}

/** Options that keep fixture probes off the real machine's caches and off systeminformation. */
export function fixtureOptions(rootDir: string): { rootDir: string; cache: false; useSystemInformation: false } {
  return { rootDir, cache: false, useSystemInformation: false };
}
