import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { insertOutbox } from '../infra/db/audit-repository.js';
import { findAction, insertEscalationEvent, type EscalationRow } from '../infra/db/escalation-repository.js';
import { countOpenActions, markActionDone } from '../infra/db/escalation-queries.js';
import { iso } from '../infra/db/rows.js';
import { applyEscalationEvent, visibleEscalation } from './send-escalation-event.js';
import { parseInput } from './parse-input.js';
import { inTransaction } from './tx-context.js';

export const completeActionSchema = z
  .object({ note: plainText(4000).optional() })
  .strict()
  .meta({ id: 'CompleteAction' });

/**
 * Marks an agreed action done: its owner, the coordinator or an admin may. The last open
 * action closes the escalation, in the same transaction.
 */
export async function completeAction(
  ctx: AppContext,
  actor: Actor,
  escalationId: string,
  actionId: string,
  raw: unknown,
): Promise<EscalationRow> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const row = await visibleEscalation(trx, actor, escalationId);
    const action = await findAction(trx, row.id, actionId);
    if (!action) throw notFound('Åtgärden');
    const mayComplete = actor.role === 'coordinator' || actor.role === 'admin' || action.ownerUserId === actor.id;
    if (!mayComplete)
      throw new AppError('forbidden', 'Bara den ansvariga eller samordnaren kan markera åtgärden som klar.');
    const input = parseInput(completeActionSchema, raw);
    if (action.status === 'done') throw new AppError('conflict', 'Åtgärden är redan klar.');
    const nowIso = iso(now);
    // The version goes up, so reminders already queued for the open action find it moved on.
    const moved = await markActionDone(trx, action, { by: actor.id, note: input.note ?? null, at: nowIso });
    if (!moved) throw new AppError('version_conflict', 'Åtgärden ändrades samtidigt; försök igen.');
    await insertOutbox(trx, 'action.changed', null, { actionId: action.id, version: action.version + 1 }, nowIso);
    const open = await countOpenActions(trx, row.id);
    await insertEscalationEvent(trx, {
      escalationId: row.id,
      actorId: actor.id,
      type: 'ACTION_COMPLETED',
      payload: { actionId: action.id, description: action.description, note: input.note ?? null },
      fromState: row.status,
      toState: row.status,
      version: row.version,
      createdAt: nowIso,
    });
    if (row.status !== 'follow_up') return row;
    return applyEscalationEvent(tx, row, actor, { type: 'ACTION_DONE', openActions: open }, now);
  });
}
