import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { mayActOn, type Actor } from '../domain/roles.js';
import type { UnitCode } from '../domain/units.js';
import {
  applyEvent,
  caseStatusOf,
  lifecycle,
  persistSnapshot,
  restoreSnapshot,
  stateInfo,
} from '../../workflows/registry.js';
import { parsedEvent } from '../../workflows/events.js';
import { findCase, updateCaseIfVersion, type CaseRow } from '../infra/db/case-repository.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { iso } from '../infra/db/rows.js';
import { zodFieldErrors } from './zod-errors.js';
import { checkAssignee } from './assignees.js';
import { visibleCaseIn } from './get-visible-case.js';
import { queueCompanyNotices } from './case-notices.js';
import { queueComplaintStaffNotices } from './complaint-notices.js';
import { updateClocks } from './update-clocks.js';
import { recordVisitDetails } from './record-visit.js';
import { passNoticesOn } from './staff-notices.js';
import { inTransaction, type TxContext } from './tx-context.js';

export const eventEnvelopeSchema = z
  .object({
    type: z.string().regex(/^[A-Z_]{2,40}$/, 'Okänd händelsetyp.'),
    expectedVersion: z.number().int().min(1),
  })
  .loose();

export type EventEnvelope = z.output<typeof eventEnvelopeSchema>;

/**
 * Advances a case: load, check, apply the machine's pure transition, and write the new
 * snapshot, the audit event and the outbox row in one transaction guarded by the version:
 * its own, or the caller's when given a TxContext.
 */
export async function sendCaseEvent(
  ctx: AppContext | TxContext,
  actor: Actor,
  idOrReference: string,
  body: EventEnvelope,
): Promise<CaseRow> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const row = await visibleCaseIn(trx, actor, idOrReference);
    const lc = lifecycle(row.kind, row.machineVersion);

    const schema = lc.eventSchemas[body.type];
    if (!schema) {
      throw new AppError('invalid_input', `Händelsen ${body.type} finns inte för den här typen av ärende.`, [
        { path: 'type', message: `Tillåtna typer: ${Object.keys(lc.eventSchemas).join(', ')}.` },
      ]);
    }
    if (!mayActOn(actor, row, body.type)) throw new AppError('forbidden', 'Din roll får inte göra detta i ärendet.');
    const { type: _t, expectedVersion: _v, ...rawPayload } = body;
    const parsed = schema.strict().safeParse(rawPayload);
    if (!parsed.success)
      throw new AppError('invalid_input', 'Händelsens uppgifter är inte giltiga.', zodFieldErrors(parsed.error));
    const payload = parsed.data as Record<string, unknown>;

    if (row.version !== body.expectedVersion) {
      throw new AppError('version_conflict', 'Ärendet har ändrats sedan du hämtade det.', [], {
        currentVersion: row.version,
      });
    }
    return commitCaseEvent(tx, row, { actorId: actor.id, type: body.type, payload }, now);
  });
}

export interface CaseEventToCommit {
  /** Who acts; the staff's own user, or the e-service account for what a company does itself. */
  actorId: string;
  type: string;
  /** Already parsed by the event's schema. */
  payload: Record<string, unknown>;
  /** Recorded in the audit trail beside the payload; the machine never sees it. */
  auditExtra?: Record<string, unknown>;
}

/**
 * The core of every accepted event, after the caller has found the case in `trx` and decided
 * that the actor may send this event: the machine's pure transition, the snapshot guarded by
 * the version, the audit event, the outbox, the clocks and the mails. Staff go through
 * sendCaseEvent's checks; the tracking page calls this for the one event a company may send.
 */
export async function commitCaseEvent(tx: TxContext, row: CaseRow, e: CaseEventToCommit, now: Date): Promise<CaseRow> {
  const { trx } = tx;
  const lc = lifecycle(row.kind, row.machineVersion);
  const snapshot = restoreSnapshot(lc, row.snapshot);
  const event = parsedEvent(e.type, e.payload);
  const result = applyEvent(lc, snapshot, event);
  if (!result.accepted) {
    throw new AppError(
      'event_not_accepted',
      `Ärendet i läget "${stateInfo(lc, row.status).label}" tar inte emot ${lc.eventLabels[e.type] ?? e.type}.`,
      [],
      {
        caseStatus: row.status,
      },
    );
  }
  const context = result.snapshot.context as { unit?: UnitCode | null; assigneeId?: string | null };
  const unit = context.unit ?? row.unit;
  if (event.type === 'ASSIGN') await checkAssignee(trx, event.assigneeId, unit, row.aboutUserId ?? null);

  const to = caseStatusOf(result.snapshot);
  const toInfo = stateInfo(lc, to);
  const nowIso = iso(now);
  const written = await updateCaseIfVersion(trx, row.id, row.version, {
    status: to,
    snapshot: persistSnapshot(lc, result.snapshot),
    unit,
    assigneeId: context.assigneeId ?? null,
    updatedAt: nowIso,
    closedAt: toInfo.open ? null : (row.closedAt ?? nowIso),
  });
  // Another writer got in between our read and write: the loser learns it, nothing is written.
  if (!written) throw new AppError('version_conflict', 'Ärendet har ändrats sedan du hämtade det.');
  const version = row.version + 1;
  await insertCaseEvent(trx, {
    caseId: row.id,
    actorId: e.actorId,
    type: e.type,
    payload: { ...e.payload, ...e.auditExtra },
    fromState: row.status,
    toState: to,
    caseVersion: version,
    createdAt: nowIso,
  });
  await insertOutbox(
    trx,
    'case.transitioned',
    row.id,
    { caseId: row.id, event: e.type, from: row.status, to, version },
    nowIso,
  );
  const clocks = await updateClocks(tx, row, row.status, to, event, now);
  await queueCompanyNotices(tx, row, { ...event, actorId: e.actorId }, version, clocks, now);
  await queueComplaintStaffNotices(tx, row, event, version, now);
  await recordVisitDetails(tx, row, event, now);
  if (unit !== row.unit || (context.assigneeId ?? null) !== row.assigneeId) await passNoticesOn(tx, row.id, now);
  const updated = await findCase(trx, row.id);
  return updated!;
}
