import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ChildConfig } from '../src/bench-child.js';
import type { ExecutorRun } from '../src/executor.js';

const CHILD = new URL('../dist/bench-child.js', import.meta.url);

export interface ProcessRun extends ExecutorRun {
  /** Whole process, spawn to exit, as a user waits for it. */
  readonly processMs: number;
}

/** Runs one executor run in a fresh Node process and measures it from outside too. */
export function runChild(config: ChildConfig, timeoutMs = 120_000): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CHILD.pathname, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('close', (code) => {
      clearTimeout(timer);
      const processMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`executor child exited ${String(code)}: ${err.trim().slice(0, 500)}`));
      try {
        resolve({ ...(JSON.parse(out.trim().split('\n').pop() ?? '') as ExecutorRun), processMs });
      } catch (error) {
        reject(new Error(`executor child printed no result: ${out.slice(0, 200)} ${String(error)}`));
      }
    });
  });
}

export { median } from '@perf/bench';
