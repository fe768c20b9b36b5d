import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { configSchema } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { createUser } from '../src/application/create-user.js';
import { registerCase } from '../src/application/register-case.js';
import { registerCaseSchema } from '../src/application/register-case-input.js';
import type { Actor, Role } from '../src/domain/roles.js';
import { createApp } from '../src/create-app.js';
import { companyCaseBody } from '../test/support/fixtures.js';

export interface BenchUser {
  actor: Actor;
  token: string;
}

/** The real app, built the way src/main.ts builds it, listening on a free loopback port. */
export interface HandslagUnderTest {
  url: string;
  ctx: AppContext;
  registrar: BenchUser;
  /** Of unit bygglov, which the transition scenario routes every case to. */
  officer: BenchUser;
  /** Registers `n` cases through the application layer, skipping HTTP, to stock the transition scenario. */
  registerDirect(n: number): Promise<void>;
  /** Cases still in `registered` at version 1: each takes exactly one ROUTE. */
  routableCaseIds(): Promise<string[]>;
  count(table: 'cases' | 'case_events' | 'outbox'): Promise<number>;
  countEvents(type: string): Promise<number>;
  /** How many SQL statements, BEGIN and COMMIT included, the app runs while `fn` does; meaningful with nothing else in flight. */
  statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }>;
  close(): Promise<void>;
}

export async function startHandslag(tmpDir: string, redisPrefix: string): Promise<HandslagUnderTest> {
  const config = configSchema.parse({
    DATABASE_URL: `sqlite:${path.join(tmpDir, 'bench.sqlite')}`,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    MAIL_DIR: path.join(tmpDir, 'outbox'),
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const ctx = await createContext(config);
  let server: Server | undefined;
  try {
    server = createApp(ctx).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
  } catch (err) {
    await ctx.close();
    throw err;
  }

  const user = async (role: Role, unit: string | null): Promise<BenchUser> => {
    const tag = randomUUID().slice(0, 8);
    const name = `Bench ${role} ${tag}`;
    const { id, token } = await createUser(ctx.db, ctx.clock, {
      name,
      email: `bench.${role}.${tag}@kommun.example`,
      role,
      ...(unit ? { unit } : {}),
    });
    return { actor: { id, name, role, unit }, token };
  };
  const registrar = await user('registrar', null);
  const officer = await user('officer', 'bygglov');
  const input = registerCaseSchema.parse(companyCaseBody());

  const countOf = async (query: Promise<unknown>) => Number(((await query) as { n: number | string }[])[0]?.n ?? 0);

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ctx,
    registrar,
    officer,
    async registerDirect(n) {
      for (let i = 0; i < n; i++) await registerCase(ctx, registrar.actor, input);
    },
    async routableCaseIds() {
      const rows = (await ctx.db('cases').where({ status: 'registered', version: 1 }).select('id')) as { id: string }[];
      return rows.map((r) => r.id);
    },
    count: (table) => countOf(ctx.db(table).count({ n: '*' })),
    countEvents: (type) => countOf(ctx.db('case_events').where({ type }).count({ n: '*' })),
    async statementsDuring(fn) {
      let statements = 0;
      const onQuery = () => {
        statements++;
      };
      ctx.db.on('query', onQuery);
      try {
        return { result: await fn(), statements };
      } finally {
        ctx.db.off('query', onQuery);
      }
    },
    async close() {
      server!.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      await ctx.close();
    },
  };
}
