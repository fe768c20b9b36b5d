import type { Knex } from 'knex';
import type { CaseRow } from '../infra/db/case-repository.js';
import type { CaseEvent } from '../../workflows/events.js';
import { invalidField } from '../domain/errors.js';
import { isValidLocalDate, localDateOf } from '../domain/local-date.js';
import { findVisit, followUpsOfVisit, insertVisit } from '../infra/db/company-visit-repository.js';
import { growthAreaLabels, type GrowthArea } from '../../workflows/company-visit-events.js';
import { unitLabel } from './escalation-parties.js';
import type { TxContext } from './tx-context.js';

/** After RECORD_VISIT, in the transition's transaction: the visit's date, needs and follow-ups as rows reports can count. */
export async function recordVisitDetails(tx: TxContext, row: CaseRow, event: CaseEvent, now: Date): Promise<void> {
  const { trx } = tx;
  if (row.kind !== 'company_visit' || event.type !== 'RECORD_VISIT') return;
  const visitedOn = String(event.visitedOn);
  if (!isValidLocalDate(visitedOn)) throw invalidField('visitedOn', 'Ogiltigt datum.');
  if (visitedOn > localDateOf(now)) throw invalidField('visitedOn', 'Besöket kan inte ligga i framtiden.');
  const followUps = (event.followUps as { description: string; unit: string }[] | undefined) ?? [];
  await insertVisit(
    trx,
    {
      caseId: row.id,
      visitedOn: String(event.visitedOn),
      summary: String(event.summary),
      growthNeeds: event.growthNeeds ?? [],
    },
    followUps,
    now,
  );
}

/** The documented visit as staff read it, with each follow-up and the case it became. */
export async function visitDetails(db: Knex, caseId: string) {
  const v = await findVisit(db, caseId);
  const followUps = await followUpsOfVisit(db, caseId);
  return {
    visitedOn: v?.visitedOn ?? null,
    summary: v?.summary ?? null,
    growthNeeds: v
      ? (v.growthNeeds as { area: GrowthArea; description: string }[]).map((g) => ({
          ...g,
          areaLabel: growthAreaLabels[g.area],
        }))
      : [],
    followUps: followUps.map((f) => ({
      id: f.id,
      position: f.position,
      description: f.description,
      unit: f.unit,
      unitLabel: unitLabel(f.unit),
      caseId: f.createdCaseId,
      caseReference: f.createdCaseReference,
    })),
  };
}
