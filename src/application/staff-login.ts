import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Role } from '../domain/roles.js';
import { iso } from '../infra/db/rows.js';
import {
  countFailedLogin,
  findAccount,
  findAccountByEmail,
  updateAccount,
  type AccountRow,
} from '../infra/db/user-queries.js';
import { decoyHash, verifyPassword } from './password-hash.js';

export interface LoginDeps {
  db: Knex;
  clock: Clock;
  config: Pick<Config, 'LOGIN_MAX_FAILURES' | 'LOGIN_LOCK_MINUTES' | 'PASSWORD_SCRYPT_LOG2N' | 'REDIS_PREFIX'>;
  /** Counts tries at addresses without a usable account (see `noAccountAttempt`). */
  redis?: Redis;
}

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  unit: string | null;
  passwordChangedAt: string | null;
}

export type LoginResult =
  { outcome: 'ok'; user: StaffUser } | { outcome: 'invalid' } | { outcome: 'locked'; until: Date };

export const toStaffUser = (r: AccountRow): StaffUser => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  unit: r.unit,
  passwordChangedAt: r.passwordChangedAt,
});

/** The user a session belongs to, or nothing if the account was deactivated since. */
export async function activeStaffUser(db: Knex, id: string): Promise<StaffUser | undefined> {
  const r = await findAccount(db, id);
  return r && r.active ? toStaffUser(r) : undefined;
}

/**
 * Checks an e-mail and password. An unknown address, a deactivated account and a wrong password
 * look the same to the caller. Wrong passwords in a row are counted on the user; the one that
 * reaches the limit locks the account, and while it is locked even the right password is refused.
 */
export async function checkPassword(deps: LoginDeps, email: string, password: string): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const row = email ? await findAccountByEmail(db, email) : undefined;
  if (!row || !row.active || !row.passwordHash) {
    await verifyPassword(password, await decoyHash(config.PASSWORD_SCRYPT_LOG2N));
    return noAccountAttempt(deps, email, now);
  }
  const lockedUntil = row.lockedUntil ? new Date(row.lockedUntil) : null;
  if (lockedUntil && lockedUntil > now) return { outcome: 'locked', until: lockedUntil };

  if (await verifyPassword(password, row.passwordHash)) {
    await updateAccount(db, row.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: iso(now) });
    return { outcome: 'ok', user: toStaffUser(row) };
  }
  // Counted in the database itself, so two attempts at once both count.
  if ((await countFailedLogin(db, row.id)) >= config.LOGIN_MAX_FAILURES) {
    const until = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
    // A fresh count after the lock: the next five tries start from zero once it has run out.
    await updateAccount(db, row.id, { failedLogins: 0, lockedUntil: iso(until) });
    return { outcome: 'locked', until };
  }
  return { outcome: 'invalid' };
}

interface NoAccountState {
  failures: number;
  lockedUntil: string | null;
}

/**
 * An address without a usable account (unknown, deactivated, no password) locks just as a real
 * one does, or five tries would tell which addresses exist. The count is kept in Redis, keyed by
 * a hash of the address, for twice the lock time; if Redis is down the try is simply refused.
 */
async function noAccountAttempt(deps: LoginDeps, email: string, now: Date): Promise<LoginResult> {
  const { redis, config } = deps;
  if (!redis || !email) return { outcome: 'invalid' };
  const key = `${config.REDIS_PREFIX}:login-no-account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  const raw = await redis.get(key).catch(() => null);
  let state: NoAccountState = raw ? (JSON.parse(raw) as NoAccountState) : { failures: 0, lockedUntil: null };
  if (state.lockedUntil && new Date(state.lockedUntil) > now)
    return { outcome: 'locked', until: new Date(state.lockedUntil) };
  state = { failures: state.failures + 1, lockedUntil: null };
  let result: LoginResult = { outcome: 'invalid' };
  if (state.failures >= config.LOGIN_MAX_FAILURES) {
    const until = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
    state = { failures: 0, lockedUntil: iso(until) };
    result = { outcome: 'locked', until };
  }
  await redis.set(key, JSON.stringify(state), 'EX', config.LOGIN_LOCK_MINUTES * 120).catch(() => undefined);
  return result;
}

/**
 * Single sign-on: the provider vouched for a verified e-mail address. It must belong to an
 * existing, active user; nobody is created here, so nobody gets a role by signing in.
 */
export async function userForVerifiedEmail(
  deps: Pick<LoginDeps, 'db' | 'clock'>,
  email: string,
): Promise<StaffUser | undefined> {
  const row = await findAccountByEmail(deps.db, email);
  if (!row || !row.active) return undefined;
  await updateAccount(deps.db, row.id, { lastLoginAt: iso(deps.clock.now()) });
  return toStaffUser(row);
}
