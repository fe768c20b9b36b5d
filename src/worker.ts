import { DelayedError, Worker, type Job } from 'bullmq';
import type { AppContext } from './context.js';
import { DEADLINE_QUEUE, MAIL_QUEUE, createBullConnection } from './infra/queue/queues.js';
import { dispatchOutbox } from './application/dispatch-outbox.js';
import { runActionPoint } from './jobs/action-point-job.js';
import { runDeadlinePoint } from './jobs/deadline-point-job.js';
import { runReconcile } from './jobs/reconcile-job.js';
import { runSendMail } from './jobs/send-mail-job.js';
import { runSurveyPoint } from './jobs/survey-point-job.js';

export interface RunningWorker {
  /** Moves outbox rows to the queues now rather than at the next poll. */
  dispatch(): Promise<number>;
  close(): Promise<void>;
}

// A job that ran before its time (by the injected clock) goes back to wait for the rest.
async function deferIfEarly(job: Job, token: string | undefined, outcome: { result: string; delayMs?: number }) {
  if (outcome.result === 'early' && outcome.delayMs !== undefined) {
    await job.moveToDelayed(Date.now() + outcome.delayMs, token);
    throw new DelayedError();
  }
  return outcome;
}

/** The worker side: outbox dispatcher, deadline and mail workers, and the reconciler. */
export async function startWorker(ctx: AppContext): Promise<RunningWorker> {
  const log = ctx.logger.child({ component: 'worker' });
  const connections = [createBullConnection(ctx.config.REDIS_URL), createBullConnection(ctx.config.REDIS_URL)];
  for (const c of connections) c.on('error', () => undefined);
  // A job whose worker died is run again after the lock lapses (its stalled check runs as often).
  const lock = { lockDuration: ctx.config.QUEUE_LOCK_MS, stalledInterval: ctx.config.QUEUE_LOCK_MS };
  const options = { connection: connections[0]!, prefix: ctx.config.REDIS_PREFIX, concurrency: 4, ...lock };

  const deadlineWorker = new Worker(
    DEADLINE_QUEUE,
    async (job, token) => {
      if (job.name === 'reconcile') return runReconcile(ctx);
      if (job.name === 'action-point') return deferIfEarly(job, token, await runActionPoint(ctx, job.data));
      if (job.name === 'survey-point') return deferIfEarly(job, token, await runSurveyPoint(ctx, job.data));
      return deferIfEarly(job, token, await runDeadlinePoint(ctx, job.data));
    },
    options,
  );
  const mailWorker = new Worker(
    MAIL_QUEUE,
    async (job, token) => deferIfEarly(job, token, await runSendMail(ctx, job.data)),
    {
      ...options,
      connection: connections[1]!,
    },
  );
  // A mail job fails only when the job itself broke; the row is still pending or sending, and
  // the reconciler queues it again or settles it.
  mailWorker.on('failed', (job, err) => log.warn({ jobId: job?.id, err }, 'mail job failed'));
  for (const w of [deadlineWorker, mailWorker]) w.on('error', (err) => log.warn({ err }, 'worker connection error'));

  let dispatching: Promise<number> | null = null;
  const dispatch = () => {
    dispatching ??= dispatchOutbox(ctx).finally(() => {
      dispatching = null;
    });
    return dispatching;
  };
  const poll = setInterval(
    () => void dispatch().catch((err: Error) => log.warn({ err }, 'outbox dispatch failed')),
    ctx.config.OUTBOX_POLL_MS,
  );

  // The schedule itself lives in Redis and may be lost with it, so it is re-asserted here too.
  const ensureSchedule = () =>
    ctx.queues.deadlines.upsertJobScheduler(
      'reconcile',
      { every: ctx.config.RECONCILE_EVERY_MS },
      { name: 'reconcile', data: {} },
    );
  const scheduleTimer = setInterval(() => void ensureSchedule().catch(() => undefined), ctx.config.RECONCILE_EVERY_MS);
  await ensureSchedule().catch((err: Error) => log.warn({ err }, 'could not schedule the reconciler'));
  await runReconcile(ctx).then(
    (report) => log.info({ report }, 'reconciled deadlines with the queue'),
    (err: Error) => log.warn({ err }, 'reconcile at start failed; the schedule retries'),
  );

  return {
    dispatch,
    async close() {
      clearInterval(poll);
      clearInterval(scheduleTimer);
      await Promise.allSettled([deadlineWorker.close(), mailWorker.close()]);
      await dispatching?.catch(() => undefined);
      for (const c of connections) c.disconnect();
    },
  };
}
