import type { Knex } from 'knex';
import type { Deadline, DeadlineState } from '../../domain/deadline.js';

function toDeadline(r: Record<string, unknown>): Deadline {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: r.id as string,
    caseId: (r.case_id as string | null) ?? null,
    escalationId: (r.escalation_id as string | null) ?? null,
    guaranteeCode: r.guarantee_code as string,
    guaranteeVersion: Number(r.guarantee_version),
    clock: r.clock as string,
    state: r.state as DeadlineState,
    startedAt: r.started_at as string,
    dueDate: (r.due_date as string | null) ?? null,
    dueAt: r.due_at as string,
    pausedAt: (r.paused_at as string | null) ?? null,
    remaining: num(r.remaining),
    pausedCause: (r.paused_cause as string | null) ?? null,
    complementRequestedAt: (r.complement_requested_at as string | null) ?? null,
    extensionWeeks: Number(r.extension_weeks ?? 0),
    extendedAt: (r.extended_at as string | null) ?? null,
    extensionReason: (r.extension_reason as string | null) ?? null,
    metAt: (r.met_at as string | null) ?? null,
    breachedAt: (r.breached_at as string | null) ?? null,
    feeReductionFifths: num(r.fee_reduction_fifths),
    ruleVersion: (r.rule_version as string | null) ?? null,
    version: Number(r.version),
    updatedAt: r.updated_at as string,
  };
}

function toRow(d: Deadline) {
  return {
    id: d.id,
    case_id: d.caseId,
    escalation_id: d.escalationId,
    guarantee_code: d.guaranteeCode,
    guarantee_version: d.guaranteeVersion,
    clock: d.clock,
    state: d.state,
    started_at: d.startedAt,
    due_date: d.dueDate,
    due_at: d.dueAt,
    paused_at: d.pausedAt,
    remaining: d.remaining,
    paused_cause: d.pausedCause,
    complement_requested_at: d.complementRequestedAt,
    extension_weeks: d.extensionWeeks,
    extended_at: d.extendedAt,
    extension_reason: d.extensionReason,
    met_at: d.metAt,
    breached_at: d.breachedAt,
    fee_reduction_fifths: d.feeReductionFifths,
    rule_version: d.ruleVersion,
    version: d.version,
    updated_at: d.updatedAt,
  };
}

export async function deadlinesOfCase(db: Knex, caseId: string): Promise<Deadline[]> {
  const rows = await db('deadlines').where({ case_id: caseId }).orderBy('due_at').orderBy('clock');
  return rows.map(toDeadline);
}

export async function deadlinesOfCases(db: Knex, caseIds: string[]): Promise<Map<string, Deadline[]>> {
  const out = new Map<string, Deadline[]>();
  if (caseIds.length === 0) return out;
  const rows = await db('deadlines').whereIn('case_id', caseIds).orderBy('due_at').orderBy('clock');
  for (const r of rows.map(toDeadline)) if (r.caseId) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r]);
  return out;
}

export async function deadlinesOfEscalation(db: Knex, escalationId: string): Promise<Deadline[]> {
  const rows = await db('deadlines').where({ escalation_id: escalationId }).orderBy('due_at').orderBy('clock');
  return rows.map(toDeadline);
}

export async function findDeadline(db: Knex, id: string): Promise<Deadline | undefined> {
  const r = await db('deadlines').where({ id }).first();
  return r ? toDeadline(r) : undefined;
}

/**
 * Writes changed deadlines: version 1 is new, any other version replaces exactly the previous
 * one. Returns false if some row had moved on (the caller's transaction then rolls back).
 */
export async function saveDeadlines(trx: Knex, changed: Deadline[]): Promise<boolean> {
  for (const d of changed) {
    if (d.version === 1) {
      await trx('deadlines').insert(toRow(d));
      continue;
    }
    const n = await trx('deadlines')
      .where({ id: d.id, version: d.version - 1 })
      .update(toRow(d));
    if (n !== 1) return false;
  }
  return true;
}

/** Live clocks of one state (running or breached) in id order, a page at a time, for the reconciler. */
export async function liveDeadlines(
  db: Knex,
  state: 'running' | 'breached',
  afterId: string | null,
  limit: number,
): Promise<Deadline[]> {
  const q = db('deadlines').where({ state }).orderBy('id').limit(limit);
  if (afterId) q.where('id', '>', afterId);
  return (await q).map(toDeadline);
}

export async function deadlinesByIds(db: Knex, ids: string[]): Promise<Map<string, Deadline>> {
  const out = new Map<string, Deadline>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db('deadlines').whereIn('id', ids.slice(i, i + 500))) out.set(r.id, toDeadline(r));
  }
  return out;
}
