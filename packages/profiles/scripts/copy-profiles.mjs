// Copies the repository's top-level profiles/*.yaml into dist/profiles/, so the published
// package carries its built-in profiles.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../profiles/', import.meta.url));
const to = fileURLToPath(new URL('../dist/profiles/', import.meta.url));
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
if (files.length === 0) throw new Error(`no profiles found in ${from}`);
for (const f of files) copyFileSync(from + f, to + f);
console.log(`copied ${files.length} profiles to dist/profiles/`);
