// Lint rules for the whole repository, and the import boundaries that keep the
// layout rule (README, "Architecture") true. `npm run lint` runs it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const serverParts = ['engine', 'platform', 'feature', 'composition', 'tooling'];

/**
 * Imports that cross a boundary today, each allowed only from the named file to
 * the named targets, so nothing new can slip in beside them.
 */
const knownCrossings = [
  // The request pipeline itself authenticates (the session's CSRF token), names the
  // follow-up session's report, records refused attempts and authorizes: the steps
  // every route walks are features' code until they are handed in by app.ts.
  [
    'server/platform/http/defineRoute.ts',
    ['server/staff/sessions.ts', 'server/reports/followup.ts', 'server/audit/auditRead.ts', 'server/access/index.ts'],
  ],
  // The OpenAPI document names the session cookie in its security scheme.
  ['server/platform/http/openapi.ts', ['server/staff/sessions.ts']],
  // The request's context carries the signed-in Actor (a type only).
  ['server/platform/http/requestContext.ts', ['server/access/index.ts']],
  // Messages queued by an earlier version are rewritten with today's reporter notice.
  ['server/platform/emails/legacyOutbox.ts', ['server/reports/notifications.ts']],
];

/** A report's status is written by the workflow pipeline only. */
const reportStatusKey =
  'Property[computed=false]:matches([key.name=/^status(ChangedAt)?$/], [key.value=/^status(ChangedAt)?$/])';
const onReport =
  ":matches([callee.object.name='Report'], [callee.object.object.name='Report'][callee.object.property.name='collection'])";
const statusWriteMessage =
  "A report's status (and statusChangedAt) changes only in the workflow pipeline, server/reports/pipeline.ts.";

export default defineConfig(
  {
    name: 'woodpecker/ignored',
    ignores: ['**/node_modules/**', 'dist/**', 'coverage/**', 'test-artifacts/**', 'uploads/**', 'data/**'],
  },
  {
    name: 'woodpecker/typescript',
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter kept for its position (Express's four-argument
      // error handler); rest siblings are the fields an object is copied without.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    name: 'woodpecker/node',
    files: ['server/**', 'shared/**', 'tests/**', 'bench/**', 'packages/**'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'woodpecker/client',
    files: ['client/src/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks only: the plugin's recommended set adds the React Compiler's checks, which
    // this client (built without the compiler) does not need and which took two thirds of the lint time.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    name: 'woodpecker/boundaries',
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      // The first matching pattern names a file's part.
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared', partialMatch: false },
        { type: 'client', pattern: 'client', partialMatch: false },
        { type: 'engine', pattern: 'packages/embedded-mongo', partialMatch: false },
        { type: 'platform', pattern: 'server/platform', partialMatch: false },
        { type: 'tooling', pattern: 'server/{demo,scripts}', partialMatch: false },
        { type: 'feature', pattern: 'server/*', capture: ['feature'], partialMatch: false },
        // What is left directly in server/: app.ts, index.ts, env.ts, jobs.ts.
        { type: 'composition', pattern: 'server', partialMatch: false },
        { type: 'tests', pattern: 'tests', partialMatch: false },
        { type: 'bench', pattern: 'bench', partialMatch: false },
      ],
      'boundaries/files': [
        { category: 'routes', pattern: '**/*.routes.ts' },
        { category: 'model', pattern: '**/*.model.ts' },
        { category: 'fund-model', pattern: 'server/fund/fund.model.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          // Routes and models sit in the same feature folder: check imports inside a part too.
          checkInternals: true,
          policies: [
            {
              from: { element: { type: 'shared' } },
              disallow: { to: { element: { type: [...serverParts, 'client'] } } },
              message: 'shared/ is code for server and client: it imports nothing from server/ or client/.',
            },
            {
              from: { element: { type: 'client' } },
              disallow: { to: { element: { type: serverParts } } },
              message: 'client/ imports nothing from server/ (shared/ holds what both need).',
            },
            {
              from: { element: { type: 'engine' } },
              disallow: { to: { element: { type: '!engine' } } },
              message: 'The embedded engine is self-contained: it imports only itself and packages.',
            },
            {
              from: { element: { type: 'platform' } },
              disallow: {
                to: { element: { type: ['feature', 'composition', 'tooling', 'client', 'tests', 'bench'] } },
              },
              message: 'platform/ knows no feature: it imports only itself, shared/ and the embedded engine.',
            },
            {
              // The configuration's shape is platform's input; composition passes the values in.
              from: { element: { type: 'platform' } },
              allow: { to: { file: { path: 'server/env.ts' } }, dependency: { kind: 'type' } },
            },
            {
              from: { file: { categories: 'routes' } },
              disallow: { to: { file: { categories: 'model' } }, dependency: { kind: 'value' } },
              message:
                'Routes call commands and presenters; reading or writing a collection belongs in the feature’s domain module (type-only imports of a model are fine).',
            },
            {
              disallow: { to: { file: { categories: 'fund-model' } } },
              message:
                'Only the fund module (server/fund/) touches the fund and ledger collections: call its functions instead.',
            },
            {
              // Tests, benchmarks, demo data and scripts set up and inspect the fund directly.
              from: [
                { element: { type: 'feature', captured: { feature: 'fund' } } },
                { element: { type: ['tests', 'bench', 'tooling'] } },
              ],
              allow: { to: { file: { categories: 'fund-model' } } },
            },
            ...knownCrossings.map(([from, targets]) => ({
              from: { file: { path: from } },
              allow: { to: { file: { path: targets } } },
            })),
          ],
        },
      ],
    },
  },
  {
    name: 'woodpecker/report-status-in-pipeline',
    // Not tests: they put a report into a state directly, to start from it.
    files: ['server/**/*.ts', 'bench/**/*.ts'],
    ignores: ['server/reports/pipeline.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression${onReport}[callee.property.name=/^(updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate)$/] > :nth-child(2) ${reportStatusKey}`,
          message: statusWriteMessage,
        },
        {
          selector: `CallExpression${onReport}[callee.property.name='bulkWrite'] Property[key.name=/^(update|replacement)$/] ${reportStatusKey}`,
          message: statusWriteMessage,
        },
      ],
    },
  },
  prettier,
);
