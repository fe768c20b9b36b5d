import { localDateOf } from '../domain/local-date.js';
import { promisedDate } from '../domain/promised-date.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import { closingDaySet } from '../infra/db/closing-days-repository.js';
import type { EscalationContext, Meeting } from '../../workflows/escalation.js';
import { tableEventDefinition } from '../../workflows/escalation-events.js';
import type { ActionRow, EscalationRow } from '../infra/db/escalation-repository.js';
import { meetingIcs } from '../infra/mail/meeting-ics.js';
import { agendaOf, peopleByIds, type CompanyContact, type Person, type TableParties } from './escalation-parties.js';
import { queueMail } from './queue-mail.js';
import { currentTrackingUrl } from './tracking/tracking-links.js';
import type { TxContext } from './tx-context.js';

interface Recipient {
  key: string;
  name: string;
  email: string;
  audience: 'company' | 'staff';
}

const fromContact = (c: CompanyContact): Recipient => ({
  key: c.key,
  name: c.name,
  email: c.email,
  audience: 'company',
});
const fromPerson = (p: Person): Recipient => ({ key: p.id, name: p.name, email: p.email, audience: 'staff' });

/** "Handslag <noreply@kommun.se>" → name and address, for the calendar's ORGANIZER. */
function organizerOf(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m
    ? { name: m[1]!.trim() || 'Servicegruppen', email: m[2]!.trim() }
    : { name: 'Servicegruppen', email: from.trim() };
}

export interface NoticeInput {
  row: EscalationRow;
  parties: TableParties;
  before: EscalationContext;
  after: EscalationContext;
  event: { type: string } & Record<string, unknown>;
  actions: ActionRow[];
  now: Date;
}

/**
 * The mails a transition of the table sends, recorded in its transaction. Keys carry the
 * meeting's SEQUENCE, so a replay never mails twice and each new time is mailed once.
 */
export async function queueEscalationNotices(tx: TxContext, n: NoticeInput): Promise<void> {
  const { trx, config, reference } = tx;
  const { row, parties, before, after, event, now } = n;
  const uid = `dukat-bord-${row.id}@${new URL(config.PUBLIC_BASE_URL).hostname || 'handslag.local'}`;
  const organizer = organizerOf(config.MAIL_FROM);
  const base = { companyName: parties.company.name, references: parties.cases.map((c) => c.reference).join(', ') };
  // The company follows the table through the tracking page of the case it was asked for.
  const primaryCase = parties.cases.find((c) => c.primary) ?? parties.cases[0];
  let trackingUrl: string | undefined;
  const companyLink = async () =>
    primaryCase ? (trackingUrl ??= await currentTrackingUrl(config, trx, primaryCase.id)) : undefined;
  const declared = tableEventDefinition(event.type)?.mails ?? [];
  const mail = async (r: Recipient, key: string, template: string, data: Record<string, unknown>) => {
    // An event mails only what it says it does (workflows/escalation-events.ts).
    if (!declared.includes(template)) throw new Error(`${event.type} does not declare the mail ${template}`);
    // Staff read mail in office hours; the company gets its mail at once.
    const deliverAfter =
      r.audience === 'staff' && template !== 'table_invitation' && template !== 'table_cancellation'
        ? nextOfficeInstant(now, await reference.closingDays(trx))
        : now;
    await queueMail(
      tx,
      {
        key,
        caseId: null,
        escalationId: row.id,
        deadlineId: null,
        audience: r.audience,
        recipient: r.email,
        template,
        data: {
          ...base,
          contactName: r.name,
          audience: r.audience,
          ...data,
          ...(r.audience === 'company' ? { trackingUrl: await companyLink() } : {}),
        },
        deliverAfter: deliverAfter.toISOString(),
      },
      now,
    );
  };
  const calendarFor = async (method: 'REQUEST' | 'CANCEL', meeting: Meeting, sequence: number, people: Person[]) => {
    const agenda = await agendaOf(trx, parties, now);
    const description = agenda.map((u) => `${u.unitLabel}:\n${u.lines.map((l) => `– ${l}`).join('\n')}`).join('\n\n');
    const attendees = [
      ...parties.contacts.map((c) => ({ name: `${c.name} (${parties.company.name})`, email: c.email })),
      ...people.map((p) => ({ name: p.name, email: p.email })),
    ];
    const ics = meetingIcs({
      method,
      uid,
      sequence,
      ...meeting,
      stamp: now.toISOString(),
      summary: `Dukat bord: ${parties.company.name}`,
      description,
      organizer,
      attendees,
    });
    return { agenda, ics };
  };

  if (event.type === 'SCHEDULE' || event.type === 'RESCHEDULE') {
    const meeting = after.meeting!;
    const people = await peopleByIds(trx, after.participantIds);
    const { agenda, ics } = await calendarFor('REQUEST', meeting, after.sequence, people);
    const participants = people.map((p) => ({ name: p.name, title: p.title, unitLabel: p.unitLabel }));
    for (const r of [...parties.contacts.map(fromContact), ...people.map(fromPerson)]) {
      await mail(r, `sg-${row.id}-s${after.sequence}-invite-${r.key}`, 'table_invitation', {
        meeting,
        sequence: after.sequence,
        agenda,
        participants,
        reason: after.reason,
        ics,
      });
    }
    // Someone taken off the table at a new time gets the old event cancelled in their calendar.
    const removed = await peopleByIds(
      trx,
      before.participantIds.filter((id) => !after.participantIds.includes(id)),
    );
    if (event.type === 'RESCHEDULE' && removed.length) {
      const cancel = await calendarFor('CANCEL', before.meeting!, after.sequence, removed);
      for (const p of removed) {
        await mail(fromPerson(p), `sg-${row.id}-s${after.sequence}-cancel-${p.id}`, 'table_cancellation', {
          meeting: before.meeting,
          removed: true,
          ics: cancel.ics,
        });
      }
    }
    return;
  }
  if (event.type === 'CANCEL' && before.meeting) {
    const people = await peopleByIds(trx, before.participantIds);
    const { ics } = await calendarFor('CANCEL', before.meeting, after.sequence, people);
    for (const r of [...parties.contacts.map(fromContact), ...people.map(fromPerson)]) {
      await mail(r, `sg-${row.id}-s${after.sequence}-cancel-${r.key}`, 'table_cancellation', {
        meeting: before.meeting,
        reason: after.cancelReason,
        ics,
      });
    }
    return;
  }
  if (event.type === 'DECLINE' && row.requestedBy) {
    const [requester] = await peopleByIds(trx, [row.requestedBy]);
    if (requester)
      await mail(fromPerson(requester), `sg-${row.id}-declined-${requester.id}`, 'table_declined', {
        reason: after.declineReason,
      });
    return;
  }
  if (event.type === 'RECORD_OUTCOME') {
    const closing = await closingDaySet(trx);
    const owners = await peopleByIds(
      trx,
      n.actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : [])),
    );
    const actions = n.actions.map((a) => ({
      description: a.description,
      owner: a.ownerIsCompany ? parties.company.name : (owners.find((o) => o.id === a.ownerUserId)?.name ?? ''),
      dueDate: a.dueDate,
      promise: promisedDate({ dueDate: a.dueDate }, now, closing),
      byCompany: a.ownerIsCompany,
    }));
    const meetingDate = localDateOf(new Date(after.meeting!.startsAt));
    for (const r of parties.contacts.map(fromContact)) {
      await mail(r, `sg-${row.id}-summary-${r.key}`, 'table_summary', {
        summary: after.outcome?.summary ?? '',
        actions,
        meetingDate,
      });
    }
  }
}
