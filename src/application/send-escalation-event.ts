import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../context.js';
import { AppError, notFound, type FieldError } from '../domain/errors.js';
import { localDateOf, isValidLocalDate } from '../domain/local-date.js';
import { canSeeCase, canSeeEscalation, mayRunEscalation, type Actor } from '../domain/roles.js';
import type { EscalationContext } from '../../workflows/escalation.js';
import type { ActionInput } from '../../workflows/escalation-events.js';
import { applyEvent, lifecycle, persistSnapshot, restoreSnapshot, stateInfo } from '../../workflows/registry.js';
import { insertOutbox } from '../infra/db/audit-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import {
  attachCase,
  contextOf,
  findEscalation,
  insertActions,
  insertEscalationEvent,
  updateEscalationIfVersion,
  type ActionRow,
  type EscalationRow,
} from '../infra/db/escalation-repository.js';
import { actionOwnerIds } from '../infra/db/escalation-queries.js';
import { iso } from '../infra/db/rows.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import { loadParties } from './escalation-parties.js';
import { queueEscalationNotices } from './escalation-notices.js';
import { checkAttachable, recordOnCases } from './open-escalation.js';
import { eventEnvelopeSchema } from './send-case-event.js';
import { parsedEvent, type LifecycleEvent } from '../../workflows/events.js';
import { updateClocks } from './update-clocks.js';
import { zodFieldErrors } from './zod-errors.js';
import { parseInput } from './parse-input.js';
import { inTransaction, type TxContext } from './tx-context.js';

export async function mayView(db: Knex, actor: Actor, row: EscalationRow): Promise<boolean> {
  const parties = await loadParties(db, row);
  return canSeeEscalation(actor, {
    requestedBy: row.requestedBy,
    participantIds: contextOf(row).participantIds,
    actionOwnerIds: await actionOwnerIds(db, row.id),
    cases: parties.cases,
  });
}

/** Loads an escalation the actor may see, or 404 (no hint that it exists). */
export async function visibleEscalation(db: Knex, actor: Actor, id: string): Promise<EscalationRow> {
  const row = await findEscalation(db, id);
  if (!row) throw notFound('Det dukade bordet');
  if (!(await mayView(db, actor, row))) throw notFound('Det dukade bordet');
  return row;
}

export const requireMayRunEscalation = (actor: Actor) => {
  if (!mayRunEscalation(actor)) throw new AppError('forbidden', 'Bara samordnaren driver ett dukat bord.');
};

/**
 * The coordinator's steps: accept, decline, compose, book, rebook, cancel, hold, record the
 * outcome. A table one cannot see is 404 and a role that runs no table 403, both before the
 * request's body is read.
 */
/** A meeting is booked for a time still to come; the error is on the payload's `startsAt`. */
export function pastMeetingError(startsAt: string, now: Date): FieldError | null {
  return new Date(startsAt).getTime() <= now.getTime()
    ? { path: 'startsAt', message: 'Mötet måste ligga i framtiden.' }
    : null;
}

export async function sendEscalationEvent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<EscalationRow> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const row = await visibleEscalation(trx, actor, id);
    requireMayRunEscalation(actor);
    const body = parseInput(eventEnvelopeSchema, input);
    const lc = lifecycle('service_group', row.machineVersion);
    const schema = lc.eventSchemas[body.type];
    if (!schema) {
      throw new AppError('invalid_input', `Händelsen ${body.type} finns inte för ett dukat bord.`, [
        { path: 'type', message: `Tillåtna typer: ${Object.keys(lc.eventSchemas).join(', ')}.` },
      ]);
    }
    const { type: _t, expectedVersion: _v, ...raw } = body;
    const parsed = schema.strict().safeParse(raw);
    if (!parsed.success)
      throw new AppError('invalid_input', 'Händelsens uppgifter är inte giltiga.', zodFieldErrors(parsed.error));
    if (row.version !== body.expectedVersion) {
      throw new AppError('version_conflict', 'Det dukade bordet har ändrats sedan du hämtade det.', [], {
        currentVersion: row.version,
      });
    }
    const payload = await checkPayload(tx, actor, row, body.type, parsed.data as Record<string, unknown>, now);
    return applyEscalationEvent(tx, row, actor, { type: body.type, ...payload }, now);
  });
}

