import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './errors.js';
import { findWorkspaceRoot, packageDirName } from './workspace.js';

/** One line of a package's bench report (the workspace-wide shape). */
export interface BenchResult {
  readonly name: string;
  /** `ops/s`, `MB/s`, `ms`, `x` (for ratios) ... */
  readonly unit: string;
  readonly value: number;
  /** `measured`: a figure timed here; `ratio`: one measured figure over another, side by side. */
  readonly kind: 'measured' | 'ratio';
  /** What a ratio is relative to. */
  readonly reference?: string;
  /** The target, as text (`>= 1`). */
  readonly target?: string;
  readonly pass?: boolean;
  /** Per-process estimates behind `value` (usually their median). */
  readonly samples?: readonly number[];
}

export interface BenchReport {
  readonly package: string;
  readonly node: string;
  /** ISO 8601. */
  readonly date: string;
  readonly results: readonly BenchResult[];
}

export interface WriteBenchReportOptions {
  /** Package name, e.g. `@perf/cache`. */
  readonly package: string;
  readonly results: readonly BenchResult[];
  /** Where `bench-results/` goes. @default the workspace root above `process.cwd()` */
  readonly rootDir?: string;
  /** File name without `.json`. @default the package's directory name */
  readonly fileName?: string;
  /** Print the table to stdout. @default true */
  readonly print?: boolean;
  /** Injectable clock for the `date` field. @default () => new Date() */
  readonly now?: () => Date;
}

/** Writes `<root>/bench-results/<package-dir>.json`, prints a table, returns the report and its path. */
export function writeBenchReport(options: WriteBenchReportOptions): { report: BenchReport; path: string } {
  for (const [i, r] of options.results.entries()) {
    if (typeof r.name !== 'string' || typeof r.unit !== 'string' || typeof r.value !== 'number' || (r.kind !== 'measured' && r.kind !== 'ratio')) {
      throw new BenchError('BENCH_BAD_OPTION', `writeBenchReport: results[${i}] needs name, unit, a numeric value and kind 'measured' | 'ratio'; got ${JSON.stringify(r)}`);
    }
  }
  const report: BenchReport = {
    package: options.package,
    node: process.version,
    date: (options.now ?? (() => new Date()))().toISOString(),
    results: options.results,
  };
  const dir = join(options.rootDir ?? findWorkspaceRoot(), 'bench-results');
  const path = join(dir, `${options.fileName ?? packageDirName(options.package)}.json`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  } catch (cause) {
    throw new BenchError('REPORT_WRITE_FAILED', `could not write the bench report ${path}: ${String(cause)}; check the directory is writable or pass rootDir`, { path, cause });
  }
  if (options.print ?? true) {
    process.stdout.write(`${formatResultsTable(report.results, `${report.package} (node ${report.node})`)}\nwritten: ${path}\n`);
  }
  return { report, path };
}

/** Number with about four significant digits and thousands separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : abs >= 1 ? 3 : 4;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A plain-text table of results: name, value, unit, kind, target, pass, process count. */
export function formatResultsTable(results: readonly BenchResult[], title?: string): string {
  const rows = results.map((r) => [
    r.name,
    formatNumber(r.value),
    r.unit,
    r.kind,
    r.target === undefined ? '' : `${r.target}${r.reference === undefined ? '' : ` vs ${r.reference}`}`,
    r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
    r.samples === undefined ? '' : String(r.samples.length),
  ]);
  return formatTable(['benchmark', 'value', 'unit', 'kind', 'target', 'result', 'n'], rows, title);
}

/** Left-aligned text columns, numbers right-aligned when a cell parses as one. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], title?: string): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const isNum = (s: string): boolean => /^[-+]?[\d,.]+%?x?$/.test(s);
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (isNum(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  return `${title === undefined ? '' : `${title}\n`}${out.join('\n')}`;
}
