import type { Knex } from 'knex';
import type { Actor, Role } from '../../domain/roles.js';
import { SYSTEM_ACCOUNT_IDS } from '../../domain/system-accounts.js';
import { toBool } from './rows.js';

/** The users table without Handslag's own system accounts: the people who can hold a login. */
export const people = (db: Knex) => db('users').whereNotIn('users.id', SYSTEM_ACCOUNT_IDS);

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  unit: string | null;
  active: boolean;
}

export const toUser = (r: Record<string, unknown>): UserRow => ({
  id: r.id as string,
  name: r.name as string,
  email: r.email as string,
  role: r.role as Role,
  unit: (r.unit as string | null) ?? null,
  active: toBool(r.active),
});

export async function findUserByTokenHash(db: Knex, tokenHash: string): Promise<UserRow | undefined> {
  const r = await people(db).where({ token_hash: tokenHash }).first();
  return r ? toUser(r) : undefined;
}

export async function findUserById(db: Knex, id: string): Promise<UserRow | undefined> {
  const r = await db('users').where({ id }).first();
  return r ? toUser(r) : undefined;
}

export async function findUsersByIds(db: Knex, ids: string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db('users').whereIn('id', [...new Set(ids)]);
  return new Map(rows.map((r: Record<string, unknown>) => [r.id as string, toUser(r)]));
}

/** A staff notice's addressee: enough to key a mail and send it. */
export interface Addressee {
  id: string;
  email: string;
}

export async function activeAddressee(db: Knex, id: string): Promise<Addressee | undefined> {
  const u = await db('users').where({ id, active: true }).first('id', 'email');
  return u ? { id: u.id as string, email: u.email as string } : undefined;
}

/** Active users of a role, of one unit if given. */
export async function activeAddresseesWithRole(db: Knex, role: Role, unit?: string): Promise<Addressee[]> {
  return (await db('users')
    .where({ role, active: true, ...(unit === undefined ? {} : { unit }) })
    .select('id', 'email')) as Addressee[];
}

/** Active coordinators, and with `withManagersOf` the managers of those units too: one query. */
export async function activeCoordinatorsAndManagers(db: Knex, withManagersOf: string[] | null): Promise<Addressee[]> {
  return (await db('users')
    .where({ active: true })
    .andWhere((w) => {
      w.where({ role: 'coordinator' });
      if (withManagersOf) w.orWhere((m) => m.where({ role: 'manager' }).whereIn('unit', withManagersOf));
    })
    .select('id', 'email')) as Addressee[];
}

export const toActor = (u: UserRow): Actor => ({ id: u.id, name: u.name, role: u.role, unit: u.unit });
