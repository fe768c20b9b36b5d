import type { Knex } from 'knex';
import type { Clock } from '../domain/clock.js';
import { AppError, notFound } from '../domain/errors.js';
import { iso } from '../infra/db/rows.js';
import {
  findPersonIdByEmail,
  findPersonName,
  listAccounts,
  updatePerson,
  type AccountPatch,
} from '../infra/db/user-queries.js';
import type { UserRow } from '../infra/db/user-repository.js';
import { passwordSchema } from './create-user.js';
import { DEFAULT_SCRYPT_LOG2N, hashPassword } from './password-hash.js';

export interface UserListEntry extends UserRow {
  hasPassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: string | null;
}

/** Every user, by name; `lockedUntil` only while the lock still holds at `now`. System accounts are not users. */
export async function listUsers(db: Knex, now: Date): Promise<UserListEntry[]> {
  return (await listAccounts(db)).map((r) => {
    const locked = r.lockedUntil ? new Date(r.lockedUntil) : null;
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      unit: r.unit,
      active: r.active,
      hasPassword: Boolean(r.passwordHash),
      lockedUntil: locked && locked > now ? locked : null,
      lastLoginAt: r.lastLoginAt,
    };
  });
}

// A system account is not found here, so no admin action can reach it.
async function updateUser(db: Knex, id: string, patch: AccountPatch): Promise<void> {
  if (!(await updatePerson(db, id, patch))) throw notFound('Användaren');
}

/** Deactivated users keep their history; their sessions and token stop working at once. */
export async function setUserActive(db: Knex, id: string, active: boolean, byUserId: string): Promise<void> {
  if (!active && id === byUserId) throw new AppError('invalid_input', 'Du kan inte inaktivera ditt eget konto.');
  await updateUser(db, id, { active });
}

export async function unlockUser(db: Knex, id: string): Promise<void> {
  await updateUser(db, id, { failedLogins: 0, lockedUntil: null });
}

/**
 * Sets a new password. Sessions that began before it end at their next request
 * (src/web/staff-session.ts compares with `password_changed_at`), and a lock is lifted.
 */
export async function setUserPassword(
  db: Knex,
  clock: Clock,
  id: string,
  raw: unknown,
  scryptLog2N = DEFAULT_SCRYPT_LOG2N,
): Promise<void> {
  if (!(await findPerson(db, id))) throw notFound('Användaren');
  const parsed = passwordSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('invalid_input', 'Lösenordet kunde inte sparas.', [
      { path: 'password', message: parsed.error.issues[0]?.message ?? 'Ogiltigt lösenord.' },
    ]);
  const hash = await hashPassword(parsed.data, scryptLog2N);
  await updateUser(db, id, {
    passwordHash: hash,
    passwordChangedAt: iso(clock.now()),
    failedLogins: 0,
    lockedUntil: null,
  });
}

export async function findUserIdByEmail(db: Knex, email: string): Promise<string | undefined> {
  return findPersonIdByEmail(db, email);
}

/** A user an admin may act on: anyone in `users` but a system account. */
export async function findPerson(db: Knex, id: string): Promise<{ id: string; name: string } | undefined> {
  return findPersonName(db, id);
}
