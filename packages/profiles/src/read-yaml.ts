// Reads one profile file into plain data, refusing what a profile never needs: documents
// above a byte limit and alias expansion beyond a small count (a "billion laughs" bomb).
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { ProfileError } from './errors.js';

// yaml is loaded on first parse: the built-in profiles are read from their build-time parse,
// so a CLI that only uses them never pays yaml's load time.
const requireYaml = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;

/** Largest profile file read, bytes (a real profile is about 1 KiB). */
export const MAX_PROFILE_BYTES = 64 * 1024;
/** Most alias expansions allowed in one document (yaml's `maxAliasCount`). */
export const MAX_ALIAS_COUNT = 50;

export interface ReadLimits {
  /** @default MAX_PROFILE_BYTES */
  readonly maxBytes?: number;
  /** @default MAX_ALIAS_COUNT */
  readonly maxAliasCount?: number;
}

/** Reads at most `maxBytes + 1` bytes, so a huge file is refused without being read whole. */
export function readProfileText(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      throw new ProfileError('PROFILE_LIMIT', `${file}: ${size} bytes is over the ${maxBytes}-byte limit for a profile; a profile is a few settings, check that this is the right file.`, { file });
    }
    const buf = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (let n = -1; n !== 0 && total <= maxBytes; total += n) n = readSync(fd, buf, total, buf.length - total, null);
    if (total > maxBytes) {
      throw new ProfileError('PROFILE_LIMIT', `${file}: more than ${maxBytes} bytes, over the limit for a profile; check that this is the right file.`, { file });
    }
    return buf.toString('utf8', 0, total);
  } finally {
    closeSync(fd);
  }
}

/** Parses YAML text of a profile; `file` names it in errors. */
export function parseProfileYaml(text: string, file: string, limits: ReadLimits = {}): unknown {
  const maxBytes = limits.maxBytes ?? MAX_PROFILE_BYTES;
  if (Buffer.byteLength(text) > maxBytes) {
    throw new ProfileError('PROFILE_LIMIT', `${file}: over the ${maxBytes}-byte limit for a profile.`, { file });
  }
  yaml ??= requireYaml('yaml') as typeof Yaml;
  const doc = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const line = pos?.line ?? 1;
    const column = pos?.col ?? 1;
    const what = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new ProfileError('PROFILE_YAML', `${file}:${line}:${column}: YAML syntax error: ${what}. Fix the YAML at that position.`, { file, line, column, cause: first });
  }
  const maxAliasCount = limits.maxAliasCount ?? MAX_ALIAS_COUNT;
  try {
    return doc.toJS({ maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      throw new ProfileError('PROFILE_LIMIT', `${file}: refused: YAML aliases expand more than ${maxAliasCount} times (${message}). Write the values out instead of nesting aliases.`, { file, cause: error });
    }
    throw new ProfileError('PROFILE_YAML', `${file}: YAML error: ${message}`, { file, cause: error });
  }
}

/** Reads and parses one profile file. */
export function readProfileYaml(file: string, limits: ReadLimits = {}): unknown {
  return parseProfileYaml(readProfileText(file, limits.maxBytes ?? MAX_PROFILE_BYTES), file, limits);
}

interface ParsedEntry { readonly text: string; readonly data: unknown }
let builtinMemo: { dir: string; entries: Map<string, ParsedEntry> } | undefined;

function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The data of a built-in profile parsed at build time (dist/profiles/parsed.json), when `text`
 * is exactly the text it was parsed from; undefined otherwise (then the caller parses).
 */
export function builtinParsed(dir: string, fileName: string, text: string): unknown {
  if (builtinMemo?.dir !== dir) {
    const entries = new Map<string, ParsedEntry>();
    try {
      const json = JSON.parse(readFileSync(`${dir}parsed.json`, 'utf8')) as Record<string, ParsedEntry>;
      for (const [name, entry] of Object.entries(json)) entries.set(name, { text: entry.text, data: deepFreeze(entry.data) });
    } catch {
      // No memo (running from source): parse.
    }
    builtinMemo = { dir, entries };
  }
  const entry = builtinMemo.entries.get(fileName);
  return entry !== undefined && entry.text === text ? entry.data : undefined;
}
