import type { Knex } from 'knex';
import { AppError } from '../domain/errors.js';
import { findUserById } from '../infra/db/user-repository.js';
import { activeOfficersOfUnit } from '../infra/db/staff-queries.js';

/**
 * Who a case may be assigned to: an active officer or manager of the unit that owns it, never
 * the person a complaint is about. `checkAssignee` refuses anyone else; `assignableOfficers`
 * lists the same people for the form, so the form offers only what the check lets through.
 */
export async function checkAssignee(
  db: Knex,
  assigneeId: string,
  unit: string | null,
  aboutUserId: string | null,
): Promise<void> {
  const user = await findUserById(db, assigneeId);
  const field = (message: string) => new AppError('invalid_input', message, [{ path: 'assigneeId', message }]);
  if (aboutUserId && assigneeId === aboutUserId)
    throw field('Klagomålet gäller den här handläggaren. Välj någon annan.');
  if (!user || !user.active) throw field('Handläggaren finns inte.');
  if (user.role !== 'officer' && user.role !== 'manager')
    throw field('Bara handläggare och chefer kan tilldelas ärenden.');
  if (unit !== null && user.unit !== unit) throw field(`Handläggaren hör inte till enheten ${unit}.`);
}

/** The people `checkAssignee` accepts for a case of `unit`, by name; none while the case has no unit. */
export async function assignableOfficers(
  ctx: { db: Knex },
  c: { unit: string | null; aboutUserId?: string | null },
): Promise<{ id: string; name: string }[]> {
  if (!c.unit) return [];
  return (await activeOfficersOfUnit(ctx.db, c.unit)).filter((o) => o.id !== c.aboutUserId);
}
