import type { AppContext } from '../context.js';
import { AppError, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { findNotificationById, reopenForRetry, settleUncertainAsSent } from '../infra/db/notification-repository.js';
import { requeueMails } from '../infra/queue/schedule.js';

const conflict = () =>
  new AppError('conflict', 'E-postmeddelandet har varken misslyckats eller är osäkert, eller skickas redan om.');

/**
 * Sends a failed or uncertain e-mail again, now (admin). The row goes back to pending with a
 * fresh retry period, and a job is queued for its next try, replacing any finished job BullMQ
 * still keeps under that id. The send carries the same Message-ID as before, so a receiving
 * system that already has an uncertain mail sees the same message.
 */
export async function retryFailedMail(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer skickar om e-post.');
  const row = await findNotificationById(ctx.db, id);
  if (!row) throw notFound('E-postmeddelandet');
  if (row.status !== 'failed' && row.status !== 'uncertain') throw conflict();
  const now = ctx.clock.now().toISOString();
  // Another admin was quicker; their retry stands.
  if (!(await reopenForRetry(ctx.db, id, row.status, now))) throw conflict();
  // Should Redis not answer, the row is pending and due: the reconciler queues it.
  await requeueMails(ctx, [{ key: row.key, attempts: Number(row.attempts), deliverAfter: now }]).catch((err: Error) =>
    ctx.logger.warn({ err, key: row.key }, 'retry queued by the reconciler instead'),
  );
}

/**
 * Settles an uncertain e-mail as delivered (admin), when the recipient says it arrived: it is
 * never sent again and leaves the uncertain list and the admins' banner. Only an uncertain mail
 * may be settled so; a failed one never reached the server.
 */
export async function confirmUncertainMail(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer avgör osäker e-post.');
  const row = await findNotificationById(ctx.db, id);
  if (!row) throw notFound('E-postmeddelandet');
  if (!(await settleUncertainAsSent(ctx.db, id, ctx.clock.now().toISOString())))
    throw new AppError('conflict', 'E-postmeddelandet är inte osäkert längre.');
  ctx.logger.info({ key: row.key, by: actor.id }, 'uncertain mail settled as delivered');
}
