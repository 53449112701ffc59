// One lint config for the monorepo. Module boundaries (architecture.md):
// apps/tools/e2e -> libs; libs never import apps, tools or infra; pure libs import no SDK;
// only infra imports @pulumi/*.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const sdkPackages = ['@azure/*', 'better-sqlite3', 'durable-functions', '@pulumi/*', '@vercel/*'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:pure', bannedExternalImports: sdkPackages, onlyDependOnLibsWithTags: ['scope:pure'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'], bannedExternalImports: ['@pulumi/*', 'durable-functions'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'], bannedExternalImports: ['@pulumi/*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'], bannedExternalImports: ['@pulumi/*'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:app', 'type:tool', 'type:e2e'], bannedExternalImports: ['@pulumi/*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // libs/investigation is pure analysis: no I/O of any kind (the store, the API and the CLI
    // feed it documents), so its sources may not reach the file system, the network or processes.
    files: ['libs/investigation/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:http', 'node:https', 'http', 'https', 'node:net', 'net', 'node:child_process', 'child_process', 'node:dgram', 'node:worker_threads', '@auditflow/storage', '@auditflow/storage/*', '@auditflow/activity-api'],
              message: '@auditflow/investigation is pure: no I/O and no store or API client; callers pass documents in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
