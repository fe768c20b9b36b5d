import { findDeadline } from '../infra/db/deadline-repository.js';
import { handedOutNotices, type Notification, type RecipientRule } from '../infra/db/notification-repository.js';
import { queueMail } from './queue-mail.js';
import { audienceLabel, recipientsOfRule, type StaffRecipient } from './staff-recipients.js';
import type { TxContext } from './tx-context.js';

export interface StaffNotice {
  key: string;
  caseId: string | null;
  escalationId: string | null;
  deadlineId: string | null;
  template: string;
  data: Record<string, unknown>;
  deliverAfter: string;
  rule: RecipientRule;
}

/**
 * Records a notice to staff in the caller's transaction. It names who should hear it, not
 * their addresses: a case registered late, breached before anyone took it, is told to whoever
 * holds it when the notice goes, not to whoever held it when the clock ran out.
 */
export async function recordStaffNotice(tx: TxContext, n: StaffNotice, now: Date): Promise<void> {
  const { rule, ...rest } = n;
  await queueMail(tx, { ...rest, audience: 'staff', recipient: audienceLabel(rule), recipientRule: rule }, now);
}

/**
 * Hands a notice out: one mail per person who should hear it now, keyed by the notice and the
 * person, so someone who already had it never gets it twice. Returns the people it reached.
 */
export async function handOutNotice(tx: TxContext, notice: Notification, now: Date): Promise<StaffRecipient[]> {
  const { trx } = tx;
  const rule = notice.recipientRule;
  if (!rule) return [];
  const people = await recipientsOfRule(trx, rule, notice);
  for (const p of people) {
    await queueMail(
      tx,
      {
        key: `${notice.key}-${p.id}`,
        caseId: notice.caseId,
        escalationId: notice.escalationId,
        deadlineId: notice.deadlineId,
        audience: 'staff',
        recipient: p.email,
        template: notice.template,
        data: notice.data,
        deliverAfter: now.toISOString(),
      },
      now,
    );
  }
  return people;
}

/**
 * A case that changes hands (routed to a unit, given an officer) while a clock's notice is still
 * true tells its new holders: the latest notice of each clock that is still at the version it
 * was about. Those who had it already are not told again.
 */
export async function passNoticesOn(tx: TxContext, caseId: string, now: Date): Promise<void> {
  const { trx } = tx;
  const seen = new Set<string>();
  for (const n of await handedOutNotices(trx, caseId)) {
    if (!n.deadlineId || seen.has(n.deadlineId)) continue;
    seen.add(n.deadlineId);
    const dl = await findDeadline(trx, n.deadlineId);
    if (!dl || dl.version !== n.recipientRule?.deadlineVersion || (dl.state !== 'running' && dl.state !== 'breached'))
      continue;
    await handOutNotice(tx, n, now);
  }
}
