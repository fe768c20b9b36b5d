import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { findCategory } from '../domain/categories.js';
import { AppError, type FieldError } from '../domain/errors.js';
import { canSeeCase, type Actor } from '../domain/roles.js';
import { isTableCase, mayAskForTable } from '../domain/escalation-request.js';
import { plainText } from '../domain/text.js';
import type { EscalationOrigin } from '../../workflows/escalation.js';
import { persistSnapshot, startCase } from '../../workflows/registry.js';
import { insertCaseEvent } from '../infra/db/audit-repository.js';
import { findCase, lockCases, type CaseRow } from '../infra/db/case-repository.js';
import {
  attachCase,
  findEscalation,
  insertEscalation,
  insertEscalationEvent,
  openEscalationOfCase,
  type EscalationRow,
} from '../infra/db/escalation-repository.js';
import { findCompanies } from '../infra/db/company-repository.js';
import { iso } from '../infra/db/rows.js';
import { nextOfficeInstant } from '../domain/working-days.js';
import { unitLabel } from './escalation-parties.js';
import { queueMail } from './queue-mail.js';
import { tableRecipients } from './staff-recipients.js';
import { updateClocks } from './update-clocks.js';
import { staffEscalationUrl } from './staff-links.js';
import { inTransaction, type TxContext } from './tx-context.js';

export const requestEscalationSchema = z
  .object({
    caseId: z.string().min(1).max(40).meta({ description: 'Id or reference of the case the table is for' }),
    reason: plainText(4000),
    otherCaseIds: z
      .array(z.string().min(1).max(40))
      .max(20)
      .optional()
      .meta({ description: "The company's other open cases to bring to the same table" }),
  })
  .strict()
  .meta({ id: 'RequestEscalation' });
export type RequestEscalationInput = z.output<typeof requestEscalationSchema>;

/** Writes a line in the history of each case at the table, at the case's current version. */
export async function recordOnCases(
  tx: TxContext,
  cases: CaseRow[],
  actorId: string | null,
  type: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const { trx } = tx;
  for (const c of cases) {
    await insertCaseEvent(trx, {
      caseId: c.id,
      actorId,
      type: `SERVICE_GROUP_${type}`,
      payload,
      fromState: c.status,
      toState: c.status,
      caseVersion: c.version,
      createdAt: iso(now),
    });
  }
}

/** A case may come to a table if it belongs to the company and is still open. */
export async function checkAttachable(
  tx: TxContext,
  c: CaseRow | undefined,
  companyId: string,
  path: string,
  visible: (c: CaseRow) => boolean,
): Promise<FieldError | AppError | CaseRow> {
  const { trx } = tx;
  if (!c || !visible(c)) return { path, message: 'Ärendet finns inte.' };
  if (c.kind !== 'company_case') return { path, message: `${c.reference} är inte ett företagsärende.` };
  // A case sits at one open table at a time: the check holds only while the case row is ours.
  await lockCases(trx, [c.id]);
  if (c.companyId !== companyId) return { path, message: `Ärendet ${c.reference} gäller ett annat företag.` };
  if (c.closedAt !== null) return { path, message: `Ärendet ${c.reference} är avslutat.` };
  const open = await openEscalationOfCase(trx, c.id);
  if (open)
    return new AppError(
      'conflict',
      `Ärendet ${c.reference} sitter redan vid ett dukat bord.`,
      [{ path, message: 'Ärendet har redan ett öppet dukat bord.' }],
      { escalationId: open },
    );
  return c;
}

/** The desk, an officer or a manager asks for a table, with a reason, for a case and the company's other open cases. */
export async function requestEscalation(
  ctx: AppContext,
  actor: Actor,
  input: RequestEscalationInput,
): Promise<EscalationRow> {
  // The parts of mayRequestEscalation (domain/escalation-request.ts), each refused with its reason.
  if (!mayAskForTable(actor)) throw new AppError('forbidden', 'Din roll får inte begära ett dukat bord.');
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const primary = await findCase(trx, input.caseId);
    if (!primary || !canSeeCase(actor, primary))
      throw new AppError('invalid_input', 'Ärendet finns inte.', [{ path: 'caseId', message: 'Ärendet finns inte.' }]);
    if (!isTableCase(primary))
      throw new AppError('invalid_input', 'Ett dukat bord gäller ett företags ärenden.', [
        { path: 'caseId', message: 'Ärendet är inte ett företagsärende.' },
      ]);
    const cases: CaseRow[] = [];
    const errors: FieldError[] = [];
    const found = [primary, ...(await Promise.all((input.otherCaseIds ?? []).map((id) => findCase(trx, id))))];
    await lockCases(
      trx,
      found.flatMap((c) => (c ? [c.id] : [])),
    );
    for (const [i, c] of found.entries()) {
      const path = i === 0 ? 'caseId' : `otherCaseIds.${i - 1}`;
      const checked = await checkAttachable(tx, c, primary.companyId, path, (x) => canSeeCase(actor, x));
      if (checked instanceof AppError) throw checked;
      if ('path' in checked) errors.push(checked);
      else if (cases.some((c) => c.id === checked.id)) errors.push({ path, message: 'Ärendet finns redan med.' });
      else cases.push(checked);
    }
    if (errors.length) throw new AppError('invalid_input', 'Ärendena kan inte komma till ett dukat bord.', errors);
    return openEscalation(tx, { actor, origin: 'manual', reason: input.reason, cases, now });
  });
}

