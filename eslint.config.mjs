// ESLint for PAKN (`npm run lint`, and the first checks of `npm test`): typescript-eslint's
// recommended rules plus its type-aware promise rules, and the import rules that keep the layers
// apart. Each boundary below says what it protects; fix an import rather than disabling a rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// Project folders other than domain/ (domain/ is flat, so any `../` leaves it).
const outsideDomain = { group: ['../*'], message: 'domain/ is pure decisions: pass data in rather than importing it.' };

export default tseslint.config(
  // web/public/ holds the pages' small browser scripts, served as they are (not TypeScript, not bundled).
  { ignores: ['node_modules/', '.data/', '.tools/', 'dist/', 'coverage/', 'test/replay/histories/', 'web/public/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.mjs', 'knip.ts'] } },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection ends the process) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (express handlers, event emitters) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-duplicates': 'error',
      // A circle of modules at run time: load order decides what is undefined; two of them are one concept or one is misplaced.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Workflow state set after its handlers are registered (they read it first) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Stripping control characters is what the sanitisers in domain/smsText.ts and api/open311/render.ts are for.
      'no-control-regex': 'off',
    },
  },
  {
    // SQL lives in db/, one named function per use over the query wrapper: the rest of the code
    // calls those functions (transactions compose them with inTransaction).
    files: [
      'activities/**/*.ts',
      'api/**/*.ts',
      'worker/**/*.ts',
      'notify/**/*.ts',
      'temporal/**/*.ts',
      'rules/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)db/pool$',
              importNames: ['query'],
              message: 'write the SQL as a named function in db/ and call it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests cast hostile and malformed input on purpose; an untyped library's declarations describe `any` values.
    files: ['test/**/*.ts', '**/*.d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // domain/: pure decisions, unit-tested without services. Nothing that does I/O: no Node
    // built-ins, no driver or SDK, no other project folder (db/, notify/, config.ts ...).
    files: ['domain/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            outsideDomain,
            {
              regex: '^(pg|pg-.*|@temporalio/.*|express|nodemailer|smpp|pino.*|prom-client|@electric-sql/.*|jose)$',
              message: 'domain/ does no I/O: this belongs in db/, notify/, activities/ or api/.',
            },
          ],
        },
      ],
    },
  },
  {
    // workflows/: deterministic code bundled into Temporal's sandbox. Values come only from
    // domain/, the workflows' own messages and the workflow SDK (@temporalio/common holds the
    // sandbox-safe definitions such as search-attribute keys), and temporal/failures (the failure
    // types shared with activities; it imports only @temporalio/common); activities, rules and other code
    // are reachable only as `import type` (erased before bundling: proxyActivities<typeof ...>).
    files: ['workflows/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!@temporalio/(workflow|common)$|(\\.\\./)+domain/|\\./messages$|\\.\\./\\w+/messages$|\\./\\w+/workflow$|(\\.\\./)+temporal/failures$)',
              allowTypeImports: true,
              message:
                'workflows/ may import values only from domain/, workflow messages, temporal/failures and @temporalio/workflow (use `import type` for activities).',
            },
          ],
        },
      ],
    },
  },
  {
    // api/: translates HTTP and talks to workflows through their messages (names, definitions,
    // ids). It never runs activity code or loads workflow code, which belongs to the worker.
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)activities(/|$)',
              message: 'api/ must not import activities/: use db/ for reads, a workflow message for changes.',
            },
            {
              regex: '(^|/)workflows(/(?!\\w+/messages$)|$)',
              message: 'api/ may import only workflows/*/messages (definitions), never workflow code.',
            },
          ],
        },
      ],
    },
  },
  {
    // One home for the HTTP error vocabulary (api/errors.ts): a failure is built by its code's
    // constructor there, so a code keeps one status and one meaning.
    files: ['**/*.ts'],
    ignores: ['api/errors.ts', 'test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='AppError']",
          message: "build the error with its code's constructor in api/errors.ts (add one there for a new code).",
        },
      ],
    },
  },
  {
    // Plain JavaScript config files are not part of the typed project.
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
