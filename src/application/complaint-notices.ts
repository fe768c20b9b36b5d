import type { Knex } from 'knex';
import { complaintConcernLabels, type ComplaintConcern } from '../../workflows/complaint-events.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { caseReference } from '../infra/db/case-queries.js';
import type { CaseEvent } from '../../workflows/events.js';
import { queueMail } from './queue-mail.js';
import { staffCaseUrl } from './staff-links.js';
import { staffRecipients } from './staff-recipients.js';
import type { TxContext } from './tx-context.js';

/**
 * Those who handle a complaint are told when it arrives, and again when the complainant is not
 * satisfied with the answer: the managers of the unit it concerns (the administrators when the
 * unit has none), never the person it is about. Staff mail waits for office hours.
 */
export async function queueComplaintStaffNotices(
  tx: TxContext,
  row: CaseRow,
  event: CaseEvent,
  version: number,
  now: Date,
): Promise<void> {
  const { trx } = tx;
  if (row.kind !== 'complaint') return;
  const template =
    event.type === 'REGISTERED'
      ? 'complaint_arrived'
      : event.type === 'DISSATISFIED'
        ? 'complaint_review_requested'
        : null;
  if (!template) return;
  const handlers = await complaintHandlers(trx, row);
  const deliverAfter = nextOfficeInstant(now, await tx.reference.closingDays(trx)).toISOString();
  const relatedReference = row.relatedCaseId ? await caseReference(trx, row.relatedCaseId) : undefined;
  for (const h of handlers) {
    await queueMail(
      tx,
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
          relatedReference: relatedReference ?? null,
          reason: event.type === 'DISSATISFIED' ? event.reason : null,
          caseUrl: staffCaseUrl(tx.config, row.reference),
        },
        deliverAfter,
      },
      now,
    );
  }
}

const complaintHandlers = (db: Knex, row: CaseRow) =>
  staffRecipients(db, { unit: row.unit, assigneeId: null, aboutUserId: row.aboutUserId }, true);
