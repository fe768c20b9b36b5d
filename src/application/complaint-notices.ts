import type { Knex } from 'knex';
import type { AppContext } from '../context.js';
import { complaintConcernLabels, type ComplaintConcern } from '../../workflows/complaint-events.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import type { CaseEvent } from '../../workflows/events.js';
import { queueMail } from './queue-mail.js';
import { staffCaseUrl } from './staff-links.js';
import { staffRecipients } from './staff-recipients.js';

/**
 * Those who handle a complaint are told when it arrives, and again when the complainant is not
 * satisfied with the answer: the managers of the unit it concerns (the administrators when the
 * unit has none), never the person it is about. Staff mail waits for office hours.
 */
export async function queueComplaintStaffNotices(
  trx: Knex,
  ctx: Pick<AppContext, 'config' | 'reference'>,
  row: CaseRow,
  event: CaseEvent,
  version: number,
  now: Date,
): Promise<void> {
  if (row.kind !== 'complaint') return;
  const template =
    event.type === 'REGISTERED'
      ? 'complaint_arrived'
      : event.type === 'DISSATISFIED'
        ? 'complaint_review_requested'
        : null;
  if (!template) return;
  const handlers = await complaintHandlers(trx, row);
  const deliverAfter = nextOfficeInstant(now, await ctx.reference.closingDays(trx)).toISOString();
  const related = row.relatedCaseId
    ? ((await trx('cases').where({ id: row.relatedCaseId }).first('reference')) as { reference: string } | undefined)
    : undefined;
  for (const h of handlers) {
    await queueMail(
      trx,
      {
        key: `case-${row.id}-v${version}-${template}-${h.id}`,
        caseId: row.id,
        deadlineId: null,
        audience: 'staff',
        recipient: h.email,
        template,
        data: {
          reference: row.reference,
          subject: row.subject,
          concerns: (row.concerns ?? []).map((c) => complaintConcernLabels[c as ComplaintConcern] ?? c),
          anonymous: row.anonymous,
          relatedReference: related?.reference ?? null,
          reason: event.type === 'DISSATISFIED' ? event.reason : null,
          caseUrl: staffCaseUrl(ctx.config, row.reference),
        },
        deliverAfter,
      },
      now,
    );
  }
}

const complaintHandlers = (db: Knex, row: CaseRow) =>
  staffRecipients(db, { unit: row.unit, assigneeId: null, aboutUserId: row.aboutUserId }, true);
