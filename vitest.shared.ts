// Shared vitest settings: workspace packages resolve to their sources, so tests need no build
// (except tests that start worker threads, which load compiled `dist/*.js`).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export function perfAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const dir of readdirSync(packagesDir)) {
    aliases[`@perf/${dir}`] = `${packagesDir}${dir}/src/index.ts`;
  }
  return aliases;
}

export function perfVitestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: perfAliases() },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      // The json report feeds scripts/test-summary.mjs, which prints one closing count line.
      reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
