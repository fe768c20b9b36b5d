import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { mayActOn, type Actor } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { insertCaseEvent } from '../infra/db/audit-repository.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';
import { iso, toJson } from '../infra/db/rows.js';
import { visibleCaseIn } from './get-visible-case.js';
import { proposeIfMultiUnit } from './open-escalation.js';
import { parseInput } from './parse-input.js';

export const involvedUnitsSchema = z
  .object({ units: z.array(z.enum(unitCodes)).min(1).max(unitCodes.length) })
  .strict()
  .meta({ id: 'InvolvedUnits' });

/**
 * Records which other units a case touches. With its own unit that makes two or more, and
 * Handslag proposes a "dukat bord" to the coordinator (once: not while one is open).
 */
export async function flagInvolvedUnits(ctx: AppContext, actor: Actor, id: string, input: unknown): Promise<CaseRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (trx) => {
    const row = await visibleCaseIn(trx, actor, id);
    // What kind of case it is decides before who asks: no one may flag units on a complaint or a visit.
    if (row.kind !== 'company_case')
      throw new AppError('invalid_input', 'Bara företagsärenden kan beröra flera enheter.', [
        { path: 'units', message: 'Gäller bara företagsärenden.' },
      ]);
    if (!mayActOn(actor, row, 'ROUTE')) throw new AppError('forbidden', 'Din roll får inte ändra ärendet.');
    const units = [...new Set(parseInput(involvedUnitsSchema, input).units)];
    await trx('cases')
      .where({ id: row.id })
      .update({ involved_units: toJson(units), updated_at: iso(now) });
    await insertCaseEvent(trx, {
      caseId: row.id,
      actorId: actor.id,
      type: 'UNITS_FLAGGED',
      payload: { units },
      fromState: row.status,
      toState: row.status,
      caseVersion: row.version,
      createdAt: iso(now),
    });
    const updated = (await findCase(trx, row.id))!;
    await proposeIfMultiUnit(trx, ctx, updated, now);
    return updated;
  });
}
