import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { iso, parseJson, toJson } from './rows.js';

export interface VisitRow {
  visitedOn: string;
  summary: string;
  growthNeeds: unknown;
}

export interface FollowUpRow {
  id: string;
  position: number;
  description: string;
  unit: string;
  /** The case the follow-up became, once it has. */
  createdCaseId: string | null;
  createdCaseReference: string | null;
}

/** The documented visit of a visit case, and its follow-ups numbered from 1 in the order given. */
export async function insertVisit(
  trx: Knex,
  visit: VisitRow & { caseId: string },
  followUps: { description: string; unit: string }[],
  now: Date,
): Promise<void> {
  await trx('company_visits').insert({
    case_id: visit.caseId,
    visited_on: visit.visitedOn,
    summary: visit.summary,
    growth_needs: toJson(visit.growthNeeds),
    recorded_at: iso(now),
  });
  if (followUps.length) {
    await trx('company_visit_follow_ups').insert(
      followUps.map((f, i) => ({
        id: randomUUID(),
        visit_case_id: visit.caseId,
        position: i + 1,
        description: f.description,
        unit: f.unit,
        created_case_id: null,
        created_at: iso(now),
      })),
    );
  }
}

export async function findVisit(db: Knex, caseId: string): Promise<VisitRow | undefined> {
  const v = await db('company_visits').where({ case_id: caseId }).first();
  return v
    ? { visitedOn: v.visited_on as string, summary: v.summary as string, growthNeeds: parseJson(v.growth_needs) }
    : undefined;
}

const toFollowUp = (f: Record<string, unknown>): FollowUpRow => ({
  id: f.id as string,
  position: Number(f.position),
  description: f.description as string,
  unit: f.unit as string,
  createdCaseId: (f.created_case_id as string | null) ?? null,
  createdCaseReference: (f.case_reference as string | null) ?? null,
});

/** A visit's follow-ups in their order, each with the reference of the case it became. */
export async function followUpsOfVisit(db: Knex, visitCaseId: string): Promise<FollowUpRow[]> {
  const rows = await db('company_visit_follow_ups as f')
    .leftJoin('cases as c', 'c.id', 'f.created_case_id')
    .where('f.visit_case_id', visitCaseId)
    .orderBy('f.position')
    .select('f.*', 'c.reference as case_reference');
  return (rows as Record<string, unknown>[]).map(toFollowUp);
}

/** One follow-up of a visit (without the reference of its case). */
export async function findFollowUp(db: Knex, visitCaseId: string, id: string): Promise<FollowUpRow | undefined> {
  const f = await db('company_visit_follow_ups').where({ id, visit_case_id: visitCaseId }).first();
  return f ? toFollowUp(f) : undefined;
}

/** Records the case a follow-up became; false when it had already become one. */
export async function claimFollowUp(trx: Knex, id: string, caseId: string): Promise<boolean> {
  const claimed = await trx('company_visit_follow_ups')
    .where({ id })
    .whereNull('created_case_id')
    .update({ created_case_id: caseId });
  return claimed === 1;
}
