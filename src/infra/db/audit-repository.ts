import type { Knex } from 'knex';
import type { OutboxPayload, OutboxTopic } from '../queue/outbox-topics.js';
import { parseJson, toJson } from './rows.js';

export interface CaseEventRow {
  id: number;
  caseId: string;
  actorId: string | null;
  type: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  caseVersion: number;
  createdAt: string;
}

export async function insertCaseEvent(trx: Knex, e: Omit<CaseEventRow, 'id'>): Promise<void> {
  await trx('case_events').insert({
    case_id: e.caseId,
    actor_id: e.actorId,
    type: e.type,
    payload: toJson(e.payload),
    from_state: e.fromState,
    to_state: e.toState,
    case_version: e.caseVersion,
    created_at: e.createdAt,
  });
}

export async function listCaseEvents(db: Knex, caseId: string): Promise<CaseEventRow[]> {
  const rows = await db('case_events').where({ case_id: caseId }).orderBy('id', 'asc');
  return rows.map((r: Record<string, unknown>) => ({
    id: Number(r.id),
    caseId: r.case_id as string,
    actorId: r.actor_id as string,
    type: r.type as string,
    payload: parseJson<Record<string, unknown>>(r.payload),
    fromState: (r.from_state as string | null) ?? null,
    toState: r.to_state as string,
    caseVersion: Number(r.case_version),
    createdAt: r.created_at as string,
  }));
}

/** Work for after commit, written in the caller's transaction; the payload is the topic's own. */
export async function insertOutbox<T extends OutboxTopic>(
  trx: Knex,
  topic: T,
  caseId: string | null,
  payload: OutboxPayload<T>,
  now: string,
): Promise<void> {
  await trx('outbox').insert({ topic, case_id: caseId, payload: toJson(payload), created_at: now });
}

export interface RawOutboxRow {
  id: number;
  topic: string;
  payload: unknown;
  createdAt: string;
}

/** Committed rows not yet dispatched, oldest first. */
export async function undispatchedOutbox(db: Knex, limit: number): Promise<RawOutboxRow[]> {
  const rows = (await db('outbox').whereNull('dispatched_at').orderBy('id').limit(limit)) as {
    id: number | string;
    topic: string;
    payload: unknown;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    payload: parseJson(r.payload),
    createdAt: r.created_at,
  }));
}

export async function markOutboxDispatched(db: Knex, ids: number[], now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db('outbox')
      .whereIn('id', ids.slice(i, i + 500))
      .update({ dispatched_at: now });
  }
}
