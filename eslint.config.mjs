import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Layering: `src/common` is imported by every module, so it imports none of them;
 * the queue infrastructure gets its admin check through a token of common, never from auth or users.
 * Imports are resolved against the importing file (or the project root for `src/…`), so the rule holds at
 * any folder depth and for modules added later.
 */
const layering = {
  rules: {
    'imports-within': {
      meta: {
        type: 'problem',
        schema: [
          {
            type: 'object',
            properties: { allowed: { type: 'array', items: { type: 'string' } }, forbidden: { type: 'array', items: { type: 'string' } } },
            additionalProperties: false,
          },
        ],
        messages: { outside: '{{file}} may not import {{target}} ({{why}})' },
      },
      create(context) {
        const { allowed, forbidden = [] } = context.options[0];
        const inside = (target, folders) => folders.some((folder) => target === folder || target.startsWith(`${folder}/`));
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string') return;
          const absolute = source.startsWith('.') ? resolve(dirname(context.filename), source) : source.startsWith('src/') ? resolve(root, source) : undefined;
          if (!absolute) return;
          const target = relative(root, absolute).split(sep).join('/');
          const why = allowed && !inside(target, allowed) ? `only ${allowed.join(', ')}` : inside(target, forbidden) ? `not ${forbidden.join(', ')}` : undefined;
          if (why) context.report({ node: node.source, messageId: 'outside', data: { file: relative(root, context.filename), target, why } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'client/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/imports-within': ['error', { allowed: ['src/common'] }] },
  },
  {
    files: ['src/queues/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/imports-within': ['error', { forbidden: ['src/auth', 'src/users'] }] },
  },
);
