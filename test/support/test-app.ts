import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import knexFactory from 'knex';
import { configSchema } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { fixedClock } from '../../src/domain/clock.js';
import type { Role } from '../../src/domain/roles.js';
import { createUser } from '../../src/application/create-user.js';
import { createApp } from '../../src/create-app.js';
import { testDatabaseUrl, testRedisUrl } from './test-env.js';
import { startWorker, type RunningWorker } from '../../src/worker.js';
import { reconcile } from '../../src/application/reconcile.js';

// Each test app has its own queue prefix; its keys go when it closes so Redis does not fill up.
async function obliterateQueues(ctx: AppContext) {
  await Promise.allSettled([
    ctx.queues.deadlines.obliterate({ force: true }),
    ctx.queues.mail.obliterate({ force: true }),
  ]);
}

export interface TestUser {
  id: string;
  token: string;
  role: Role;
  unit: string | null;
  email: string;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A running app on a random port with its own database (SQLite file or PostgreSQL schema) and Redis prefix. */
export interface TestApp {
  url: string;
  ctx: AppContext;
  clock: ReturnType<typeof fixedClock>;
  logLines: string[];
  dbUrl: string;
  schema: string | undefined;
  user(role: Role, unit?: string | null, name?: string): Promise<TestUser>;
  request<T = any>(
    method: string,
    urlPath: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  restart(): Promise<void>;
  close(): Promise<void>;
  /** Moves committed outbox rows to the queues now, then runs the reconciler as a worker start would. */
  reconcile(): Promise<void>;
}

export const DEFAULT_NOW = '2026-11-20T09:00:00+01:00';

export interface TestAppOptions {
  now?: string;
  /** Run the outbox dispatcher, the BullMQ workers and the reconciler in the test process. */
  worker?: boolean;
  smtpUrl?: string;
  /** A Redis database of its own, for tests that flush Redis. */
  redisDb?: number;
  env?: Record<string, string>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const base = testDatabaseUrl();
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const schema = base === 'sqlite' ? undefined : `t_${id}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handslag-test-'));
  const dbUrl = base === 'sqlite' ? `sqlite:${path.join(tmp, 'handslag.sqlite')}` : base;
  const config = configSchema.parse({
    DATABASE_URL: dbUrl,
    REDIS_URL:
      options.redisDb === undefined ? testRedisUrl() : `${testRedisUrl().replace(/\/\d+$/, '')}/${options.redisDb}`,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    MAIL_RETRY_BASE_MS: '100',
    OUTBOX_POLL_MS: '50',
    ...(options.env ?? {}),
    REDIS_PREFIX: `test-${id}`,
    MAIL_DIR: path.join(tmp, 'outbox'),
    LOG_LEVEL: 'info',
    PORT: '0',
  });
  const clock = fixedClock(options.now ?? DEFAULT_NOW);
  const logLines: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });

  let ctx!: AppContext;
  let server!: Server;
  let worker: RunningWorker | null = null;
  let url = '';
  const boot = async () => {
    ctx = await createContext(config, { clock, logDestination, dbSchema: schema });
    worker = options.worker ? await startWorker(ctx) : null;
    server = createApp(ctx).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const shutdown = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker?.close();
    await obliterateQueues(ctx);
    await ctx.close();
  };
  await boot();

  const app: TestApp = {
    get url() {
      return url;
    },
    get ctx() {
      return ctx;
    },
    clock,
    logLines,
    dbUrl,
    schema,
    async user(role, unit = null, name) {
      const n = randomUUID().slice(0, 8);
      const email = `${role}.${n}@kommun.example`;
      const { id: userId, token } = await createUser(ctx.db, clock, {
        name: name ?? `${role} ${n}`,
        email,
        role,
        ...(unit ? { unit } : {}),
      });
      return { id: userId, token, role, unit, email };
    },
    async request(method, urlPath, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${urlPath}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON; keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed as any };
    },
    async reconcile() {
      await reconcile(ctx);
    },
    async restart() {
      await shutdown();
      await boot();
    },
    async close() {
      await shutdown();
      if (schema) {
        const admin = knexFactory({ client: 'pg', connection: base });
        await admin.raw('drop schema if exists ?? cascade', [schema]);
        await admin.destroy();
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return app;
}
