import type { Knex } from 'knex';
import { localDateOf } from '../domain/local-date.js';
import { promisedDate, promisedDateText } from '../domain/promised-date.js';
import { mayRunEscalation, type Actor } from '../domain/roles.js';
import { formatSwedishDate, formatSwedishSpan } from '../domain/working-days.js';
import { acceptedEventTypes, lifecycle, restoreSnapshot, stateInfo } from '../../workflows/registry.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { openCasesOfCompany } from '../infra/db/case-queries.js';
import { actionsOf, contextOf, type EscalationRow } from '../infra/db/escalation-repository.js';
import { deadlinesOfEscalation } from '../infra/db/deadline-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import { deadlineView, type ViewContext } from './case-view.js';
import { loadParties, peopleByIds, suggestedPeople, unitLabel } from './escalation-parties.js';
import type { EscalationView } from './escalation-view-schema.js';

const originLabels = {
  manual: 'Begärt av personal',
  breach: 'Föreslaget: en servicegaranti hölls inte',
  multi_unit: 'Föreslaget: ärendet berör flera enheter',
} as const;

const caseLine = (c: CaseRow) => ({
  id: c.id,
  reference: c.reference,
  subject: c.subject,
  category: c.category,
  unit: c.unit,
  status: c.status,
  statusLabel: stateInfo(lifecycle(c.kind, c.machineVersion), c.status).label,
});

const person = (p: { id: string; name: string; title: string; unit: string | null; unitLabel: string }) => ({
  id: p.id,
  name: p.name,
  title: p.title,
  unit: p.unit,
  unitLabel: p.unitLabel,
});

export async function toEscalationView(
  ctx: ViewContext & { db: Knex },
  actor: Actor,
  row: EscalationRow,
): Promise<EscalationView> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const lc = lifecycle('service_group', row.machineVersion);
  const state = stateInfo(lc, row.status);
  const c = contextOf(row);
  const parties = await loadParties(db, row);
  const attached = new Set(parties.cases.map((x) => x.id));
  const others = (await openCasesOfCompany(db, row.companyId)).filter((x) => !attached.has(x.id));
  const participants = await peopleByIds(db, c.participantIds);
  const actions = await actionsOf(db, row.id);
  const owners = await findUsersByIds(
    db,
    actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : [])),
  );
  const requester = row.requestedBy ? (await findUsersByIds(db, [row.requestedBy])).get(row.requestedBy) : undefined;
  const deadlines = await deadlinesOfEscalation(db, row.id);
  const guarantees = await ctx.reference.guaranteeVersions(
    db,
    deadlines.map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
  );
  const closing = await ctx.reference.closingDays(db);
  const today = localDateOf(now);
  return {
    id: row.id,
    status: row.status,
    statusLabel: state.label,
    open: state.open,
    version: row.version,
    allowedEvents: mayRunEscalation(actor) ? acceptedEventTypes(lc, restoreSnapshot(lc, row.snapshot)) : [],
    origin: row.origin,
    originLabel: originLabels[row.origin],
    reason: c.reason,
    company: { id: parties.company.id, orgNumber: parties.company.orgNumber, name: parties.company.name },
    requestedBy: requester ? { id: requester.id, name: requester.name } : null,
    cases: parties.cases.map((x) => ({ ...caseLine(x), primary: x.primary })),
    otherOpenCases: others.map(caseLine),
    units: parties.units.map((code) => ({ code, label: unitLabel(code) })),
    suggestedParticipants: (await suggestedPeople(db, parties.units))
      .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
      .map(person),
    participants: participants.map(person),
    meeting: c.meeting
      ? { ...c.meeting, text: formatSwedishSpan(new Date(c.meeting.startsAt), new Date(c.meeting.endsAt)) }
      : null,
    sequence: c.sequence,
    attendees: participants.filter((p) => c.attendeeIds.includes(p.id)).map(person),
    companyAttended: c.companyAttended,
    outcome: c.outcome,
    declineReason: c.declineReason,
    cancelReason: c.cancelReason,
    actions: actions.map((a) => ({
      id: a.id,
      position: a.position,
      description: a.description,
      owner: a.ownerIsCompany
        ? { kind: 'company' as const, name: parties.company.name }
        : { kind: 'staff' as const, id: a.ownerUserId!, name: owners.get(a.ownerUserId!)?.name ?? '' },
      dueDate: a.dueDate,
      dueDateText: formatSwedishDate(a.dueDate),
      promiseText:
        a.status === 'open'
          ? promisedDateText(promisedDate({ dueDate: a.dueDate }, now, closing), { ours: !a.ownerIsCompany })
          : null,
      status: a.status,
      overdue: a.status === 'open' && a.dueDate < today,
      doneAt: a.doneAt,
      doneNote: a.doneNote,
    })),
    deadlines: deadlines.map((d) => deadlineView(d, guarantees, now, closing)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}
