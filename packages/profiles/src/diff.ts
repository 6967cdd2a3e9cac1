// diffProfiles: every setting whose value differs, by dotted path. Pure.

/** One setting that differs; `undefined` on a side means the setting is absent there. */
export interface ProfileDifference {
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** Keys that describe a profile rather than set something; left out of a diff. */
export const NON_SETTING_KEYS: readonly string[] = ['name', 'origin', 'inputs', 'warnings', 'extends'];

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (prefix === '' && NON_SETTING_KEYS.includes(key)) continue;
      flatten(inner, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  } else if (prefix !== '') {
    out.set(prefix, value);
  }
}

const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

/**
 * Lists every setting that differs between two profiles (as loaded, or both resolved), in the
 * order of `a`'s settings, then those only in `b`.
 */
export function diffProfiles(a: object, b: object): ProfileDifference[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(a, '', left);
  flatten(b, '', right);
  const out: ProfileDifference[] = [];
  for (const [path, value] of left) {
    const other = right.get(path);
    if (!same(value, other)) out.push({ path, a: value, b: other });
  }
  for (const [path, value] of right) {
    if (!left.has(path)) out.push({ path, a: undefined, b: value });
  }
  return out;
}
