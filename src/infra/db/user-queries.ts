import type { Knex } from 'knex';
import type { Role } from '../../domain/roles.js';
import { people, toUser, type UserRow } from './user-repository.js';

/** A person's account as sign-in and user administration read it. */
export interface AccountRow extends UserRow {
  passwordHash: string | null;
  passwordChangedAt: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

const toAccount = (r: Record<string, unknown>): AccountRow => ({
  ...toUser(r),
  passwordHash: (r.password_hash as string | null) || null,
  passwordChangedAt: (r.password_changed_at as string | null) ?? null,
  lockedUntil: (r.locked_until as string | null) || null,
  lastLoginAt: (r.last_login_at as string | null) ?? null,
});

const byEmail = (db: Knex, email: string) => people(db).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]);

/** Every person's account, by name and e-mail address. */
export async function listAccounts(db: Knex): Promise<AccountRow[]> {
  const rows: Record<string, unknown>[] = await people(db).orderBy([{ column: 'name' }, { column: 'email' }]);
  return rows.map(toAccount);
}

export async function findAccount(db: Knex, id: string): Promise<AccountRow | undefined> {
  const r = await people(db).where({ id }).first();
  return r ? toAccount(r) : undefined;
}

/** The account of an e-mail address, whatever its case and surrounding spaces. */
export async function findAccountByEmail(db: Knex, email: string): Promise<AccountRow | undefined> {
  const r = await byEmail(db, email).first();
  return r ? toAccount(r) : undefined;
}

export async function findPersonIdByEmail(db: Knex, email: string): Promise<string | undefined> {
  const r = await byEmail(db, email).first('id');
  return r ? (r.id as string) : undefined;
}

export async function findPersonName(db: Knex, id: string): Promise<{ id: string; name: string } | undefined> {
  const r = await people(db).where({ id }).first('id', 'name');
  return r ? { id: r.id as string, name: r.name as string } : undefined;
}

export interface AccountPatch {
  active?: boolean;
  passwordHash?: string;
  passwordChangedAt?: string;
  failedLogins?: number;
  lockedUntil?: string | null;
  lastLoginAt?: string;
}

const columnsOf = (patch: AccountPatch): Record<string, unknown> => {
  const columns: Record<string, unknown> = {};
  if (patch.active !== undefined) columns.active = patch.active;
  if (patch.passwordHash !== undefined) columns.password_hash = patch.passwordHash;
  if (patch.passwordChangedAt !== undefined) columns.password_changed_at = patch.passwordChangedAt;
  if (patch.failedLogins !== undefined) columns.failed_logins = patch.failedLogins;
  if (patch.lockedUntil !== undefined) columns.locked_until = patch.lockedUntil;
  if (patch.lastLoginAt !== undefined) columns.last_login_at = patch.lastLoginAt;
  return columns;
};

/** Changes a person's account; false when there is no such person (a system account is none). */
export async function updatePerson(db: Knex, id: string, patch: AccountPatch): Promise<boolean> {
  return (await people(db).where({ id }).update(columnsOf(patch))) === 1;
}

/** Changes any account, system accounts too. */
export async function updateAccount(db: Knex, id: string, patch: AccountPatch): Promise<void> {
  await db('users').where({ id }).update(columnsOf(patch));
}

/**
 * One more wrong password on the account, counted in the database itself so two attempts at
 * once both count; the count after it.
 */
export async function countFailedLogin(db: Knex, id: string): Promise<number> {
  await db('users')
    .where({ id })
    .update({ failed_logins: db.raw('failed_logins + 1') });
  const after = await db('users').where({ id }).first('failed_logins');
  return Number(after?.failed_logins);
}

/** Whether any account, system accounts too, has this e-mail address (stored in lower case). */
export async function emailInUse(trx: Knex, email: string): Promise<boolean> {
  return Boolean(await trx('users').where({ email }).first());
}

export interface NewAccount {
  id: string;
  name: string;
  email: string;
  role: Role;
  unit: string | null;
  tokenHash: string;
  active: boolean;
  createdAt: string;
  /** With the time it was set. */
  password?: { hash: string; changedAt: string } | undefined;
}

const accountColumns = (u: NewAccount) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  unit: u.unit,
  token_hash: u.tokenHash,
  active: u.active,
  created_at: u.createdAt,
  ...(u.password ? { password_hash: u.password.hash, password_changed_at: u.password.changedAt } : {}),
});

export async function insertAccount(trx: Knex, u: NewAccount): Promise<void> {
  await trx('users').insert(accountColumns(u));
}

/** Inserts the account unless one with its id exists already. */
export async function insertAccountIfAbsent(db: Knex, u: NewAccount): Promise<void> {
  await db('users').insert(accountColumns(u)).onConflict('id').ignore();
}
