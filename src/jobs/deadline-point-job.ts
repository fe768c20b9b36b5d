import type { AppContext } from '../context.js';
import { promisedDate } from '../domain/promised-date.js';
import { staffClockLabel } from '../domain/clock-labels.js';
import { versionKey } from '../domain/clock-rules.js';
import type { Deadline } from '../domain/deadline.js';
import type { GuaranteeDefinition } from '../domain/guarantee.js';
import { firstEscalation, nextEscalation } from '../domain/wake-ups.js';
import { nextOfficeInstant, stockholmInstant } from '../domain/working-days.js';
import { recordStaffNotice } from '../application/staff-notices.js';
import { loadParties } from '../application/escalation-parties.js';
import { proposeEscalation } from '../application/open-escalation.js';
import { inTransaction, type TxContext } from '../application/tx-context.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import { findEscalation, insertEscalationEvent } from '../infra/db/escalation-repository.js';
import { findDeadline } from '../infra/db/deadline-repository.js';
import { deadlineJob, ensureJobs } from '../infra/queue/schedule.js';
import { deadlinePointPayload } from './job-payloads.js';
import { staffCaseUrl, staffEscalationUrl } from '../application/staff-links.js';

export type PointOutcome =
  { result: 'early'; delayMs: number } | { result: 'stale' | 'warned' | 'breached' | 'escalated' };

/** What a clock's wake-up needs to know about whoever owns the clock: a case or an escalation. */
interface ClockOwner {
  caseId: string | null;
  escalationId: string | null;
  data: Record<string, unknown>;
  templates: { warning: string; breach: string; escalation: string };
  /** Whom its notices reach; the people are looked up when a notice is sent. */
  audience: 'case' | 'table';
  /** Audit the breach and run what the guarantee says a breach triggers. */
  breached(d: GuaranteeDefinition | undefined): Promise<void>;
}

async function ownerOf(tx: TxContext, dl: Deadline, label: string, now: Date): Promise<ClockOwner | null> {
  const { trx, config, reference } = tx;
  // The promise as it stands when the notice is written: a repeated escalation says how late.
  // Staff notices name the clock as staff know it, not by the company-facing guarantee text.
  const common = {
    dueDate: dl.dueDate,
    dueAt: dl.dueAt,
    clockLabel: staffClockLabel(dl.clock),
    promise: promisedDate(dl, now, await reference.closingDays(trx)),
  };
  if (dl.escalationId) {
    const e = await findEscalation(trx, dl.escalationId);
    if (!e) return null;
    const parties = await loadParties(trx, e);
    return {
      caseId: null,
      escalationId: e.id,
      data: { ...common, companyName: parties.company.name, url: staffEscalationUrl(config, e.id) },
      templates: { warning: 'table_warning', breach: 'table_breach', escalation: 'table_escalation' },
      audience: 'table',
      async breached(d) {
        await insertEscalationEvent(trx, {
          escalationId: e.id,
          actorId: null,
          type: 'GUARANTEE_BREACHED',
          payload: { deadlineId: dl.id, clock: dl.clock, dueAt: dl.dueAt, onBreach: d?.onBreach ?? [] },
          fromState: e.status,
          toState: e.status,
          version: e.version,
          createdAt: now.toISOString(),
        });
      },
    };
  }
  const c = dl.caseId ? await findCase(trx, dl.caseId) : undefined;
  if (!c) return null;
  return {
    caseId: c.id,
    escalationId: null,
    data: { ...common, reference: c.reference, subject: c.subject, caseUrl: staffCaseUrl(config, c.reference) },
    templates: { warning: 'deadline_warning', breach: 'deadline_breach', escalation: 'deadline_escalation' },
    audience: 'case',
    async breached(d) {
      const onBreach = d?.onBreach ?? [];
      await insertCaseEvent(trx, {
        caseId: c.id,
        actorId: null,
        type: 'GUARANTEE_BREACHED',
        payload: { deadlineId: dl.id, clock: dl.clock, dueAt: dl.dueAt, onBreach },
        fromState: c.status,
        toState: c.status,
        caseVersion: c.version,
        createdAt: now.toISOString(),
      });
      await insertOutbox(
        trx,
        'deadline.breached',
        c.id,
        { deadlineId: dl.id, caseId: c.id, clock: dl.clock, onBreach },
        now.toISOString(),
      );
      if (onBreach.includes('propose_service_group'))
        await proposeEscalation(tx, c, 'breach', `Servicegarantin överskreds: ${label}.`, now);
    },
  };
}

