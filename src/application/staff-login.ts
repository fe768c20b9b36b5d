import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Role } from '../domain/roles.js';
import { iso, toBool } from '../infra/db/rows.js';
import { people } from '../infra/db/user-repository.js';
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

export const toStaffUser = (r: Record<string, unknown>): StaffUser => ({
  id: r.id as string,
  name: r.name as string,
  email: r.email as string,
  role: r.role as Role,
  unit: (r.unit as string | null) ?? null,
  passwordChangedAt: (r.password_changed_at as string | null) ?? null,
});

/** The user a session belongs to, or nothing if the account was deactivated since. */
export async function activeStaffUser(db: Knex, id: string): Promise<StaffUser | undefined> {
  const r = await people(db).where({ id }).first();
  return r && toBool(r.active) ? toStaffUser(r) : undefined;
}

/**
 * Checks an e-mail and password. An unknown address, a deactivated account and a wrong password
 * look the same to the caller. Wrong passwords in a row are counted on the user; the one that
 * reaches the limit locks the account, and while it is locked even the right password is refused.
 */
export async function checkPassword(deps: LoginDeps, email: string, password: string): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const row = email ? await people(db).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first() : undefined;
  if (!row || !toBool(row.active) || !row.password_hash) {
    await verifyPassword(password, await decoyHash(config.PASSWORD_SCRYPT_LOG2N));
    return noAccountAttempt(deps, email, now);
  }
  const lockedUntil = row.locked_until ? new Date(row.locked_until as string) : null;
  if (lockedUntil && lockedUntil > now) return { outcome: 'locked', until: lockedUntil };

  if (await verifyPassword(password, row.password_hash as string)) {
    await db('users')
      .where({ id: row.id })
      .update({ failed_logins: 0, locked_until: null, last_login_at: iso(now) });
    return { outcome: 'ok', user: toStaffUser(row) };
  }
  // Counted in the database itself, so two attempts at once both count.
  await db('users')
    .where({ id: row.id })
    .update({ failed_logins: db.raw('failed_logins + 1') });
  const after = await db('users').where({ id: row.id }).first('failed_logins');
  if (Number(after?.failed_logins) >= config.LOGIN_MAX_FAILURES) {
    const until = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
    // A fresh count after the lock: the next five tries start from zero once it has run out.
    await db('users')
      .where({ id: row.id })
      .update({ failed_logins: 0, locked_until: iso(until) });
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
  const row = await people(deps.db).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first();
  if (!row || !toBool(row.active)) return undefined;
  await deps
    .db('users')
    .where({ id: row.id })
    .update({ last_login_at: iso(deps.clock.now()) });
  return toStaffUser(row);
}
