import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-artifacts/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Lifecycles and domain rules stay pure: no database, queue, mail or HTTP.
    files: ['workflows/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infra/**', '**/http/**', '**/application/**', '**/jobs/**', '**/context.js'],
              message: 'workflows/ and src/domain/ hold pure code.',
            },
            {
              group: ['knex', 'ioredis', 'bullmq', 'express', 'nodemailer', 'pg', 'better-sqlite3'],
              message: 'workflows/ and src/domain/ hold pure code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases do not know about HTTP.
    files: ['src/application/**/*.ts', 'src/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/http/**', 'express'], message: 'Imports point one way: http → application → domain/infra.' },
          ],
        },
      ],
    },
  },
);