// Rules the payload schema cannot see: people must exist, a meeting lies ahead, attendees sat
// at the table, an action's due date is a real day not in the past.
async function checkPayload(
  tx: TxContext,
  actor: Actor,
  row: EscalationRow,
  type: string,
  p: Record<string, unknown>,
  now: Date,
): Promise<Record<string, unknown>> {
  const { trx } = tx;
  const errors: FieldError[] = [];
  const ctx = contextOf(row);
  const activeStaff = async (ids: string[], path: string) => {
    const users = await findUsersByIds(trx, ids);
    ids.forEach((uid, i) => {
      const u = users.get(uid);
      if (!u || !u.active)
        errors.push({ path: `${path}.${i}`, message: 'Personen finns inte bland kommunens användare.' });
    });
  };
  if (type === 'SET_PARTICIPANTS' || (type === 'RESCHEDULE' && p.participantIds))
    await activeStaff(p.participantIds as string[], 'participantIds');
  if (type === 'SCHEDULE' || type === 'RESCHEDULE') {
    const past = pastMeetingError(String(p.startsAt), now);
    if (past) errors.push(past);
  }
  if (type === 'HOLD' && ctx.meeting && now.getTime() < new Date(ctx.meeting.startsAt).getTime()) {
    throw new AppError('event_not_accepted', 'Mötet har inte börjat ännu.', [], {
      escalationStatus: row.status,
      startsAt: ctx.meeting.startsAt,
    });
  }
  if (type === 'HOLD') {
    (p.attendeeIds as string[]).forEach((uid, i) => {
      if (!ctx.participantIds.includes(uid))
        errors.push({ path: `attendeeIds.${i}`, message: 'Personen var inte inbjuden till mötet.' });
    });
  }
  if (type === 'RECORD_OUTCOME') {
    const actions = p.actions as ActionInput[];
    const owners = await findUsersByIds(
      trx,
      actions.flatMap((a) => (a.ownerId ? [a.ownerId] : [])),
    );
    const today = localDateOf(now);
    actions.forEach((a, i) => {
      if (a.ownerId && !owners.get(a.ownerId)?.active)
        errors.push({ path: `actions.${i}.ownerId`, message: 'Personen finns inte bland kommunens användare.' });
      if (!isValidLocalDate(a.dueDate)) errors.push({ path: `actions.${i}.dueDate`, message: 'Ogiltigt datum.' });
      else if (a.dueDate < today) errors.push({ path: `actions.${i}.dueDate`, message: 'Datumet har redan passerat.' });
    });
  }
  if (type === 'ATTACH_CASE') {
    const c = await findCase(trx, String(p.caseId));
    const checked = await checkAttachable(tx, c, row.companyId, 'caseId', (x) => canSeeCase(actor, x));
    if (checked instanceof AppError) throw checked;
    if ('path' in checked) errors.push(checked);
    else return { caseId: checked.id };
  }
  if (errors.length) throw new AppError('invalid_input', 'Händelsens uppgifter är inte giltiga.', errors);
  return p;
}

/**
 * Applies one event in the caller's transaction: pure transition, optimistic write, audit on
 * the escalation and on every case at the table, clocks, actions and mails, all or nothing.
 */
export async function applyEscalationEvent(
  tx: TxContext,
  row: EscalationRow,
  actor: Actor | null,
  event: { type: string } & Record<string, unknown>,
  now: Date,
): Promise<EscalationRow> {
  const { trx } = tx;
  const lc = lifecycle('service_group', row.machineVersion);
  const result = applyEvent(lc, restoreSnapshot(lc, row.snapshot), event);
  if (!result.accepted) {
    throw new AppError(
      'event_not_accepted',
      `Det dukade bordet i läget "${stateInfo(lc, row.status).label}" tar inte emot ${lc.eventLabels[event.type] ?? event.type}.`,
      [],
      { escalationStatus: row.status },
    );
  }
  const to = String(result.snapshot.value);
  const nowIso = iso(now);
  const written = await updateEscalationIfVersion(trx, row.id, row.version, {
    status: to,
    snapshot: persistSnapshot(lc, result.snapshot),
    updatedAt: nowIso,
    closedAt: stateInfo(lc, to).open ? null : nowIso,
  });
  if (!written) throw new AppError('version_conflict', 'Det dukade bordet har ändrats sedan du hämtade det.');
  const version = row.version + 1;
  const { type, ...payload } = event;
  await insertEscalationEvent(trx, {
    escalationId: row.id,
    actorId: actor?.id ?? null,
    type,
    payload,
    fromState: row.status,
    toState: to,
    version,
    createdAt: nowIso,
  });
  if (type === 'ATTACH_CASE') await attachCase(trx, row.id, String(payload.caseId), false, nowIso);

  const before = contextOf(row);
  const after = result.snapshot.context as EscalationContext;
  const parties = await loadParties(trx, row);
  // Linked cases see what happened at the table, never the internal notes.
  const { notes: _notes, ...shared } = payload;
  await recordOnCases(
    tx,
    parties.cases,
    actor?.id ?? null,
    type,
    { escalationId: row.id, status: to, statusLabel: stateInfo(lc, to).label, ...shared },
    now,
  );
  await updateClocks(
    tx,
    { id: row.id, kind: 'service_group', category: '', anonymous: false, receivedAt: row.createdAt, escalation: true },
    row.status,
    to,
    parsedEvent<LifecycleEvent>(type, payload),
    now,
  );

  let actions: ActionRow[] = [];
  if (type === 'RECORD_OUTCOME') {
    actions = (payload.actions as ActionInput[]).map((a, i) => ({
      id: randomUUID(),
      escalationId: row.id,
      position: i + 1,
      description: a.description,
      ownerUserId: a.ownerId ?? null,
      ownerIsCompany: a.ownerIsCompany === true,
      dueDate: a.dueDate,
      status: 'open',
      doneAt: null,
      doneBy: null,
      doneNote: null,
      version: 1,
      createdAt: nowIso,
      updatedAt: nowIso,
    }));
    await insertActions(trx, actions);
    for (const a of actions)
      await insertOutbox(trx, 'action.changed', null, { actionId: a.id, version: a.version }, nowIso);
  }
  await queueEscalationNotices(tx, { row, parties, before, after, event, actions, now });
  return (await findEscalation(trx, row.id))!;
}
