import type { AppContext } from '../context.js';
import { AppError, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { mailJobId } from '../jobs/job-payloads.js';
import { addJobs, mailJob } from '../infra/queue/schedule.js';

/**
 * Sends a failed e-mail again, now (admin). The row goes back to pending, and the mail job is
 * queued anew: BullMQ keeps a failed job, and its id, for 30 days, and would ignore a job with
 * the same id, so the old one is removed first. Removing comes before the row changes, so a
 * Redis that does not answer leaves the mail failed, as it was, rather than pending with no job.
 */
export async function retryFailedMail(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer skickar om e-post.');
  const row = (await ctx.db('notifications').where({ id }).first('key', 'status')) as { key: string; status: string } | undefined;
  if (!row) throw notFound('E-postmeddelandet');
  if (row.status !== 'failed') throw new AppError('conflict', 'E-postmeddelandet har inte misslyckats, eller skickas redan om.');
  const old = await ctx.queues.mail.getJob(mailJobId(row.key));
  if (old && ((await old.isFailed()) || (await old.isCompleted()))) await old.remove();
  const now = ctx.clock.now().toISOString();
  const moved = await ctx.db('notifications').where({ id, status: 'failed' }).update({ status: 'pending', deliver_after: now, claimed_at: null });
  // Another admin was quicker; their retry stands.
  if (moved === 0) throw new AppError('conflict', 'E-postmeddelandet har inte misslyckats, eller skickas redan om.');
  await addJobs(ctx, [mailJob(row.key, now)]);
}
