import type { Knex } from 'knex';

export interface StaffRecipient {
  id: string;
  email: string;
}

/**
 * Who hears about a clock: the assignee, and the unit's managers for breaches and
 * escalations. A case no unit has taken yet falls to the administrators. The person a
 * complaint is about never hears of it, whatever their role.
 */
export async function staffRecipients(
  db: Knex,
  c: { unit: string | null; assigneeId: string | null; aboutUserId?: string | null },
  includeManagers: boolean,
): Promise<StaffRecipient[]> {
  const found = new Map<string, StaffRecipient>();
  const add = (u: { id: string; email: string }) => {
    if (u.id !== c.aboutUserId) found.set(u.id, { id: u.id, email: u.email });
  };
  if (c.assigneeId) {
    const u = await db('users').where({ id: c.assigneeId, active: true }).first();
    if (u) add(u);
  }
  if (includeManagers || found.size === 0) {
    const managers = c.unit ? await db('users').where({ role: 'manager', unit: c.unit, active: true }) : [];
    for (const m of managers) add(m);
    if (found.size === 0) for (const a of await db('users').where({ role: 'admin', active: true })) add(a);
  }
  return [...found.values()];
}
