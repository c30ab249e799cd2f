import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Lint is part of `npm test`. Formatting is Prettier's job (`npm run format`); eslint-config-prettier turns off the
// style rules that would fight it.
export default tseslint.config(
  { ignores: ['build/', '.react-router/', 'node_modules/', 'data/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['app/**'],
    rules: {
      // Narrow with a guard (effectiveRole, isBuyerOf ...) instead of asserting.
      '@typescript-eslint/no-non-null-assertion': 'error',
      // One import style: `~/` for app code; the database layer outside app/ is reached as ../db.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!(\\.\\./)*db/)', message: 'Import app code with ~/ (one import style).' }] },
      ],
    },
  },
  {
    files: ['app/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    // Routes and components never touch the database: they ask a model (through the policy).
    files: ['app/routes/**', 'app/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(?!(\\.\\./)*db/)', message: 'Import app code with ~/ (one import style).' },
            {
              regex: '(^|/)db/client$|^kysely$|^better-sqlite3$',
              message: 'Routes and components ask a model (app/models) for data; no database access here.',
            },
          ],
        },
      ],
    },
  },
  {
    // Outside app/ (db, migrations, tests, scripts) relative imports are the norm; ~/ is for app code.
    files: ['db/**', 'migrations/**', 'tests/**', 'scripts/**', '*.ts', '*.js', '*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
    },
  },
  prettier,
)
