import type { Knex } from 'knex';
import type { Role } from '../../domain/roles.js';
import { toBool } from './rows.js';
import { replaceRows } from './table-lock.js';

export interface MemberRow {
  unit: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  title: string;
  active: boolean;
}

const toMember = (r: Record<string, unknown>): MemberRow => ({
  unit: r.unit as string,
  userId: r.user_id as string,
  name: r.name as string,
  email: r.email as string,
  role: r.role as Role,
  title: r.title as string,
  active: toBool(r.active),
});

const memberQuery = (db: Knex) =>
  db('service_group_members as m')
    .join('users as u', 'u.id', 'm.user_id')
    .select('m.unit', 'm.user_id', 'm.title', 'u.name', 'u.email', 'u.role', 'u.active');

export async function listMembers(db: Knex, units?: string[]): Promise<MemberRow[]> {
  const q = memberQuery(db).orderBy('m.unit').orderBy('u.name');
  if (units) q.whereIn('m.unit', units);
  return (await q).map(toMember);
}

/** The register entries of these users, by unit: a user may sit for more than one. */
export async function membershipsOf(
  db: Knex,
  userIds: string[],
): Promise<{ userId: string; unit: string; title: string }[]> {
  const rows = (await db('service_group_members').whereIn('user_id', userIds).orderBy('unit')) as {
    user_id: string;
    unit: string;
    title: string;
  }[];
  return rows.map((m) => ({ userId: m.user_id, unit: m.unit, title: m.title }));
}

export async function upsertMember(trx: Knex, unit: string, userId: string, title: string, now: string): Promise<void> {
  await trx('service_group_members')
    .insert({ unit, user_id: userId, title, created_at: now })
    .onConflict(['unit', 'user_id'])
    .merge({ title });
}

export async function removeMember(trx: Knex, unit: string, userId: string): Promise<number> {
  return trx('service_group_members').where({ unit, user_id: userId }).del();
}

export async function categoryUnits(db: Knex): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await db('category_units').orderBy('category').orderBy('unit'))
    out.set(r.category, [...(out.get(r.category) ?? []), r.unit]);
  return out;
}

export async function replaceCategoryUnits(trx: Knex.Transaction, category: string, units: string[]): Promise<void> {
  await replaceRows(
    trx,
    'category_units',
    { category },
    units.map((unit) => ({ category, unit })),
  );
}
