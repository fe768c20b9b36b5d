import type { Knex } from 'knex';
import { activeStaff } from '../infra/db/staff-queries.js';
import { findUsersByIds } from '../infra/db/user-repository.js';

/** Everyone active on the staff, by name, with their role: the people a group's members are chosen from. */
export const activeStaffByName = (ctx: { db: Knex }) => activeStaff(ctx.db);

/** The names of the given users by id, for a history that names who a case went to. */
export async function namesOf(ctx: { db: Knex }, ids: string[]): Promise<Map<string, string>> {
  return new Map([...(await findUsersByIds(ctx.db, ids)).values()].map((u) => [u.id, u.name]));
}
