import type { Knex } from 'knex';
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

export async function insertOutbox(
  trx: Knex,
  topic: string,
  caseId: string | null,
  payload: Record<string, unknown>,
  now: string,
): Promise<void> {
  await trx('outbox').insert({ topic, case_id: caseId, payload: toJson(payload), created_at: now });
}
