// Lint rules. Besides style, they enforce the one-way architecture of DESIGN.md:
// engine → workers → store → widgets → app. A layer may import only the layers to its left.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ui = [
  'react',
  'react-dom',
  'react-dom/*',
  'react-router',
  'd3',
  'd3-*',
  'onnxruntime-web',
  'onnxruntime-web/*',
  'monaco-editor',
  'monaco-editor/*',
  '@monaco-editor/*',
  'zustand',
  'zustand/*',
  '@dagrejs/*',
];
const layer = (name) => [`**/${name}`, `**/${name}/**`];

/** no-restricted-imports for a layer that may not reach the given packages and folders. */
const restrict = (packages, folders, message) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: [...packages, ...folders.flatMap(layer)], message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', 'content'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      ...restrict(
        [...ui, 'node:*', 'fs', 'path', 'os', 'onnxruntime-node'],
        ['cli', 'workers', 'store', 'widgets', 'ui', 'app'],
        'src/engine is pure TypeScript: no UI, DOM, Node or runtime imports (DESIGN.md, Architecture).',
      ),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'self',
        'process',
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: restrict(
      ['react', 'react-dom', 'd3', 'd3-*', 'zustand', 'monaco-editor'],
      ['store', 'widgets', 'ui', 'app'],
      'workers sit between engine and store: they may not import UI layers.',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: restrict(
      ['d3', 'd3-*', 'monaco-editor'],
      ['widgets', 'ui', 'app'],
      'the store may not import widgets or the app.',
    ),
  },
  {
    files: ['src/widgets/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: restrict([], ['app'], 'widgets and ui may not import the app (composition root).'),
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/runners.ts'],
    rules: restrict(ui, ['workers', 'store', 'widgets', 'ui', 'app'], 'the CLI uses the engine only.'),
  },
  {
    // The one exception, made on purpose: `quantize` runs its models on onnxruntime-web through the quantization
    // Worker's own createOrtRunner (an adapter that is handed the runtime and touches no DOM), so the CLI and the
    // page write the same int8 file. Only this file, only onnxruntime-web and only workers/ortRunner; the engine
    // stays pure.
    files: ['src/cli/runners.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...ui.filter((p) => !p.startsWith('onnxruntime-web')),
                ...['store', 'widgets', 'ui', 'app'].flatMap(layer),
                '**/workers/**',
                '!**/workers/ortRunner',
              ],
              message:
                'src/cli/runners.ts may reach beyond the engine only for onnxruntime-web and workers/ortRunner.',
            },
          ],
        },
      ],
    },
  },
);
