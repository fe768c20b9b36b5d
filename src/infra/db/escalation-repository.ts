import type { Knex } from 'knex';
import type { EscalationContext, EscalationOrigin } from '../../../workflows/escalation.js';
import { parseJson, toBool, toJson } from './rows.js';

export interface EscalationRow {
  id: string;
  status: string;
  machineVersion: string;
  snapshot: unknown;
  version: number;
  origin: EscalationOrigin;
  companyId: string;
  requestedBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const contextOf = (row: EscalationRow) => (row.snapshot as { context: EscalationContext }).context;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toEscalationRow = (r: Record<string, unknown>): EscalationRow => ({
  id: r.id as string,
  status: r.status as string,
  machineVersion: r.machine_version as string,
  snapshot: parseJson(r.snapshot),
  version: Number(r.version),
  origin: r.origin as EscalationOrigin,
  companyId: r.company_id as string,
  requestedBy: (r.requested_by as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
  closedAt: (r.closed_at as string | null) ?? null,
});

export async function findEscalation(db: Knex, id: string): Promise<EscalationRow | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const r = await db('escalations').where({ id: id.toLowerCase() }).first();
  return r ? toEscalationRow(r) : undefined;
}

export async function insertEscalation(trx: Knex, e: EscalationRow): Promise<void> {
  await trx('escalations').insert({
    id: e.id,
    status: e.status,
    machine_version: e.machineVersion,
    snapshot: toJson(e.snapshot),
    version: e.version,
    origin: e.origin,
    company_id: e.companyId,
    requested_by: e.requestedBy,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    closed_at: e.closedAt,
  });
}

/** Optimistic write: true only if the row still had `expectedVersion`. */
export async function updateEscalationIfVersion(
  trx: Knex,
  id: string,
  expectedVersion: number,
  ch: { status: string; snapshot: unknown; updatedAt: string; closedAt: string | null },
): Promise<boolean> {
  const n = await trx('escalations')
    .where({ id, version: expectedVersion })
    .update({
      status: ch.status,
      snapshot: toJson(ch.snapshot),
      updated_at: ch.updatedAt,
      closed_at: ch.closedAt,
      version: expectedVersion + 1,
    });
  return n === 1;
}

export async function attachCase(
  trx: Knex,
  escalationId: string,
  caseId: string,
  primary: boolean,
  now: string,
): Promise<void> {
  await trx('escalation_cases').insert({ escalation_id: escalationId, case_id: caseId, primary, attached_at: now });
}

export async function caseIdsOf(db: Knex, escalationId: string): Promise<{ caseId: string; primary: boolean }[]> {
  const rows = await db('escalation_cases')
    .where({ escalation_id: escalationId })
    .orderBy('primary', 'desc')
    .orderBy('attached_at')
    .orderBy('case_id');
  return rows.map((r: Record<string, unknown>) => ({ caseId: r.case_id as string, primary: toBool(r.primary) }));
}

/** Every escalation a case sits or sat at, newest first. */
export async function escalationsOfCase(db: Knex, caseId: string): Promise<EscalationRow[]> {
  return (
    await db('escalation_cases as ec')
      .join('escalations as e', 'e.id', 'ec.escalation_id')
      .where('ec.case_id', caseId)
      .orderBy('e.created_at', 'desc')
      .select('e.*')
  ).map(toEscalationRow);
}

/** The open escalation a case sits at, if any: a case is at one open table at a time. */
export async function openEscalationOfCase(db: Knex, caseId: string): Promise<string | undefined> {
  const r = await db('escalation_cases as ec')
    .join('escalations as e', 'e.id', 'ec.escalation_id')
    .where('ec.case_id', caseId)
    .whereNull('e.closed_at')
    .first('e.id');
  return r ? (r.id as string) : undefined;
}

export interface EscalationEventRow {
  id: number;
  escalationId: string;
  actorId: string | null;
  type: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  version: number;
  createdAt: string;
}

export async function insertEscalationEvent(trx: Knex, e: Omit<EscalationEventRow, 'id'>): Promise<void> {
  await trx('escalation_events').insert({
    escalation_id: e.escalationId,
    actor_id: e.actorId,
    type: e.type,
    payload: toJson(e.payload),
    from_state: e.fromState,
    to_state: e.toState,
    version: e.version,
    created_at: e.createdAt,
  });
}

export async function listEscalationEvents(db: Knex, escalationId: string): Promise<EscalationEventRow[]> {
  const rows = await db('escalation_events').where({ escalation_id: escalationId }).orderBy('id');
  return rows.map((r: Record<string, unknown>) => ({
    id: Number(r.id),
    escalationId: r.escalation_id as string,
    actorId: (r.actor_id as string | null) ?? null,
    type: r.type as string,
    payload: parseJson<Record<string, unknown>>(r.payload),
    fromState: (r.from_state as string | null) ?? null,
    toState: r.to_state as string,
    version: Number(r.version),
    createdAt: r.created_at as string,
  }));
}

export interface ActionRow {
  id: string;
  escalationId: string;
  position: number;
  description: string;
  ownerUserId: string | null;
  ownerIsCompany: boolean;
  dueDate: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  doneNote: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toActionRow = (r: Record<string, unknown>): ActionRow => ({
  id: r.id as string,
  escalationId: r.escalation_id as string,
  position: Number(r.position),
  description: r.description as string,
  ownerUserId: (r.owner_user_id as string | null) ?? null,
  ownerIsCompany: toBool(r.owner_is_company),
  dueDate: r.due_date as string,
  status: r.status as 'open' | 'done',
  doneAt: (r.done_at as string | null) ?? null,
  doneBy: (r.done_by as string | null) ?? null,
  doneNote: (r.done_note as string | null) ?? null,
  version: Number(r.version),
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

export async function insertActions(trx: Knex, actions: ActionRow[]): Promise<void> {
  if (actions.length === 0) return;
  await trx('escalation_actions').insert(
    actions.map((a) => ({
      id: a.id,
      escalation_id: a.escalationId,
      position: a.position,
      description: a.description,
      owner_user_id: a.ownerUserId,
      owner_is_company: a.ownerIsCompany,
      due_date: a.dueDate,
      status: a.status,
      done_at: a.doneAt,
      done_by: a.doneBy,
      done_note: a.doneNote,
      version: a.version,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    })),
  );
}

export async function actionsOf(db: Knex, escalationId: string): Promise<ActionRow[]> {
  return (await db('escalation_actions').where({ escalation_id: escalationId }).orderBy('position')).map(toActionRow);
}

export async function findAction(db: Knex, escalationId: string, actionId: string): Promise<ActionRow | undefined> {
  if (!uuidPattern.test(actionId)) return undefined;
  const r = await db('escalation_actions').where({ id: actionId.toLowerCase(), escalation_id: escalationId }).first();
  return r ? toActionRow(r) : undefined;
}

/** Open actions in id order, a page at a time, for the reconciler. */
export async function openActions(db: Knex, afterId: string | null, limit: number): Promise<ActionRow[]> {
  const q = db('escalation_actions').where({ status: 'open' }).orderBy('id').limit(limit);
  if (afterId) q.where('id', '>', afterId);
  return (await q).map(toActionRow);
}

export async function actionsByIds(db: Knex, ids: string[]): Promise<ActionRow[]> {
  if (ids.length === 0) return [];
  return (await db('escalation_actions').whereIn('id', ids)).map(toActionRow);
}
