import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';

// cli-progress loads only when a bar is drawn (on a TTY): --json and piped runs never pay for it.
const requireModule = createRequire(import.meta.url);

/** Where the CLI writes: results to stdout, progress and warnings to stderr. */
export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  result(text: string): void;
  data(value: unknown): void;
  warn(text: string): void;
  progress(label: string, total: number): Progress;
}

export interface Progress {
  update(done: number, note?: string): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update() {}, stop() {} };

export function createOutput(options: { json: boolean; color?: boolean }): Output {
  const color = options.color ?? (process.env.NO_COLOR === undefined && process.stdout.isTTY === true);
  const interactive = process.stderr.isTTY === true && process.env.CI === undefined;
  return {
    json: options.json,
    color,
    result(text) { if (!options.json) process.stdout.write(`${text}\n`); },
    data(value) { process.stdout.write(`${JSON.stringify(value, null, 2)}\n`); },
    warn(text) { process.stderr.write(`${color ? '\u001b[33mwarning\u001b[39m' : 'warning'}: ${text}\n`); },
    progress(label, total) {
      if (!interactive) return NO_PROGRESS;
      const cliProgress = requireModule('cli-progress') as typeof CliProgress;
      const bar = new cliProgress.SingleBar({
        format: `${label} [{bar}] {value}/{total} {note}`,
        hideCursor: true, clearOnComplete: true, stream: process.stderr, noTTYOutput: false,
      }, cliProgress.Presets.shades_classic);
      bar.start(total, 0, { note: '' });
      return { update(done, note = '') { bar.update(done, { note }); }, stop() { bar.stop(); } };
    },
  };
}

export function bold(output: Output, text: string): string {
  return output.color ? `\u001b[1m${text}\u001b[22m` : text;
}

/** A plain text table: columns padded, numbers right-aligned. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells.map((r, ri) => r.map((c, i) => {
    const w = widths[i] ?? 0;
    return ri > 0 && typeof rows[ri]?.[i] === 'number' ? c.padStart(w) : c.padEnd(w);
  }).join('  ').trimEnd()).join('\n');
}
