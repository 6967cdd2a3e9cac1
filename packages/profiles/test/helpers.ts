import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { SystemFacts } from '../src/index.js';

const GIB = 1024 ** 3;

/** A fresh temp dir, removed after the file's tests. */
export function tempDir(prefix = 'perf-profiles-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (path -> content) under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export const system = (cores: number, memoryGib: number, extra: object = {}): SystemFacts =>
  ({ cpu: { effectiveCores: cores }, memory: { effectiveLimitBytes: memoryGib * GIB }, ...extra });

/** 2 cores, 8 GiB: like the CI machine. */
export const TWO_CORES = system(2, 8);
/** 32 cores, 64 GiB: a workstation. */
export const WORKSTATION = system(32, 64);
/** 8 cores, 2 GiB: memory-constrained. */
export const SMALL_MEMORY = system(8, 2);
/** 8 cores, 16 GiB: no constraint. */
export const STANDARD = system(8, 16);
