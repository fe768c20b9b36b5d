import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CaseRow } from '../infra/db/case-repository.js';
import type { CaseEvent } from '../../workflows/events.js';
import { invalidField } from '../domain/errors.js';
import { isValidLocalDate, localDateOf } from '../domain/local-date.js';
import { iso, parseJson, toJson } from '../infra/db/rows.js';
import { growthAreaLabels, type GrowthArea } from '../../workflows/company-visit-events.js';
import { unitLabel } from './escalation-parties.js';

/** After RECORD_VISIT, in the transition's transaction: the visit's date, needs and follow-ups as rows reports can count. */
export async function recordVisitDetails(trx: Knex, row: CaseRow, event: CaseEvent, now: Date): Promise<void> {
  if (row.kind !== 'company_visit' || event.type !== 'RECORD_VISIT') return;
  const visitedOn = String(event.visitedOn);
  if (!isValidLocalDate(visitedOn)) throw invalidField('visitedOn', 'Ogiltigt datum.');
  if (visitedOn > localDateOf(now)) throw invalidField('visitedOn', 'Besöket kan inte ligga i framtiden.');
  const followUps = (event.followUps as { description: string; unit: string }[] | undefined) ?? [];
  await trx('company_visits').insert({
    case_id: row.id,
    visited_on: String(event.visitedOn),
    summary: String(event.summary),
    growth_needs: toJson(event.growthNeeds ?? []),
    recorded_at: iso(now),
  });
  if (followUps.length) {
    await trx('company_visit_follow_ups').insert(
      followUps.map((f, i) => ({
        id: randomUUID(),
        visit_case_id: row.id,
        position: i + 1,
        description: f.description,
        unit: f.unit,
        created_case_id: null,
        created_at: iso(now),
      })),
    );
  }
}

/** The documented visit as staff read it, with each follow-up and the case it became. */
export async function visitDetails(db: Knex, caseId: string) {
  const v = await db('company_visits').where({ case_id: caseId }).first();
  const followUps = await db('company_visit_follow_ups as f')
    .leftJoin('cases as c', 'c.id', 'f.created_case_id')
    .where('f.visit_case_id', caseId)
    .orderBy('f.position')
    .select('f.*', 'c.reference as case_reference');
  return {
    visitedOn: (v?.visited_on as string | undefined) ?? null,
    summary: (v?.summary as string | undefined) ?? null,
    growthNeeds: v
      ? parseJson<{ area: GrowthArea; description: string }[]>(v.growth_needs).map((g) => ({
          ...g,
          areaLabel: growthAreaLabels[g.area],
        }))
      : [],
    followUps: (followUps as Record<string, unknown>[]).map((f) => ({
      id: f.id as string,
      position: Number(f.position),
      description: f.description as string,
      unit: f.unit as string,
      unitLabel: unitLabel(f.unit as string),
      caseId: (f.created_case_id as string | null) ?? null,
      caseReference: (f.case_reference as string | null) ?? null,
    })),
  };
}
