import { applyClockRules } from '../domain/clock-rules.js';
import type { Deadline } from '../domain/deadline.js';
import { AppError } from '../domain/errors.js';
import { deadlinesOfCase, deadlinesOfEscalation, saveDeadlines } from '../infra/db/deadline-repository.js';
import { insertOutbox } from '../infra/db/audit-repository.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import type { TxContext } from './tx-context.js';
import type { LifecycleEvent } from '../../workflows/events.js';

export interface ClockChange {
  before: Deadline | undefined;
  after: Deadline;
  /** The guarantee's promise in words, for mails. */
  label: string;
}

/**
 * After a transition, inside its transaction: start, pause, resume, stop or extend the case's
 * guarantee clocks, and ask for their wake-ups through the outbox.
 */
export async function updateClocks(
  tx: TxContext,
  row: Pick<CaseRow, 'id' | 'anonymous' | 'receivedAt'> & {
    kind: string;
    /** A case's category; an escalation has none (''). */
    category: string;
    /** The clocks belong to an escalation, not a case. */ escalation?: boolean;
  },
  fromState: string | null,
  toState: string,
  event: LifecycleEvent,
  now: Date,
): Promise<ClockChange[]> {
  const { trx, reference } = tx;
  const existing =
    fromState === null
      ? []
      : row.escalation
        ? await deadlinesOfEscalation(trx, row.id)
        : await deadlinesOfCase(trx, row.id);
  const [current, versions, closing] = await Promise.all([
    reference.currentGuarantees(trx),
    reference.guaranteeVersions(
      trx,
      existing.map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
    ),
    reference.closingDays(trx),
  ]);
  const changed = applyClockRules(existing, current, versions, {
    caseId: row.escalation ? null : row.id,
    escalationId: row.escalation ? row.id : null,
    kind: row.kind,
    category: row.category,
    anonymous: row.anonymous,
    fromState,
    toState,
    event,
    now,
    receivedAt: new Date(row.receivedAt),
    closing,
  });
  if (!(await saveDeadlines(trx, changed)))
    throw new AppError('version_conflict', 'En tidsfrist i ärendet ändrades samtidigt; försök igen.');
  for (const d of changed) {
    await insertOutbox(
      trx,
      'deadline.changed',
      row.escalation ? null : row.id,
      { deadlineId: d.id, version: d.version },
      now.toISOString(),
    );
  }
  const byId = new Map(existing.map((d) => [d.id, d]));
  const labels = new Map([...current, ...versions.values()].map((g) => [`${g.code}@${g.version}`, g.definition.label]));
  return changed.map((after) => ({
    before: byId.get(after.id),
    after,
    label: labels.get(`${after.guaranteeCode}@${after.guaranteeVersion}`) ?? after.clock,
  }));
}
