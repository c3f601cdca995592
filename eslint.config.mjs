import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Service folders: every folder under functions/ but the bridge. */
const services = readdirSync(join(fileURLToPath(import.meta.url), '..', 'functions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'bridge')
  .map((entry) => entry.name);

/** `no-restricted-imports` for a folder: each rule a regular expression over the import path, and why. */
const imports = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map(([regex, message]) => ({ regex, message })) }],
});
const topLevel = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

/**
 * A named `z` makes esbuild keep every export of zod, its 40 locales included (about 360 KiB per
 * function); the namespace import lets it keep only what the schemas use.
 */
const zodImport = {
  selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod'`: a named `z` bundles all of zod.",
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', 'dist/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The direction of every import: local/ and infra/ → functions/ → shared/ (docs/architecture.md).
  {
    files: ['shared/**/*.ts'],
    rules: imports([
      topLevel(['functions', 'local', 'infra', 'test']),
      'shared/ knows no vendor, transport or deployment: it imports nothing from functions/, local/, infra/ or test/.',
    ]),
  },
  {
    files: services.map((name) => `functions/${name}/**/*.ts`),
    rules: imports([
      '^\\.\\./(?!\\.\\./shared/service-kit$)',
      'A service folder imports its own files and the service kit (../../shared/service-kit) only.',
    ]),
  },
  {
    files: ['functions/bridge/**/*.ts'],
    rules: imports(
      [topLevel(services), 'The bridge forwards messages for any service and imports none.'],
      ['(^|/)services$', 'The bridge forwards messages for any service and imports none.'],
      [topLevel(['local', 'infra', 'test']), 'functions/ imports only shared/: local/ and infra/ import functions/, not the other way.'],
    ),
  },
  {
    files: ['functions/*.ts'],
    rules: imports([
      topLevel(['local', 'infra', 'test']),
      'functions/ imports only shared/: local/ and infra/ import functions/, not the other way.',
    ]),
  },
  {
    files: ['local/**/*.ts'],
    rules: imports([topLevel(['infra', 'test']), 'local/ (the one-machine deployment) imports functions/ and shared/ only.']),
  },
  {
    files: ['infra/**/*.ts'],
    rules: imports([topLevel(['local', 'test']), 'infra/ (the AWS deployment) imports functions/ and shared/ only.']),
  },
  {
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', zodImport] },
  },
  {
    // A value put in a request path as it is could add segments, a query or a fragment.
    files: services.map((name) => `functions/${name}/**/*.ts`),
    rules: {
      'no-restricted-syntax': [
        'error',
        zodImport,
        ...[
          'CallExpression[callee.name=/^get[A-Za-z]*Json$/] > TemplateLiteral[expressions.length>0]',
          'CallExpression[callee.property.name=/^(get|post|put|patch|delete|request)$/] > TemplateLiteral[expressions.length>0]',
          "Property[key.name='path'] > TemplateLiteral[expressions.length>0]",
        ].map((selector) => ({
          selector,
          message: 'Build a request path with vendorPath`...` from the service kit: it encodes each value as one path segment.',
        })),
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
