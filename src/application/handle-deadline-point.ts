import type { AppContext } from '../context.js';
import { promisedDate } from '../domain/promised-date.js';
import { staffClockLabel } from '../domain/clock-labels.js';
import { versionKey } from '../domain/clock-rules.js';
import type { Deadline } from '../domain/deadline.js';
import type { GuaranteeDefinition } from '../domain/guarantee.js';
import { firstEscalation, nextEscalation } from '../domain/wake-ups.js';
import { nextOfficeInstant, stockholmInstant } from '../domain/working-days.js';
import { recordStaffNotice } from './staff-notices.js';
import { loadParties } from './escalation-parties.js';
import { proposeEscalation } from './open-escalation.js';
import { clockNoticeRule, type ClockNoticeKind } from './staff-recipients.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import { findEscalation, insertEscalationEvent } from '../infra/db/escalation-repository.js';
import { findDeadline, saveDeadlines } from '../infra/db/deadline-repository.js';
import type { DeadlinePointPayload } from '../infra/queue/job-payloads.js';
import { staffCaseUrl, staffEscalationUrl } from './staff-links.js';
import { inTransaction, type TxContext } from './tx-context.js';

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
export async function handleDeadlinePoint(ctx: AppContext, job: DeadlinePointPayload): Promise<PointOutcome> {
  const now = ctx.clock.now();
  const delayMs = new Date(job.at).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };

  const closing = await ctx.reference.closingDays(ctx.db);
  return inTransaction(ctx, async (tx): Promise<PointOutcome> => {
    const { trx } = tx;
    const dl = await findDeadline(trx, job.deadlineId);
    if (!dl || dl.version !== job.version) return { result: 'stale' };
    const g = (
      await ctx.reference.guaranteeVersions(trx, [{ code: dl.guaranteeCode, version: dl.guaranteeVersion }])
    ).get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
    const owner = await ownerOf(tx, dl, g?.definition.label ?? dl.clock, now);
    if (!owner) return { result: 'stale' };
    const staffMail = async (suffix: string, template: string, kind: ClockNoticeKind, version = dl.version) => {
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
          rule: clockNoticeRule(owner.audience, kind, version),
        },
        now,
      );
    };
    // The next wake-up is planned after commit, from the outbox, like every other job.
    const followUp = async (d: Deadline, next: { point: string; at: Date }) => {
      await insertOutbox(
        trx,
        'deadline.follow_up',
        owner.caseId,
        { deadlineId: d.id, version: d.version, point: next.point, at: next.at.toISOString() },
        now.toISOString(),
      );
    };

    if (job.point.startsWith('warn-')) {
      if (dl.state !== 'running') return { result: 'stale' };
      await staffMail(job.point, owner.templates.warning, 'warning');
      return { result: 'warned' };
    }
    if (job.point === 'due') {
      if (dl.state !== 'running') return { result: 'stale' };
      const breached = {
        ...dl,
        state: 'breached' as const,
        version: dl.version + 1,
        breachedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      if (!(await saveDeadlines(trx, [breached]))) return { result: 'stale' };
      await owner.breached(g?.definition);
      if (g?.definition.onBreach.includes('notify_manager')) {
        // The breach notice and its escalations belong to the breached version.
        await staffMail('breach', owner.templates.breach, 'breach', breached.version);
        await followUp(breached, firstEscalation(now, closing));
      }
      return { result: 'breached' };
    }
    // esc-YYYY-MM-DD: at most one escalation notice per working day, named by its date.
    if (dl.state !== 'breached') return { result: 'stale' };
    await staffMail(job.point, owner.templates.escalation, 'escalation');
    await followUp(dl, nextEscalation(stockholmInstant(job.point.slice(4), 12), closing));
    return { result: 'escalated' };
  });
}
