// Shared Vitest settings: every project resolves @auditflow/* to sources (as tsconfig paths do)
// and writes a JSON report that .ci/run sums into one "N passed, N failed" line.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

export const workspaceAliases = Object.entries(base.compilerOptions.paths)
  // longest first, so '@auditflow/storage/testing' wins over '@auditflow/storage'
  .sort(([a], [b]) => b.length - a.length)
  .map(([find, [target]]) => ({ find, replacement: resolve(root, target as string) }));

export function projectTestConfig(projectDir: string, name: string) {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      name,
      root: projectDir,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: join(root, 'tmp', 'test-results', `${name}.json`) },
      passWithNoTests: false,
    },
  });
}
