import type { AppContext } from '../../context.js';
import type { Deadline } from '../../domain/deadline.js';
import type { GuaranteeDefinition } from '../../domain/guarantee.js';
import { escalationDue, jobIdOf, wakeUpsOf, type WakeUp } from '../../domain/wake-ups.js';
import type { ClosingDays } from '../../domain/working-days.js';
import { deadlinePointPayload, mailJobId, sendMailPayload } from '../../jobs/job-payloads.js';

/** The wake-ups a live clock needs now: its warnings and due point, or its next escalation. */
export function pendingWakeUps(dl: Deadline, d: GuaranteeDefinition, now: Date, closing: ClosingDays): WakeUp[] {
  if (dl.state === 'running') return wakeUpsOf(dl, d, closing);
  if (dl.state === 'breached' && d.onBreach.includes('notify_manager')) return [escalationDue(new Date(dl.breachedAt ?? dl.dueAt), now, closing)];
  return [];
}

/**
 * Adds the job for one wake-up, or promotes it if it waits in Redis although its time has come
 * (a clock set by a test, or a job delayed by a worker that was down). Job ids are
 * deterministic, so adding twice is harmless.
 */
export async function ensureDeadlineJob(ctx: AppContext, dl: Deadline, w: WakeUp): Promise<'added' | 'promoted' | 'present'> {
  const jobId = jobIdOf(dl.id, dl.version, w.point);
  const delay = Math.max(0, w.at.getTime() - ctx.clock.now().getTime());
  const existing = await ctx.queues.deadlines.getJob(jobId);
  if (!existing) {
    const data = deadlinePointPayload.parse({ deadlineId: dl.id, version: dl.version, point: w.point, at: w.at.toISOString() });
    await ctx.queues.deadlines.add('deadline-point', data, { jobId, delay });
    return 'added';
  }
  if (delay === 0 && (await existing.isDelayed())) {
    await existing.promote();
    return 'promoted';
  }
  return 'present';
}

export async function ensureMailJob(ctx: AppContext, key: string, deliverAfter: string): Promise<'added' | 'promoted' | 'present'> {
  const jobId = mailJobId(key);
  const delay = Math.max(0, new Date(deliverAfter).getTime() - ctx.clock.now().getTime());
  const existing = await ctx.queues.mail.getJob(jobId);
  if (!existing) {
    await ctx.queues.mail.add('send-mail', sendMailPayload.parse({ key }), { jobId, delay });
    return 'added';
  }
  if (delay === 0 && (await existing.isDelayed())) {
    await existing.promote();
    return 'promoted';
  }
  return 'present';
}
