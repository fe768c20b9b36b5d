import type { AppContext } from '../context.js';
import { localDateOf } from '../domain/local-date.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import { queueMail } from '../application/queue-mail.js';
import { inTransaction } from '../application/tx-context.js';
import { loadParties, peopleByIds } from '../application/escalation-parties.js';
import { contextOf, findAction, findEscalation } from '../infra/db/escalation-repository.js';
import { actionPointPayload } from './job-payloads.js';
import { staffEscalationUrl } from '../application/staff-links.js';

export type ActionOutcome = { result: 'early'; delayMs: number } | { result: 'stale' | 'reminded' };

/**
 * An agreed action's reminder. It acts only while the action is open at the job's version;
 * each recipient's mail has its own key, so a retried or replayed job mails no one twice.
 */
export async function runActionPoint(ctx: AppContext, raw: unknown): Promise<ActionOutcome> {
  const job = actionPointPayload.parse(raw);
  const now = ctx.clock.now();
  const delayMs = new Date(job.at).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };
  const closing = await ctx.reference.closingDays(ctx.db);
  return inTransaction(ctx, async (tx): Promise<ActionOutcome> => {
    const { trx } = tx;
    const row0 = await trx('escalation_actions').where({ id: job.actionId }).first('escalation_id');
    const action = row0 ? await findAction(trx, row0.escalation_id as string, job.actionId) : undefined;
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
    // The owner hears first; once overdue, the coordinators hear too, since they follow the table up.
    const staffIds = action.ownerUserId ? [action.ownerUserId] : [];
    if (job.point === 'overdue')
      staffIds.push(...((await trx('users').where({ role: 'coordinator', active: true }).pluck('id')) as string[]));
    for (const p of await peopleByIds(trx, [...new Set(staffIds)])) {
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
