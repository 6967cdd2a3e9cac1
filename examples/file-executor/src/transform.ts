import { createRequire } from 'node:module';
import type * as TypeScriptModule from 'typescript';

/** The transform the executor runs on each file: TypeScript's `transpileModule`, loaded lazily. */
export interface TransformInput {
  readonly path: string;
  readonly source: string;
}

export interface TransformOutput {
  readonly path: string;
  readonly output: string;
}

export const COMPILER_OPTIONS = { target: 'es2020', module: 'esnext', sourceMap: false } as const;

type TypeScript = typeof TypeScriptModule;
let typescript: TypeScript | undefined;

/** Loads the compiler on first use only, so a fully cached run never pays for it. */
export function loadTypeScript(): TypeScript {
  typescript ??= createRequire(import.meta.url)('typescript') as TypeScript;
  return typescript;
}

export function toolVersion(): string {
  const require = createRequire(import.meta.url);
  return `typescript@${(require('typescript/package.json') as { version: string }).version}`;
}

export function transformOne(input: TransformInput): TransformOutput {
  const ts = loadTypeScript();
  const result = ts.transpileModule(input.source, {
    fileName: input.path,
    compilerOptions: {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      sourceMap: false,
    },
    reportDiagnostics: false,
  });
  return { path: input.path, output: result.outputText };
}

export function transformBatch(batch: readonly TransformInput[]): TransformOutput[] {
  return batch.map(transformOne);
}
