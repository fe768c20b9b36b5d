import type { Knex } from 'knex';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { findCategory } from '../domain/categories.js';
import { applyRecompute } from '../domain/recompute.js';
import { AppError, notFound, type FieldError } from '../domain/errors.js';
import { guaranteeDefinitionSchema, type GuaranteeDefinition } from '../domain/guarantee.js';
import type { Actor } from '../domain/roles.js';
import { currentLifecycle } from '../../workflows/registry.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { findEscalation, insertEscalationEvent } from '../infra/db/escalation-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import { liveDeadlineIdsBefore } from '../infra/db/deadline-queries.js';
import { findDeadline, saveDeadlines } from '../infra/db/deadline-repository.js';
import {
  currentGuarantees,
  findGuarantee,
  insertGuarantee,
  insertGuaranteeVersion,
} from '../infra/db/guarantee-repository.js';
import { lockTablesForWrite } from '../infra/db/table-lock.js';
import { inTransaction } from './tx-context.js';

export const guaranteeCodeSchema = z
  .string()
  .regex(/^[a-z0-9-]{2,60}$/, 'Koden får bara innehålla a–z, 0–9 och bindestreck.');
export const createGuaranteeSchema = z
  .object({ code: guaranteeCodeSchema, definition: guaranteeDefinitionSchema })
  .strict()
  .meta({ id: 'CreateGuarantee' });
export const updateGuaranteeSchema = z
  .object({ definition: guaranteeDefinitionSchema, active: z.boolean().default(true) })
  .strict()
  .meta({ id: 'UpdateGuarantee' });

export function requireGuaranteeAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer ändrar servicegarantier.');
}

// Changes to the catalogue take turns: each numbers its version from the one before it and checks
// for overlaps against what the others committed.
const lockGuarantees = (trx: Knex.Transaction) => lockTablesForWrite(trx, 'guarantees', 'guarantee_versions');

/** States and events must exist in the lifecycle the guarantee is for, or the clock never moves. */
function checkAgainstLifecycle(d: GuaranteeDefinition): void {
  const lc = currentLifecycle(d.kind);
  const states = new Set(Object.keys(lc.machine.states));
  // Besides the lifecycle's own events: what Handslag records when a case or a table begins.
  const events = new Set([
    ...Object.keys(lc.eventSchemas),
    ...Object.keys(lc.systemEventSchemas ?? {}),
    d.kind === 'service_group' ? 'REQUESTED' : 'REGISTERED',
  ]);
  const errors: FieldError[] = [];
  const checkStates = (path: string, list: string[]) =>
    list.forEach((s, i) => {
      if (!states.has(s))
        errors.push({ path: `definition.${path}.${i}`, message: `Läget ${s} finns inte för ${d.kind}.` });
    });
  if (d.startsOn.state && !states.has(d.startsOn.state))
    errors.push({ path: 'definition.startsOn.state', message: `Läget ${d.startsOn.state} finns inte.` });
  if (d.startsOn.event && !events.has(d.startsOn.event))
    errors.push({ path: 'definition.startsOn.event', message: `Händelsen ${d.startsOn.event} finns inte.` });
  checkStates('stopsOn', d.stopsOn);
  checkStates('cancelsOn', d.cancelsOn);
  checkStates('pausesIn', d.pausesIn);
  if (d.category !== null && findCategory(d.category)?.kind !== d.kind)
    errors.push({ path: 'definition.category', message: `Kategorin ${d.category} finns inte för ${d.kind}.` });
  if (errors.length)
    throw new AppError('invalid_input', 'Servicegarantin stämmer inte med ärendets livscykel.', errors);
}

/**
 * A case has one clock of each kind, so two active guarantees may not both start it for the same
 * cases. Read from the catalogue itself, not the cache, inside the writer's locked transaction.
 */
async function checkNoOverlap(
  trx: Knex.Transaction,
  code: string,
  d: GuaranteeDefinition,
  active: boolean,
): Promise<void> {
  if (!active) return;
  const clash = (await currentGuarantees(trx)).find(
    (g) =>
      g.code !== code &&
      g.active &&
      g.definition.kind === d.kind &&
      g.definition.clock === d.clock &&
      (g.definition.category === null || d.category === null || g.definition.category === d.category) &&
      (g.definition.anonymous === null || d.anonymous === null || g.definition.anonymous === d.anonymous),
  );
  if (clash) {
    throw new AppError(
      'invalid_input',
      `Servicegarantin ${clash.code} har redan klockan ${d.clock} för samma ärenden.`,
      [{ path: 'definition.clock', message: `Krockar med ${clash.code}; ändra den eller välj en annan klocka.` }],
    );
  }
}

