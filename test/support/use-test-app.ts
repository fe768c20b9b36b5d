import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { dropSessions, FAST_HASH_ENV, staffAccount, type StaffAccount } from './staff-web.js';
import { startTestApp, type TestApp, type TestAppOptions, type TestUser } from './test-app.js';

/** An API user: a role, or `[role, unit, name]` as `app.user` takes them. */
export type UserSpec = Role | readonly [Role, (string | null)?, string?];

/** A staff account that logs in with a password: a role, or `[role, { unit, name, password }]`. */
export type AccountSpec = Role | readonly [Role, { unit?: string; name?: string; password?: string }];

export interface UseTestAppOptions<
  U extends Record<string, UserSpec>,
  A extends Record<string, AccountSpec>,
> extends TestAppOptions {
  /** Start the staff app: cheap password hashing, and its login sessions are dropped at the end. */
  staff?: boolean;
  /** Options known only once the suite starts (an SMTP sink's address); they win over the others. */
  late?: () => TestAppOptions | Promise<TestAppOptions>;
  /** API users, created in this order once the app runs. */
  users?: U;
  /** Staff accounts with a password, created after the users. */
  accounts?: A;
}

export interface UsedTestApp<U, A> {
  app: TestApp;
  users: { readonly [K in keyof U]: TestUser };
  accounts: { readonly [K in keyof A]: StaffAccount };
}

/**
 * Starts an app for the enclosing `describe` (its own database and Redis prefix), creates the named
 * users and accounts, and closes and cleans up after the last test. Call it at the top level of a
 * `describe`; the returned objects are filled in by `beforeAll`, so keep them, do not copy their fields.
 */
export function useTestApp<
  U extends Record<string, UserSpec> = Record<never, UserSpec>,
  A extends Record<string, AccountSpec> = Record<never, AccountSpec>,
>(options: UseTestAppOptions<U, A> = {}): UsedTestApp<U, A> {
  const { staff, late, users: userSpecs, accounts: accountSpecs, ...appOptions } = options;
  // Filled in place so that callers may destructure at the top of a describe, before the app runs.
  const app = {} as TestApp;
  const users = Object.fromEntries(Object.keys(userSpecs ?? {}).map((k) => [k, {}])) as Record<keyof U, TestUser>;
  const accounts = Object.fromEntries(Object.keys(accountSpecs ?? {}).map((k) => [k, {}])) as Record<
    keyof A,
    StaffAccount
  >;
  let started: TestApp | undefined;

  beforeAll(async () => {
    const more = late ? await late() : {};
    const env = { ...(staff ? FAST_HASH_ENV : {}), ...(appOptions.env ?? {}), ...(more.env ?? {}) };
    started = await startTestApp({ ...appOptions, ...more, env });
    // The app's `url` and `ctx` are getters that follow a restart; copy them as getters.
    Object.defineProperties(app, Object.getOwnPropertyDescriptors(started));
    for (const [key, spec] of Object.entries(userSpecs ?? {})) {
      const [role, unit, name] = typeof spec === 'string' ? [spec] : spec;
      Object.assign(users[key as keyof U], await started.user(role, unit ?? null, name));
    }
    for (const [key, spec] of Object.entries(accountSpecs ?? {})) {
      const [role, opts] = typeof spec === 'string' ? [spec, {}] : spec;
      Object.assign(accounts[key as keyof A], await staffAccount(started, role, opts));
    }
  });
  afterAll(async () => {
    if (!started) return;
    if (staff) await dropSessions(started);
    await started.close();
  });

  return { app, users, accounts };
}
