import type { Knex } from 'knex';
import { activeStaff } from '../infra/db/staff-queries.js';

/** Everyone active on the staff, by name, with their role: the people a group's members are chosen from. */
export const activeStaffByName = (ctx: { db: Knex }) => activeStaff(ctx.db);
