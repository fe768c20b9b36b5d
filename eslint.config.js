import tseslint from 'typescript-eslint';

// The layers and their fences (docs/architecture.md). Imports point down only:
// http, web → application → infra → domain; workflows beside domain; jobs call use cases;
// views are pure HTML and see only the domain. A file that crosses a fence fails the lint.

const layer = (dirs, message) => ({
  group: dirs.flatMap((d) => [`**/${d}/**`, `${d}/**`]),
  message,
});

// Everything that reaches outside the process: database, queue, mail, network, files.
const io = [
  'knex',
  'pg',
  'better-sqlite3',
  'ioredis',
  'bullmq',
  '@bull-board/*',
  'express',
  'express-*',
  'rate-limit-redis',
  'multer',
  'nodemailer',
  'openid-client',
  'pino',
  'pino-http',
  ...[
    'fs',
    'fs/*',
    'net',
    'http',
    'https',
    'http2',
    'tls',
    'dgram',
    'dns',
    'dns/*',
    'child_process',
    'cluster',
  ].flatMap((m) => [m, `node:${m}`]),
];
const noIo = (message) => ({ group: io, message });

const composition = ['**/context.js', '**/worker.js', '**/worker-main.js', '**/main.js', '**/create-app.js'];

const fence = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

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
  // Lifecycles and domain rules stay pure: no database, queue, mail, HTTP or files.
  fence(
    ['workflows/**/*.ts', 'src/domain/**/*.ts'],
    [
      layer(
        ['infra', 'application', 'jobs', 'http', 'web', 'views', 'migrations'],
        'workflows/ and src/domain/ hold pure code: they import only src/domain (and zod, xstate).',
      ),
      { group: composition, message: 'workflows/ and src/domain/ hold pure code; the context is built above them.' },
      noIo('workflows/ and src/domain/ hold pure code: no I/O.'),
    ],
  ),
  // Repositories, queues and mail sit under the use cases and know nothing above them.
  fence(
    ['src/infra/**/*.ts'],
    [
      layer(
        ['application', 'jobs', 'http', 'web', 'views', 'migrations'],
        'src/infra/ imports nothing above it: pass what it needs in (a handler, a migration source).',
      ),
      { group: composition, message: 'src/infra/ does not know the AppContext: declare the narrow pieces it needs.' },
    ],
  ),
  // Use cases do not know how they are called.
  fence(
    ['src/application/**/*.ts'],
    [
      layer(['http', 'web', 'views', 'jobs'], 'src/application/ is called by http, web and jobs, never the reverse.'),
      { group: ['express', 'express-*'], message: 'src/application/ does not know about HTTP.' },
      { group: composition.slice(1), message: 'src/application/ is composed from above, it does not compose.' },
    ],
  ),
  // The API and the staff app are siblings, and reach the database only through use cases.
  fence(
    ['src/http/**/*.ts'],
    [
      layer(['web'], 'src/http/ and src/web/ do not import each other; shared pages live in src/views/.'),
      layer(['infra/db'], 'src/http/ reaches the database only through use cases in src/application/.'),
      layer(['jobs'], 'src/http/ does not run jobs; a use case writes to the outbox.'),
    ],
  ),
  fence(
    ['src/web/**/*.ts'],
    [
      layer(['http'], 'src/http/ and src/web/ do not import each other; shared pages live in src/views/.'),
      layer(['infra/db'], 'src/web/ reaches the database only through use cases in src/application/.'),
      layer(['jobs'], 'src/web/ does not run jobs; a use case writes to the outbox.'),
    ],
  ),
  // A job parses its payload and calls a use case.
  fence(
    ['src/jobs/**/*.ts'],
    [
      layer(['infra/db'], 'src/jobs/ calls use cases in src/application/; the SQL lives in repositories.'),
      layer(['http', 'web', 'views'], 'src/jobs/ runs no HTTP and renders no pages.'),
    ],
  ),
  // Shared HTML: pure functions of the domain.
  fence(
    ['src/views/**/*.ts'],
    [
      layer(
        ['infra', 'application', 'jobs', 'http', 'web', 'workflows', 'migrations'],
        'src/views/ imports only src/domain: a page gets its data handed in.',
      ),
      { group: composition, message: 'src/views/ imports only src/domain.' },
      noIo('src/views/ holds pure HTML helpers: no I/O.'),
    ],
  ),
);
