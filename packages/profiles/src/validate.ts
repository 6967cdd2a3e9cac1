// Turns raw data into checked profile data, collecting every problem before failing.
import * as v from 'valibot';
import { show, type ProfileIssue } from './errors.js';
import { KNOWN_KEYS, POLICY_NAMES, SECTIONS, SETTING_EXPECTED, WORKER_MODES, ProfileFileSchema, ProfileSettingsSchema, type ProfileFile, type ProfileSettings } from './schema.js';

/** Keys with this prefix are directives (`$replace`), handled by the merge, not settings. */
export const DIRECTIVE_PREFIX = '$';
export const REPLACE_KEY = '$replace';
/** A value that drops the inherited key (YAML `null`/`~` does the same). */
export const UNSET_VALUE = '$unset';

/** Levenshtein edit distance (insert, delete, substitute each cost 1). */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest known key within a distance of max(2, a third of its length), case-insensitive. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeyIssues(data: Record<string, unknown>, file: string | undefined): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const check = (obj: Record<string, unknown>, section: string): void => {
    const known = KNOWN_KEYS[section] ?? [];
    for (const key of Object.keys(obj)) {
      const path = section === '' ? key : `${section}.${key}`;
      if (section !== '' && key === REPLACE_KEY) {
        if (obj[key] !== true) issues.push(issue(path, obj[key], '`$replace: true` (or no $replace key)', file));
        continue;
      }
      if (!known.includes(key)) {
        const hint = suggestKey(key, known);
        const home = section === '' ? undefined : SECTIONS.find((other) => other !== section && (KNOWN_KEYS[other] ?? []).includes(key));
        const expected = `one of the keys ${known.join(', ')}`;
        const advice = home ? `; "${key}" belongs in the ${home} section` : hint ? `; did you mean "${hint}"?` : `; expected ${expected}`;
        const message = `${where(file, path)}: unknown key "${key}"${advice}`;
        issues.push({ path, value: obj[key], expected, message, ...(file === undefined ? {} : { file }) });
      } else if (section === '' && KNOWN_KEYS[key] && isRecord(obj[key])) {
        check(obj[key], key);
      }
    }
  };
  check(data, '');
  return issues;
}

function where(file: string | undefined, path: string): string {
  return file === undefined ? path : `${file}: ${path}`;
}

function issue(path: string, value: unknown, expected: string, file: string | undefined): ProfileIssue {
  return {
    path, value, expected,
    message: `${where(file, path || '(document)')}: expected ${expected}, found ${show(value)}`,
    ...(file === undefined ? {} : { file }),
  };
}

/** Settings with a fixed set of values, for "did you mean" on a misspelt value. */
const CHOICES: Readonly<Record<string, readonly string[]>> = { 'cache.policy': POLICY_NAMES, 'workers.mode': WORKER_MODES };

function valibotIssues(issues: readonly v.BaseIssue<unknown>[], file: string | undefined): ProfileIssue[] {
  const out: ProfileIssue[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    const path = (i.path ?? []).map((p) => String(p.key)).join('.');
    if (i.type === 'strict_object' && i.expected === 'never') continue; // unknown key: reported by unknownKeyIssues
    if (seen.has(path)) continue; // one issue per setting: the first is the most specific
    seen.add(path);
    if (i.type === 'strict_object' && i.input === undefined && i.expected?.startsWith('"')) {
      const expected = `${SETTING_EXPECTED[path] ?? 'a value'} (required)`;
      out.push({ path, value: undefined, expected, message: `${where(file, path)}: missing required setting; set it to ${expected.replace(/ \(required\)$/, '')} in this profile or in a profile it extends`, ...(file === undefined ? {} : { file }) });
      continue;
    }
    const found = issue(path, i.input, i.message.startsWith('Invalid') ? (SETTING_EXPECTED[path] ?? i.message) : i.message, file);
    const choices = CHOICES[path];
    const hint = choices && typeof i.input === 'string' ? suggestKey(i.input, choices) : undefined;
    out.push(hint ? { ...found, message: `${found.message}; did you mean "${hint}"?` } : found);
  }
  return out;
}

/** Checks one file's data (all settings optional). Returns issues; empty means valid. */
export function checkProfileFile(data: unknown, file?: string): { value?: ProfileFile; issues: ProfileIssue[] } {
  if (!isRecord(data)) {
    return { issues: [issue('', data, 'a mapping of settings (description, extends, cache, workers, resources)', file)] };
  }
  const issues = unknownKeyIssues(data, file);
  const cleaned = stripDirectives(data);
  const result = v.safeParse(ProfileFileSchema, cleaned, { abortEarly: false });
  if (!result.success) issues.push(...valibotIssues(result.issues, file));
  return issues.length === 0 && result.success ? { value: result.output, issues } : { issues };
}

/** Checks complete settings after inheritance: every required setting present. */
export function checkProfileSettings(data: unknown, file?: string): { value?: ProfileSettings; issues: ProfileIssue[] } {
  const result = v.safeParse(ProfileSettingsSchema, data, { abortEarly: false });
  if (result.success) return { value: result.output, issues: [] };
  return { issues: valibotIssues(result.issues, file) };
}

/** Removes `$replace` and `$unset`/null values, for checking a file's own settings. */
function stripDirectives(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith(DIRECTIVE_PREFIX) || value === null || value === UNSET_VALUE) continue;
    out[key] = isRecord(value) ? stripDirectives(value) : value;
  }
  return out;
}

export { isRecord };
