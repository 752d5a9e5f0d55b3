// @ts-check
// The layering rule of docs/architecture.md, enforced. Do not relax these rules:
// conventions alone decay (Uwazi carried two architectures side by side for years).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** @param {string[]} layers @param {string} message */
const forbid = (layers, message) =>
  layers.flatMap((layer) => [
    { group: [`**/src/${layer}/**`, `../${layer}/**`, `../../${layer}/**`, `../../../${layer}/**`], message },
  ])

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/out/**', 'web/dist/**', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid(['db', 'services', 'http', 'cli', 'contract', 'jobs'], 'core is pure: it imports nothing of ours but core.'),
            { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:child_process', 'node:worker_threads', 'fs', 'http', 'kysely', 'fastify', 'pg', 'better-sqlite3'], message: 'core does no I/O: pass data in.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid(['core', 'services', 'http', 'cli', 'contract', 'jobs'], 'db imports only db.') }],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid(['http', 'cli', 'contract'], 'services and jobs import core and db only; they never know HTTP.') }],
    },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid(['cli', 'db'], 'http calls services; it never touches the database or the CLI.') }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid(['db'], 'cli calls services, never SQL.') }],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid(['db', 'services', 'http', 'cli', 'jobs'], 'contract is shared with web: schemas and types only.') }],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/db/**', '**/src/services/**', '**/src/http/**', '**/src/cli/**', '**/src/jobs/**'], message: 'web speaks HTTP only: import from src/contract.' },
            { group: ['**/src/core/**'], allowTypeImports: true, message: 'web may import types from core, never code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // node:test's describe/it return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
)
