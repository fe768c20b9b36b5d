import type { Knex } from 'knex';
import { findCategory } from '../domain/categories.js';
import { localDateOf } from '../domain/local-date.js';
import { units } from '../domain/units.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { findContact } from '../infra/db/company-repository.js';
import type { ClockChange } from './update-clocks.js';
import { queueMail } from './queue-mail.js';

const decisionClock = (changes: ClockChange[]) => changes.find((c) => c.after.clock === 'decision');

/**
 * The mails a company gets when its case moves: receipt, complement request, extension notice
 * and decision notice. Keyed by case and version, so a replay asks for the same mail again
 * and gets nothing new. A contact without e-mail gets no mail (the desk phones instead).
 */
export async function queueCompanyNotices(trx: Knex, row: CaseRow, event: { type: string } & Record<string, unknown>, version: number, changes: ClockChange[], now: Date): Promise<void> {
  if (row.kind !== 'company_case' || !row.contactId) return;
  const contact = await findContact(trx, row.contactId);
  if (!contact?.email) return;
  const category = findCategory(row.category);
  const base = { reference: row.reference, subject: row.subject, contactName: contact.name };
  const mail = (suffix: string, template: string, data: Record<string, unknown>) =>
    queueMail(
      trx,
      { key: `case-${row.id}-${suffix}`, caseId: row.id, deadlineId: null, audience: 'company', recipient: contact.email!, template, data: { ...base, ...data }, deliverAfter: now.toISOString() },
      now,
    );

  switch (event.type) {
    case 'REGISTERED':
      return mail('receipt', 'receipt', {
        categoryLabel: category?.label ?? row.category,
        unitLabel: category ? units[category.unit] : null,
        pbl: category?.pbl ?? false,
        guarantees: changes.map((c) => ({ label: c.label, dueDate: c.after.dueDate })),
      });
    case 'REQUEST_COMPLEMENT':
      return mail(`v${version}-complement`, 'complement_request', {
        message: event.message,
        dueDate: event.dueDate ?? null,
        restartsClock: decisionClock(changes)?.after.state === 'paused' && (category?.pbl ?? false),
      });
    case 'EXTEND_DEADLINE': {
      const dl = decisionClock(changes)?.after;
      return mail(`v${version}-extension`, 'extension', { reason: event.reason, newDueDate: dl?.dueDate ?? null });
    }
    case 'DECIDE':
      return mail(`v${version}-decision`, 'decision', {
        outcome: event.outcome,
        reasoning: event.reasoning,
        decidedBy: event.decidedBy ?? null,
        decidedDate: localDateOf(now),
        feeReductionFifths: decisionClock(changes)?.after.feeReductionFifths ?? 0,
      });
    default:
      return;
  }
}
