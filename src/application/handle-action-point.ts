import type { AppContext } from '../context.js';
import { localDateOf } from '../domain/local-date.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import { queueMail } from './queue-mail.js';
import { loadParties } from './escalation-parties.js';
import { actionReminderRecipients } from './staff-recipients.js';
import { actionsByIds, contextOf, findEscalation } from '../infra/db/escalation-repository.js';
import type { ActionPointPayload } from '../infra/queue/job-payloads.js';
import { staffEscalationUrl } from './staff-links.js';
import { inTransaction } from './tx-context.js';

export type ActionOutcome = { result: 'early'; delayMs: number } | { result: 'stale' | 'reminded' };

/**
 * An agreed action's reminder. It acts only while the action is open at the job's version;
 * each recipient's mail has its own key, so a retried or replayed job mails no one twice.
 */
export async function handleActionPoint(ctx: AppContext, job: ActionPointPayload): Promise<ActionOutcome> {
  const now = ctx.clock.now();
  const delayMs = new Date(job.at).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };
  const closing = await ctx.reference.closingDays(ctx.db);
  return inTransaction(ctx, async (tx): Promise<ActionOutcome> => {
    const { trx } = tx;
    const [action] = await actionsByIds(trx, [job.actionId]);
    if (!action || action.version !== job.version || action.status !== 'open') return { result: 'stale' };
    const escalation = (await findEscalation(trx, action.escalationId))!;
    const parties = await loadParties(trx, escalation);
    const meeting = contextOf(escalation).meeting;
    const template = job.point === 'remind' ? 'action_reminder' : 'action_overdue';
    const data = {
      description: action.description,
      dueDate: action.dueDate,
      meetingDate: meeting ? localDateOf(new Date(meeting.startsAt)) : null,
      companyName: parties.company.name,
      url: staffEscalationUrl(ctx.config, escalation.id),
    };
    const staffAt = nextOfficeInstant(now, closing).toISOString();
    const key = (who: string) => `act-${action.id}-v${action.version}-${job.point}-${who}`;
    const base = { caseId: null, escalationId: escalation.id, deadlineId: null, template };
    if (action.ownerIsCompany) {
      for (const c of parties.contacts) {
        await queueMail(
          tx,
          {
            ...base,
            key: key(c.key),
            audience: 'company',
            recipient: c.email,
            data: { ...data, contactName: c.name, audience: 'company' },
            deliverAfter: now.toISOString(),
          },
          now,
        );
      }
    }
    for (const p of await actionReminderRecipients(trx, action, job.point)) {
      await queueMail(
        tx,
        {
          ...base,
          key: key(p.id),
          audience: 'staff',
          recipient: p.email,
          data: { ...data, contactName: p.name, audience: 'staff' },
          deliverAfter: staffAt,
        },
        now,
      );
    }
    return { result: 'reminded' };
  });
}
