// Sizes ("100MB") and durations ("6h") as profiles write them. Pure functions.

/**
 * Bytes per unit. `KB`, `MB`, `GB`, `TB` are binary (1 MB = 1,048,576 bytes), as in most
 * configuration files; `KiB`... are accepted as the same. The seed's totals (50 + 100 + 250 MB
 * = "400MB", 100 MB + 500 MB + 2 GB = "2.6GB") add up under this reading.
 */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024, KIB: 1024, K: 1024,
  MB: 1024 ** 2, MIB: 1024 ** 2, M: 1024 ** 2,
  GB: 1024 ** 3, GIB: 1024 ** 3, G: 1024 ** 3,
  TB: 1024 ** 4, TIB: 1024 ** 4, T: 1024 ** 4,
};

const SIZE_RE = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/;

/** Bytes for a size (`"100MB"`, `"1.5GB"`, `"512KiB"`, or a whole number of bytes); null when malformed. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const m = SIZE_RE.exec(value);
  if (!m) return null;
  const unit = m[2] === '' ? 'B' : (m[2] ?? '').toUpperCase();
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) return null;
  const bytes = Math.round(Number(m[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** Milliseconds per duration unit. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000,
};

const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;

/** Milliseconds for a duration (`"30s"`, `"10m"`, `"6h"`, `"7d"`, `"250ms"`); null when malformed. */
export function parseDuration(value: string): number | null {
  const m = DURATION_RE.exec(value);
  if (!m) return null;
  const ms = Math.round(Number(m[1]) * (DURATION_UNITS[m[2] ?? ''] ?? Number.NaN));
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Formats bytes with the largest binary unit that keeps the figure readable ("2.5 GiB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[i]}`;
}
