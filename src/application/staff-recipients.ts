import type { Knex } from 'knex';
import { findCase } from '../infra/db/case-repository.js';
import { findEscalation } from '../infra/db/escalation-repository.js';
import type { RecipientRule } from '../infra/db/notification-repository.js';
import {
  activeAddressee,
  activeAddresseesWithRole,
  activeCoordinatorsAndManagers,
  type Addressee,
} from '../infra/db/user-repository.js';
import { loadParties, peopleByIds, type Person } from './escalation-parties.js';

// Who hears about what, for every staff notice: a case's clocks and complaints, a table's
// clocks and requests, an agreed action's reminders. Nowhere else decides it.

export type StaffRecipient = Addressee;

/**
 * Who hears about a case: the assignee, and the unit's managers for breaches and
 * escalations. A case no unit has taken yet falls to the administrators. The person a
 * complaint is about never hears of it, whatever their role.
 */
export async function staffRecipients(
  db: Knex,
  c: { unit: string | null; assigneeId: string | null; aboutUserId?: string | null },
  includeManagers: boolean,
): Promise<StaffRecipient[]> {
  const found = new Map<string, StaffRecipient>();
  const add = (u: Addressee) => {
    if (u.id !== c.aboutUserId) found.set(u.id, { id: u.id, email: u.email });
  };
  if (c.assigneeId) {
    const u = await activeAddressee(db, c.assigneeId);
    if (u) add(u);
  }
  if (includeManagers || found.size === 0) {
    const managers = c.unit ? await activeAddresseesWithRole(db, 'manager', c.unit) : [];
    for (const m of managers) add(m);
    if (found.size === 0) for (const a of await activeAddresseesWithRole(db, 'admin')) add(a);
  }
  return [...found.values()];
}

/**
 * Who hears about a table: the coordinators, who set it, and with `managersOf` the managers of
 * the units it involves. With no coordinator, the administrators.
 */
export async function tableRecipients(db: Knex, managersOf: string[] | null): Promise<StaffRecipient[]> {
  const found = await activeCoordinatorsAndManagers(db, managersOf);
  return found.length ? found : activeAddresseesWithRole(db, 'admin');
}

export type ClockNoticeKind = 'warning' | 'breach' | 'escalation';

/** A clock's notice reaches the holders of its case or table; a breach and its escalations their managers too. */
export function clockNoticeRule(of: 'case' | 'table', kind: ClockNoticeKind, deadlineVersion: number): RecipientRule {
  return { of, withManagers: kind !== 'warning', deadlineVersion };
}

/** Until it is sent, a notice's recipient says whom it is for, as the case page shows it. */
export function audienceLabel(rule: RecipientRule): string {
  if (rule.of === 'table') return rule.withManagers ? 'samordnarna och enheternas chefer' : 'samordnarna';
  return rule.withManagers ? 'ärendets handläggare och enhetens chefer' : 'ärendets handläggare';
}

/** Who a notice reaches now, from the case or the table as it is. */
export async function recipientsOfRule(
  db: Knex,
  rule: RecipientRule,
  owner: { caseId: string | null; escalationId: string | null },
): Promise<StaffRecipient[]> {
  if (rule.of === 'case') {
    const c = owner.caseId ? await findCase(db, owner.caseId) : undefined;
    return c ? staffRecipients(db, c, rule.withManagers) : [];
  }
  const e = owner.escalationId ? await findEscalation(db, owner.escalationId) : undefined;
  if (!e) return [];
  return tableRecipients(db, rule.withManagers ? (await loadParties(db, e)).units : null);
}

/**
 * An agreed action's reminder: the owner hears first; once overdue, the coordinators hear too,
 * since they follow the table up. Named as the service-group register names them.
 */
export async function actionReminderRecipients(
  db: Knex,
  action: { ownerUserId: string | null },
  point: 'remind' | 'overdue',
): Promise<Person[]> {
  const staffIds = action.ownerUserId ? [action.ownerUserId] : [];
  if (point === 'overdue') staffIds.push(...(await activeAddresseesWithRole(db, 'coordinator')).map((u) => u.id));
  return peopleByIds(db, [...new Set(staffIds)]);
}
