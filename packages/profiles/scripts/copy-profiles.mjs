// Copies the repository's top-level profiles/*.yaml into dist/profiles/, so the published
// package carries its built-in profiles, and writes dist/profiles/parsed.json: each file's exact
// text with its parsed data. At run time a built-in whose text still equals the stored text
// skips the YAML parser (a memo of a pure function keyed by the whole text; any edit misses).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProfileYaml } from '../dist/index.js';

const from = fileURLToPath(new URL('../../../profiles/', import.meta.url));
const to = fileURLToPath(new URL('../dist/profiles/', import.meta.url));
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
if (files.length === 0) throw new Error(`no profiles found in ${from}`);
const parsed = {};
for (const f of files) {
  copyFileSync(from + f, to + f);
  const text = readFileSync(from + f, 'utf8');
  parsed[f] = { text, data: parseProfileYaml(text, from + f) };
}
writeFileSync(`${to}parsed.json`, JSON.stringify(parsed));
console.log(`copied ${files.length} profiles to dist/profiles/ (with parsed.json)`);
