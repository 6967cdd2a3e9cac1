// Inheritance: a child overrides its parents key by key inside each section.
//   section:
//     $replace: true   -> the section is the child's alone, nothing inherited
//   key: null | ~ | $unset -> the inherited key is dropped
import { SECTIONS } from './schema.js';
import { DIRECTIVE_PREFIX, REPLACE_KEY, UNSET_VALUE, isRecord } from './validate.js';

export type PlainProfile = Record<string, unknown>;

const isDrop = (value: unknown): boolean => value === null || value === UNSET_VALUE;

function cleanSection(section: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (!key.startsWith(DIRECTIVE_PREFIX) && !isDrop(value)) out[key] = value;
  }
  return out;
}

/** Applies `child` (one file's data, `extends` ignored) over `base`. Pure; returns a new object. */
export function mergeProfileData(base: PlainProfile, child: PlainProfile): PlainProfile {
  const out: PlainProfile = { ...base };
  for (const [key, value] of Object.entries(child)) {
    if (key === 'extends' || key.startsWith(DIRECTIVE_PREFIX)) continue;
    if (isDrop(value)) {
      delete out[key];
      continue;
    }
    const inherited = out[key];
    if ((SECTIONS as readonly string[]).includes(key) && isRecord(value)) {
      if (value[REPLACE_KEY] === true || !isRecord(inherited)) {
        out[key] = cleanSection(value);
      } else {
        const merged: Record<string, unknown> = { ...inherited };
        for (const [k, val] of Object.entries(value)) {
          if (k.startsWith(DIRECTIVE_PREFIX)) continue;
          if (isDrop(val)) delete merged[k];
          else merged[k] = val;
        }
        out[key] = merged;
      }
    } else {
      out[key] = value;
    }
  }
  return out;
}
