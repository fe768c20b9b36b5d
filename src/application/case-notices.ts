import { findCategory } from '../domain/categories.js';
import { localDateOf } from '../domain/local-date.js';
import { promisedDate } from '../domain/promised-date.js';
import { units } from '../domain/units.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';
import { eventDefinition, lifecycle } from '../../workflows/registry.js';
import { closingDaySet } from '../infra/db/closing-days-repository.js';
import { findContact } from '../infra/db/company-repository.js';
import { replacePendingMail } from '../infra/db/pending-mail.js';
import { deadlinesOfCase } from '../infra/db/deadline-repository.js';
import { findUserById } from '../infra/db/user-repository.js';
import type { CaseEvent } from '../../workflows/events.js';
import type { ClockChange } from './update-clocks.js';
import { queueMail } from './queue-mail.js';
import { currentTrackingUrl } from './tracking/tracking-links.js';
import type { TxContext } from './tx-context.js';

const clockIn = (changes: ClockChange[], clock: string) => changes.find((c) => c.after.clock === clock)?.after;
const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

/**
 * The mails the company (or the complainant) gets when its matter moves: receipt, who handles
 * it, complement request, extension, decision; for complaints the acknowledgement and the
 * answer. Keyed by case and version, so a replay asks for the same mail again and gets nothing
 * new. A contact without e-mail gets no mail (the desk phones instead).
 */
export async function queueCompanyNotices(
  tx: TxContext,
  row: CaseRow,
  event: CaseEvent & { actorId?: string },
  version: number,
  changes: ClockChange[],
  now: Date,
): Promise<void> {
  const { trx, config } = tx;
  if (!row.contactId) return;
  const contact = await findContact(trx, row.contactId);
  if (!contact?.email) return;
  const category = findCategory(row.category);
  const base = { reference: row.reference, subject: row.subject, contactName: contact.name, kind: row.kind };
  // Every mail to the company carries the case's current tracking link (docs/tracking.md).
  const mail = async (suffix: string, template: string, data: Record<string, unknown>) =>
    queueMail(
      tx,
      {
        key: `case-${row.id}-${suffix}`,
        caseId: row.id,
        deadlineId: null,
        audience: 'company',
        recipient: contact.email!,
        template,
        data: { ...base, ...data, trackingUrl: await currentTrackingUrl(config, trx, row.id) },
        deliverAfter: now.toISOString(),
      },
      now,
    );
  // A promised date reads as it stands the day the mail is written: a day already passed says
  // how late we are (a backdated letter, an acknowledgement sent after its limit).
  const closing = await closingDaySet(trx);
  const promise = (d: { dueDate: string | null; dueAt: string } | undefined) =>
    d ? promisedDate(d, now, closing) : null;
  const officer = async (id: string) => {
    const u = await findUserById(trx, id);
    return u
      ? {
          officerName: u.name,
          officerFirstName: firstName(u.name),
          unitLabel: u.unit ? ((units as Record<string, string>)[u.unit] ?? u.unit) : null,
        }
      : null;
  };

  // Which event mails the company, and with which template, each event says beside its machine.
  const definition =
    event.type === 'REGISTERED' ? undefined : eventDefinition(lifecycle(row.kind, row.machineVersion), event.type);
  const template = definition?.mail ?? null;
  const key = `v${version}-${event.type.toLowerCase().replace(/_/g, '-')}`;
  // An event whose mail needs nothing more than its own fields gets them as they are.
  const { actorId: _actorId, ...fields } = event;

  if (row.kind === 'complaint') {
    // Filed from the tracking page, with nobody to hear it say so: a mail that it has arrived.
    if (event.type === 'REGISTERED' && row.channel === 'eservice' && !row.anonymous) {
      const related = row.relatedCaseId ? await findCase(trx, row.relatedCaseId) : undefined;
      return mail('received', 'complaint_received', {
        relatedReference: related?.reference ?? null,
        ackDue: promise(clockIn(changes, 'complaint_ack')),
        answerDue: promise(clockIn(changes, 'complaint_answer')),
      });
    }
    if (!template) return;
    if (event.type === 'ACKNOWLEDGE') {
      const answer = (await deadlinesOfCase(trx, row.id)).find((d) => d.clock === 'complaint_answer');
      // The guarantee promises the name of whoever investigates: the officer it is given to, or
      // else the manager who acknowledges it and keeps it.
      const investigatorId = row.assigneeId ?? event.actorId ?? null;
      const investigator = investigatorId ? await findUserById(trx, investigatorId) : undefined;
      const live = answer && (answer.state === 'running' || answer.state === 'breached') ? answer : undefined;
      return mail(`v${version}-ack`, template, {
        handlerName: investigator?.name ?? null,
        answerDueDate: live?.dueDate ?? null,
        answerDue: promise(live),
        message: event.message ?? null,
      });
    }
    if (event.type === 'ANSWER') {
      const reviewed =
        Number((row.snapshot as { context?: { dissatisfiedCount?: number } }).context?.dissatisfiedCount ?? 0) > 0;
      return mail(`v${version}-answer`, template, {
        answer: event.answer,
        measures: event.measures,
        reviewed,
      });
    }
    return mail(key, template, fields);
  }

  if (event.type === 'REGISTERED')
    return mail('receipt', 'receipt', {
      categoryLabel: category?.label ?? row.category,
      unitLabel: category ? units[category.unit] : null,
      pbl: category?.pbl ?? false,
      guarantees: changes.map((c) => ({ label: c.label, dueDate: c.after.dueDate, promise: promise(c.after) })),
    });
  if (!template) return;
  // What goes in the mail beyond the event's own fields, for the events that need more.
  switch (event.type) {
    case 'RESOLVE_AT_FIRST_CONTACT': {
      // Resolved at the desk: the company gets the answer it was given and no promises. A
      // receipt not yet sent becomes this confirmation; one already out is followed by it.
      const data = {
        ...base,
        resolution: event.resolution,
        resolvedDate: localDateOf(now),
        trackingUrl: await currentTrackingUrl(config, trx, row.id),
      };
      if (await replacePendingMail(trx, `case-${row.id}-receipt`, template, data)) return;
      return mail(`v${version}-resolved`, template, data);
    }
    case 'ASSIGN': {
      const who = await officer(event.assigneeId);
      return who ? mail(`v${version}-assigned`, template, who) : undefined;
    }
    case 'REQUEST_COMPLEMENT': {
      const decision = clockIn(changes, 'decision');
      // What the complement does to the decision clock, said as it is: restart, pause, or nothing.
      const clockEffect = decision?.state === 'paused' ? (category?.pbl ? 'restart' : 'pause') : 'none';
      return mail(`v${version}-complement`, template, {
        message: event.message,
        dueDate: event.dueDate ?? null,
        clockEffect,
      });
    }
    case 'EXTEND_DEADLINE': {
      const decision = clockIn(changes, 'decision');
      return mail(`v${version}-extension`, template, {
        reason: event.reason,
        weeks: event.weeks,
        newDueDate: decision?.state === 'running' ? decision.dueDate : null,
      });
    }
    case 'DECIDE':
      return mail(`v${version}-decision`, template, {
        outcome: event.outcome,
        reasoning: event.reasoning,
        decidedBy: event.decidedBy ?? null,
        decidedDate: localDateOf(now),
        feeReductionFifths: clockIn(changes, 'decision')?.feeReductionFifths ?? 0,
      });
    default:
      return mail(key, template, fields);
  }
}
