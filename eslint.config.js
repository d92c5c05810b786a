// ESLint flat config. Besides style, it enforces the architecture: the import directions between
// src/ folders, which packages each folder may use, and the purity of src/definition and src/engine.
// The layering is documented in docs/architecture.md; change both together.
import js from '@eslint/js'
import solid from 'eslint-plugin-solid/configs/typescript'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Folders of src/ and the other src/ folders each may import from. */
const allowedImports = {
  definition: [],
  engine: ['definition'],
  share: ['definition'],
  mocks: ['definition'],
  platform: ['definition', 'engine', 'mocks', 'share'],
  storage: ['definition', 'share', 'platform'],
  'engine-client': ['definition', 'engine', 'platform'],
  ui: ['definition', 'engine', 'engine-client', 'share', 'storage', 'mocks', 'platform'],
  cli: ['definition', 'engine', 'platform', 'mocks', 'share'],
}
const srcFolders = Object.keys(allowedImports)

/** Packages that only one folder may import, so that IO stays behind its owner. */
const packageOwners = [
  { name: 'comlink', owners: ['src/engine-client', 'workers'] },
  { name: 'idb', owners: ['src/storage'] },
  { name: 'msw', owners: ['src/mocks'] },
  { name: 'monaco-editor', owners: ['src/ui/editor'] },
]

const restrictedPackagePatterns = (dir) =>
  packageOwners
    .filter(({ owners }) => !owners.some((owner) => dir.startsWith(owner)))
    .map(({ name, owners }) => ({
      group: [name, `${name}/*`],
      message: `Only ${owners.join(' and ')} may import ${name}.`,
    }))

/** Sub-folders that own a package of their own, on top of their folder's rules. */
const subfolders = [{ folder: 'ui', dir: 'src/ui/editor' }]

const folderRules = [
  ...srcFolders.map((folder) => ({ folder, dir: `src/${folder}` })),
  ...subfolders,
].map(({ folder, dir }) => {
  const forbidden = srcFolders.filter((f) => f !== folder && !allowedImports[folder].includes(f))
  return {
    files: [`${dir}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({
              group: [`**/${f}`, `**/${f}/*`, `**/${f}/**`],
              message: `src/${folder} may not import src/${f} (see docs/architecture.md).`,
            })),
            {
              group: ['**/workers/*', '**/workers/**'],
              message: 'Reach workers only through new Worker(new URL(...)).',
            },
            ...restrictedPackagePatterns(dir),
          ],
        },
      ],
    },
  }
})

/** Globals that would let pure code do IO behind the ports' back. */
const ioGlobals = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'self',
  'caches',
  'postMessage',
  'navigator',
  'XMLHttpRequest',
  'WebSocket',
].map((name) => ({
  name,
  message: `src/definition and src/engine are pure: ${name} must arrive as a port.`,
}))

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-cli/**',
      'node_modules/**',
      'public/mockServiceWorker.js',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/main.tsx'],
    ...solid,
  },
  {
    // Solid assigns `let el!: HTMLElement` through the JSX `ref` attribute.
    files: ['**/*.tsx'],
    rules: { 'no-unassigned-vars': 'off' },
  },
  ...folderRules,
  {
    files: ['src/definition/**/*.ts', 'src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', ...ioGlobals] },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/*', '**/ui/**', '**/storage/*', '**/engine-client/*'],
              message: 'A worker entry wires src/platform only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The command line runs in node (it prints through process.stdout/stderr, not console).
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'bench/**', 'scripts/**', 'test/**', '*.config.ts', 'cli/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
)