interface OpenInput {
  actor: Actor | null;
  origin: EscalationOrigin;
  reason: string;
  cases: CaseRow[];
  now: Date;
}

/** Creates the escalation in the caller's transaction: row, links, audit, clock, and word to the coordinators. */
export async function openEscalation(tx: TxContext, o: OpenInput): Promise<EscalationRow> {
  const { trx } = tx;
  const { lifecycle, snapshot } = startCase('service_group', { origin: o.origin, reason: o.reason });
  const nowIso = iso(o.now);
  const primary = o.cases[0]!;
  const row: EscalationRow = {
    id: randomUUID(),
    status: String(snapshot.value),
    machineVersion: lifecycle.version,
    snapshot: persistSnapshot(lifecycle, snapshot),
    version: 1,
    origin: o.origin,
    companyId: primary.companyId!,
    requestedBy: o.actor?.id ?? null,
    createdAt: nowIso,
    updatedAt: nowIso,
    closedAt: null,
  };
  await insertEscalation(trx, row);
  for (const [i, c] of o.cases.entries()) await attachCase(trx, row.id, c.id, i === 0, nowIso);
  const type = o.origin === 'manual' ? 'REQUESTED' : 'PROPOSED';
  const payload = { escalationId: row.id, origin: o.origin, reason: o.reason, caseIds: o.cases.map((c) => c.id) };
  await insertEscalationEvent(trx, {
    escalationId: row.id,
    actorId: o.actor?.id ?? null,
    type,
    payload,
    fromState: null,
    toState: row.status,
    version: 1,
    createdAt: nowIso,
  });
  await recordOnCases(
    tx,
    o.cases,
    o.actor?.id ?? null,
    type,
    { escalationId: row.id, origin: o.origin, reason: o.reason },
    o.now,
  );
  await updateClocks(
    tx,
    { id: row.id, kind: 'service_group', category: '', anonymous: false, receivedAt: nowIso, escalation: true },
    null,
    row.status,
    { type: 'REQUESTED' },
    o.now,
  );

  const company = (await findCompanies(trx, [row.companyId])).get(row.companyId);
  const recipients = await tableRecipients(trx, null);
  const deliverAfter = nextOfficeInstant(o.now, await tx.reference.closingDays(trx)).toISOString();
  for (const r of recipients) {
    await queueMail(
      tx,
      {
        key: `sg-${row.id}-requested-${r.id}`,
        caseId: null,
        escalationId: row.id,
        deadlineId: null,
        audience: 'staff',
        recipient: r.email,
        template: 'table_requested',
        data: {
          origin: o.origin,
          reason: o.reason,
          companyName: company?.name ?? '',
          requestedBy: o.actor?.name ?? 'Handslag',
          references: o.cases.map((c) => c.reference).join(', '),
          url: staffEscalationUrl(tx.config, row.id),
        },
        deliverAfter,
      },
      o.now,
    );
  }
  return (await findEscalation(trx, row.id))!;
}

/** Handslag's own proposal: a breached guarantee or a case touching several units, unless the case already sits at an open table. */
export async function proposeEscalation(
  tx: TxContext,
  c: CaseRow,
  origin: 'breach' | 'multi_unit',
  reason: string,
  now: Date,
): Promise<EscalationRow | null> {
  const { trx } = tx;
  if (c.kind !== 'company_case' || !c.companyId || c.closedAt !== null) return null;
  await lockCases(trx, [c.id]);
  if (await openEscalationOfCase(trx, c.id)) return null;
  return openEscalation(tx, { actor: null, origin, reason, cases: [c], now });
}

/** A case flagged with units besides its own is proposed for a table. */
export async function proposeIfMultiUnit(tx: TxContext, c: CaseRow, now: Date): Promise<EscalationRow | null> {
  const own = c.unit ?? findCategory(c.category)?.unit ?? null;
  const units = [...new Set([...(own ? [own] : []), ...(c.involvedUnits ?? [])])];
  if (units.length < 2) return null;
  return proposeEscalation(
    tx,
    c,
    'multi_unit',
    `Ärendet berör flera enheter: ${units.map(unitLabel).join(', ')}.`,
    now,
  );
}

/** Cases registered together for one matter (several categories) are proposed for one table. */
export async function proposeTogether(tx: TxContext, cases: CaseRow[], now: Date): Promise<EscalationRow | null> {
  const open = cases.filter((c) => c.kind === 'company_case' && c.companyId && c.closedAt === null);
  if (open.length < 2) return open[0] ? proposeIfMultiUnit(tx, open[0], now) : null;
  const labels = open.map((c) => findCategory(c.category)?.label ?? c.category);
  return openEscalation(tx, {
    actor: null,
    origin: 'multi_unit',
    reason: `Ärendet gäller flera kategorier: ${labels.join(', ')}.`,
    cases: open,
    now,
  });
}
