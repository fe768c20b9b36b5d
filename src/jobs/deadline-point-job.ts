import type { AppContext } from '../context.js';
import { versionKey } from '../domain/clock-rules.js';
import type { Deadline } from '../domain/deadline.js';
import { nextEscalation } from '../domain/wake-ups.js';
import { nextOfficeInstant, stockholmInstant } from '../domain/working-days.js';
import { queueMail } from '../application/queue-mail.js';
import { staffRecipients } from '../application/staff-recipients.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import { findDeadline } from '../infra/db/deadline-repository.js';
import { deadlineJob, ensureJobs } from '../infra/queue/schedule.js';
import { deadlinePointPayload } from './job-payloads.js';

export type PointOutcome = { result: 'early'; delayMs: number } | { result: 'stale' | 'warned' | 'breached' | 'escalated' };

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
  const outcome = await ctx.db.transaction(async (trx): Promise<PointOutcome> => {
    const dl = await findDeadline(trx, job.deadlineId);
    if (!dl || dl.version !== job.version) return { result: 'stale' };
    const c = await findCase(trx, dl.caseId);
    if (!c) return { result: 'stale' };
    const g = (await ctx.reference.guaranteeVersions(trx, [{ code: dl.guaranteeCode, version: dl.guaranteeVersion }])).get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
    const data = {
      reference: c.reference,
      subject: c.subject,
      clockLabel: g?.definition.label ?? dl.clock,
      dueDate: dl.dueDate,
      dueAt: dl.dueAt,
      caseUrl: `${ctx.config.PUBLIC_BASE_URL}/api/cases/${c.reference}`,
    };
    const staffMail = async (suffix: string, template: string, withManagers: boolean, version = dl.version) => {
      // Staff read mail in office hours; a point at 23:00 is delivered at 08:00 the next working day.
      const deliverAfter = nextOfficeInstant(now, closing).toISOString();
      for (const r of await staffRecipients(trx, c, withManagers)) {
        await queueMail(
          trx,
          { key: `dl-${dl.id}-v${version}-${suffix}-${r.id}`, caseId: c.id, deadlineId: dl.id, audience: 'staff', recipient: r.email, template, data, deliverAfter },
          now,
        );
      }
    };

    if (job.point.startsWith('warn-')) {
      if (dl.state !== 'running') return { result: 'stale' };
      await staffMail(job.point, 'deadline_warning', false);
      return { result: 'warned' };
    }
    if (job.point === 'due') {
      if (dl.state !== 'running') return { result: 'stale' };
      const moved = await trx('deadlines')
        .where({ id: dl.id, version: dl.version, state: 'running' })
        .update({ state: 'breached', breached_at: now.toISOString(), version: dl.version + 1, updated_at: now.toISOString() });
      if (moved !== 1) return { result: 'stale' };
      const breached = { ...dl, state: 'breached' as const, version: dl.version + 1, breachedAt: now.toISOString(), updatedAt: now.toISOString() };
      await insertCaseEvent(trx, {
        caseId: c.id,
        actorId: null,
        type: 'GUARANTEE_BREACHED',
        payload: { deadlineId: dl.id, clock: dl.clock, dueAt: dl.dueAt, onBreach: g?.definition.onBreach ?? [] },
        fromState: c.status,
        toState: c.status,
        caseVersion: c.version,
        createdAt: now.toISOString(),
      });
      await insertOutbox(trx, 'deadline.breached', c.id, { deadlineId: dl.id, caseId: c.id, clock: dl.clock, onBreach: g?.definition.onBreach ?? [] }, now.toISOString());
      if (g?.definition.onBreach.includes('notify_manager')) {
        // The breach notice and its escalations belong to the breached version.
        await staffMail('breach', 'deadline_breach', true, breached.version);
        const next = nextEscalation(now, closing);
        followUp = { dl: breached, at: next.at, point: next.point };
      }
      return { result: 'breached' };
    }
    // esc-YYYY-MM-DD: at most one escalation notice per working day, named by its date.
    if (dl.state !== 'breached') return { result: 'stale' };
    await staffMail(job.point, 'deadline_escalation', true);
    const next = nextEscalation(stockholmInstant(job.point.slice(4), 12), closing);
    followUp = { dl, at: next.at, point: next.point };
    return { result: 'escalated' };
  });
  const f = followUp as { dl: Deadline; at: Date; point: string } | null;
  if (f) await ensureJobs(ctx, [deadlineJob(f.dl, { point: f.point, at: f.at })]);
  return outcome;
}