export async function createGuarantee(ctx: AppContext, actor: Actor, input: z.output<typeof createGuaranteeSchema>) {
  requireGuaranteeAdmin(actor);
  checkAgainstLifecycle(input.definition);
  await inTransaction(ctx, async ({ trx }) => {
    await lockGuarantees(trx);
    if (await findGuarantee(trx, input.code))
      throw new AppError('invalid_input', 'Koden används redan.', [{ path: 'code', message: 'Finns redan.' }]);
    await checkNoOverlap(trx, input.code, input.definition, true);
    await insertGuarantee(trx, input.code, input.definition, actor.id, ctx.clock.now().toISOString());
  });
  ctx.reference.invalidate();
  return (await findGuarantee(ctx.db, input.code))!;
}

/** A change is a new version. Running clocks keep their version until an admin recomputes them. */
export async function updateGuarantee(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: z.output<typeof updateGuaranteeSchema>,
) {
  requireGuaranteeAdmin(actor);
  checkAgainstLifecycle(input.definition);
  await inTransaction(ctx, async ({ trx }) => {
    await lockGuarantees(trx);
    const current = await findGuarantee(trx, code);
    if (!current) throw notFound('Servicegarantin');
    if (current.definition.kind !== input.definition.kind || current.definition.clock !== input.definition.clock) {
      throw new AppError('invalid_input', 'En garanti byter inte ärendetyp eller klocka; skapa en ny i stället.', [
        { path: 'definition.clock', message: 'Kan inte ändras.' },
      ]);
    }
    await checkNoOverlap(trx, code, input.definition, input.active);
    await insertGuaranteeVersion(
      trx,
      code,
      current.version + 1,
      input.definition,
      input.active,
      actor.id,
      ctx.clock.now().toISOString(),
    );
  });
  ctx.reference.invalidate();
  return (await findGuarantee(ctx.db, code))!;
}

/**
 * Moves running and paused clocks of a guarantee onto its current version, recomputing their
 * due dates from when they started. Audited on every case it touches, in one transaction.
 */
export async function recomputeGuarantee(ctx: AppContext, actor: Actor, code: string): Promise<{ recomputed: number }> {
  requireGuaranteeAdmin(actor);
  const now = ctx.clock.now();
  return inTransaction(ctx, async ({ trx }) => {
    const g = await findGuarantee(trx, code);
    if (!g) throw notFound('Servicegarantin');
    const closing = await ctx.reference.closingDays(trx);
    const ids = await liveDeadlineIdsBefore(trx, code, g.version);
    let n = 0;
    for (const id of ids) {
      const dl = (await findDeadline(trx, id))!;
      const next = applyRecompute(dl, g, now, closing);
      if (!(await saveDeadlines(trx, [next])))
        throw new AppError('version_conflict', 'En tidsfrist ändrades samtidigt; försök igen.');
      const audit = {
        type: 'GUARANTEE_RECOMPUTED',
        payload: {
          deadlineId: dl.id,
          clock: dl.clock,
          fromVersion: dl.guaranteeVersion,
          toVersion: g.version,
          dueAtBefore: dl.dueAt,
          dueAtAfter: next.dueAt,
        },
      };
      if (dl.escalationId) {
        const e = (await findEscalation(trx, dl.escalationId))!;
        await insertEscalationEvent(trx, {
          escalationId: e.id,
          actorId: actor.id,
          ...audit,
          fromState: e.status,
          toState: e.status,
          version: e.version,
          createdAt: now.toISOString(),
        });
        await insertOutbox(
          trx,
          'deadline.changed',
          null,
          { deadlineId: next.id, version: next.version },
          now.toISOString(),
        );
        n++;
        continue;
      }
      const c = (await findCase(trx, dl.caseId!))!;
      await insertCaseEvent(trx, {
        caseId: c.id,
        actorId: actor.id,
        ...audit,
        fromState: c.status,
        toState: c.status,
        caseVersion: c.version,
        createdAt: now.toISOString(),
      });
      await insertOutbox(
        trx,
        'deadline.changed',
        c.id,
        { deadlineId: next.id, version: next.version },
        now.toISOString(),
      );
      n++;
    }
    return { recomputed: n };
  });
}
