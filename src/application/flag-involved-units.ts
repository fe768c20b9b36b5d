import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { mayActOn, type Actor } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { insertCaseEvent } from '../infra/db/audit-repository.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';
import { setInvolvedUnits } from '../infra/db/case-queries.js';

import { iso } from '../infra/db/rows.js';
import { visibleCaseIn } from './get-visible-case.js';
import { proposeIfMultiUnit } from './open-escalation.js';
import { parseInput } from './parse-input.js';
import { inTransaction } from './tx-context.js';

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
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const row = await visibleCaseIn(trx, actor, id);
    // What kind of case it is decides before who asks: no one may flag units on a complaint or a visit.
    if (row.kind !== 'company_case')
      throw new AppError('invalid_input', 'Bara företagsärenden kan beröra flera enheter.', [
        { path: 'units', message: 'Gäller bara företagsärenden.' },
      ]);
    if (!mayActOn(actor, row, 'ROUTE')) throw new AppError('forbidden', 'Din roll får inte ändra ärendet.');
    const units = [...new Set(parseInput(involvedUnitsSchema, input).units)];
    await setInvolvedUnits(trx, row.id, units, now);
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
    await proposeIfMultiUnit(tx, updated, now);
    return updated;
  });
}
