import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A node script run in a fresh process; it prints one JSON value as its last stdout line. */
export interface ChildScript {
  /** Path or file URL of a `.js`/`.mjs` file, or a `.ts` file (run with `--import tsx`). */
  readonly script: string | URL;
  readonly args?: readonly string[];
  /** Extra node flags. @default `['--import', 'tsx']` for `.ts`/`.mts` files, none otherwise */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Pin the child to this CPU (Linux `taskset -c`; see `pickCpu`). @default none (the scheduler places it) */
  readonly cpu?: number;
}

export type ChildOutcome =
  | { readonly ok: true; readonly output: unknown; readonly elapsedMs: number }
  | { readonly ok: false; readonly failure: 'crash' | 'timeout' | 'output'; readonly error: string; readonly elapsedMs: number };

/** Per child process. @default 120 s */
export const DEFAULT_CHILD_TIMEOUT_MS = 120_000;
const STDERR_KEEP = 2000;

export function scriptPath(script: string | URL): string {
  return script instanceof URL ? fileURLToPath(script) : script.startsWith('file:') ? fileURLToPath(script) : script;
}

/** Spawn `node [nodeArgs] script [args]`, wait (killing it after `timeoutMs`), parse its last stdout line as JSON. */
export function runChild(spec: ChildScript, timeoutMs: number = DEFAULT_CHILD_TIMEOUT_MS): Promise<ChildOutcome> {
  const path = scriptPath(spec.script);
  const nodeArgs = spec.nodeArgs ?? (/\.m?ts$/.test(path) ? ['--import', 'tsx'] : []);
  const started = performance.now();
  return new Promise((resolve) => {
    const argv = [...nodeArgs, path, ...(spec.args ?? [])];
    const pinned = spec.cpu !== undefined;
    const child = spawn(pinned ? 'taskset' : process.execPath, pinned ? ['-c', String(spec.cpu), process.execPath, ...argv] : argv, {
      cwd: spec.cwd ?? process.cwd(),
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-STDERR_KEEP); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    const elapsed = (): number => performance.now() - started;
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, failure: 'crash', error: `could not start ${pinned ? `taskset (to pin ${path} to CPU ${spec.cpu})` : path}: ${err.message}`, elapsedMs: elapsed() });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ ok: false, failure: 'timeout', error: `${path} did not finish within ${timeoutMs} ms and was killed`, elapsedMs: elapsed() });
        return;
      }
      if (code !== 0) {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        resolve({ ok: false, failure: 'crash', error: `${path} exited with ${signal ?? `code ${code}`}${tail ? `: ${tail}` : ''}`, elapsedMs: elapsed() });
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ ok: true, output: JSON.parse(last) as unknown, elapsedMs: elapsed() });
      } catch {
        resolve({ ok: false, failure: 'output', error: `${path} did not print a JSON line last (got ${JSON.stringify(last.slice(0, 120))})`, elapsedMs: elapsed() });
      }
    });
  });
}

/** For child scripts: print one measurement as the JSON line the parent reads. */
export function emitMeasurement(value: number | Readonly<Record<string, unknown>>): void {
  process.stdout.write(`${JSON.stringify(typeof value === 'number' ? { value } : value)}\n`);
}