/**
 * A clock's wake-up. It re-reads the deadline and acts only if the job's version is still the
 * current one and the clock still in the state the point is for: a deadline that was met,
 * paused, moved or reopened since has a newer version, and this job does nothing.
 */
export async function runDeadlinePoint(ctx: AppContext, raw: unknown): Promise<PointOutcome> {
  const job = deadlinePointPayload.parse(raw);
  const now = ctx.clock.now();
  const delayMs = new Date(job.at).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };

  const closing = await ctx.reference.closingDays(ctx.db);
  let followUp: { dl: Deadline; at: Date; point: string } | null = null;
  const outcome = await inTransaction(ctx, async (tx): Promise<PointOutcome> => {
    const { trx } = tx;
    const dl = await findDeadline(trx, job.deadlineId);
    if (!dl || dl.version !== job.version) return { result: 'stale' };
    const g = (
      await ctx.reference.guaranteeVersions(trx, [{ code: dl.guaranteeCode, version: dl.guaranteeVersion }])
    ).get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
    const owner = await ownerOf(tx, dl, g?.definition.label ?? dl.clock, now);
    if (!owner) return { result: 'stale' };
    const staffMail = async (suffix: string, template: string, withManagers: boolean, version = dl.version) => {
      // Staff read mail in office hours; a point at 23:00 is delivered at 08:00 the next working day.
      const deliverAfter = nextOfficeInstant(now, closing).toISOString();
      await recordStaffNotice(
        tx,
        {
          key: `dl-${dl.id}-v${version}-${suffix}`,
          caseId: owner.caseId,
          escalationId: owner.escalationId,
          deadlineId: dl.id,
          template,
          data: owner.data,
          deliverAfter,
          rule: { of: owner.audience, withManagers, deadlineVersion: version },
        },
        now,
      );
    };

    if (job.point.startsWith('warn-')) {
      if (dl.state !== 'running') return { result: 'stale' };
      await staffMail(job.point, owner.templates.warning, false);
      return { result: 'warned' };
    }
    if (job.point === 'due') {
      if (dl.state !== 'running') return { result: 'stale' };
      const moved = await trx('deadlines')
        .where({ id: dl.id, version: dl.version, state: 'running' })
        .update({
          state: 'breached',
          breached_at: now.toISOString(),
          version: dl.version + 1,
          updated_at: now.toISOString(),
        });
      if (moved !== 1) return { result: 'stale' };
      const breached = {
        ...dl,
        state: 'breached' as const,
        version: dl.version + 1,
        breachedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await owner.breached(g?.definition);
      if (g?.definition.onBreach.includes('notify_manager')) {
        // The breach notice and its escalations belong to the breached version.
        await staffMail('breach', owner.templates.breach, true, breached.version);
        const next = firstEscalation(now, closing);
        followUp = { dl: breached, at: next.at, point: next.point };
      }
      return { result: 'breached' };
    }
    // esc-YYYY-MM-DD: at most one escalation notice per working day, named by its date.
    if (dl.state !== 'breached') return { result: 'stale' };
    await staffMail(job.point, owner.templates.escalation, true);
    const next = nextEscalation(stockholmInstant(job.point.slice(4), 12), closing);
    followUp = { dl, at: next.at, point: next.point };
    return { result: 'escalated' };
  });
  const f = followUp as { dl: Deadline; at: Date; point: string } | null;
  if (f) await ensureJobs(ctx, [deadlineJob(f.dl, { point: f.point, at: f.at })]);
  return outcome;
}
