import type { Queue } from 'bullmq';
import type { Clock } from '../../domain/clock.js';
import type { Deadline } from '../../domain/deadline.js';
import type { GuaranteeDefinition } from '../../domain/guarantee.js';
import { surveyJobIdOf, surveyPlan, type SurveySettings, type SurveyWakeUp } from '../../domain/survey-schedule.js';
import { escalationDue, jobIdOf, wakeUpsOf, type WakeUp } from '../../domain/wake-ups.js';
import type { ClosingDays } from '../../domain/working-days.js';
import type { SurveyRow } from '../db/survey-repository.js';
import {
  actionPointPayload,
  deadlinePointPayload,
  mailJobId,
  sendMailPayload,
  surveyPointPayload,
} from './job-payloads.js';
import { actionJobIdOf, actionWakeUps } from '../../domain/action-wake-ups.js';
import type { Queues } from './queues.js';

/** What scheduling needs: the queues, and the clock that says how long a job waits. */
export interface QueueDeps {
  queues: Queues;
  clock: Clock;
}

/** The wake-ups a live clock needs now: its warnings and due point, or its next escalation. */
export function pendingWakeUps(dl: Deadline, d: GuaranteeDefinition, now: Date, closing: ClosingDays): WakeUp[] {
  if (dl.state === 'running') return wakeUpsOf(dl, d, closing);
  if (dl.state === 'breached' && d.onBreach.includes('notify_manager'))
    return [escalationDue(new Date(dl.breachedAt ?? dl.dueAt), now, closing)];
  return [];
}

export interface PlannedJob {
  queue: 'deadlines' | 'mail';
  name: string;
  jobId: string;
  data: Record<string, unknown>;
  at: Date;
}

export function deadlineJob(dl: Deadline, w: WakeUp): PlannedJob {
  const data = deadlinePointPayload.parse({
    deadlineId: dl.id,
    version: dl.version,
    point: w.point,
    at: w.at.toISOString(),
  });
  return { queue: 'deadlines', name: 'deadline-point', jobId: jobIdOf(dl.id, dl.version, w.point), data, at: w.at };
}

/** The reminders an agreed action needs now. */
export function actionJobs(
  action: { id: string; version: number; dueDate: string; createdAt: string; status: string },
  closing: ClosingDays,
): PlannedJob[] {
  return actionWakeUps(action, closing).map((w) => ({
    queue: 'deadlines',
    name: 'action-point',
    jobId: actionJobIdOf(action.id, action.version, w.point),
    data: actionPointPayload.parse({
      actionId: action.id,
      version: action.version,
      point: w.point,
      at: w.at.toISOString(),
    }),
    at: w.at,
  }));
}

export function surveyJob(s: Pick<SurveyRow, 'id' | 'version'>, w: SurveyWakeUp): PlannedJob {
  return {
    queue: 'deadlines',
    name: 'survey-point',
    jobId: surveyJobIdOf(s.id, s.version, w.point),
    data: surveyPointPayload.parse({ surveyId: s.id, version: s.version, point: w.point, at: w.at.toISOString() }),
    at: w.at,
  };
}

/**
 * What a survey waits for, from the database alone: the invitation while scheduled; the
 * reminders and the closing once open; only the closing once answered or declined. A reminder
 * already sent is harmless to schedule again, since its mail key exists: this is what lets the
 * reconciler rebuild everything after Redis was lost.
 */
export function pendingSurveyWakeUps(s: SurveyRow, settings: SurveySettings, closing: ClosingDays): SurveyWakeUp[] {
  if (s.status === 'scheduled') return [{ point: 'invite', at: new Date(s.sendAfter) }];
  if (!s.invitedAt || !s.expiresAt || s.status === 'expired') return [];
  const expire: SurveyWakeUp = { point: 'expire', at: new Date(s.expiresAt) };
  if (s.status !== 'open') return [expire];
  return [...surveyPlan(new Date(s.invitedAt), settings, closing).reminders, expire];
}

export function mailJob(key: string, attempts: number, deliverAfter: string): PlannedJob {
  return {
    queue: 'mail',
    name: 'send-mail',
    jobId: mailJobId(key, attempts),
    data: sendMailPayload.parse({ key }),
    at: new Date(deliverAfter),
  };
}

/**
 * Makes sure each pending mail has a live job for its next try. The row says the mail is still
 * to go, so a job under that id that already finished (BullMQ keeps them a while) is stale and
 * is replaced, instead of blocking the mail as a kept id would.
 */
export async function requeueMails(
  ctx: QueueDeps,
  mails: { key: string; attempts: number; deliverAfter: string }[],
): Promise<{ added: number; promoted: number }> {
  const jobs = mails.map((m) => mailJob(m.key, m.attempts, m.deliverAfter));
  for (const j of jobs) {
    const old = await ctx.queues.mail.getJob(j.jobId);
    const state = old ? await old.getState() : null;
    if (old && (state === 'completed' || state === 'failed')) await old.remove();
  }
  return ensureJobs(ctx, jobs);
}

const queueOf = (ctx: QueueDeps, job: PlannedJob): Queue =>
  job.queue === 'deadlines' ? ctx.queues.deadlines : ctx.queues.mail;

/**
 * Adds jobs in bulk. Ids are deterministic and BullMQ ignores an id it already holds, so
 * adding what exists is harmless: this is what the dispatcher uses.
 */
export async function addJobs(ctx: QueueDeps, jobs: PlannedJob[]): Promise<void> {
  const now = ctx.clock.now().getTime();
  for (const name of ['deadlines', 'mail'] as const) {
    const batch = jobs.filter((j) => j.queue === name);
    if (batch.length === 0) continue;
    await (name === 'deadlines' ? ctx.queues.deadlines : ctx.queues.mail).addBulk(
      batch.map((j) => ({
        name: j.name,
        data: j.data,
        opts: { jobId: j.jobId, delay: Math.max(0, j.at.getTime() - now) },
      })),
    );
  }
}

/**
 * The reconciler's check: which planned jobs Redis lacks (added now), and which wait as delayed
 * although their time has come by the clock (promoted now). One pipelined round trip per batch.
 */
export async function ensureJobs(ctx: QueueDeps, jobs: PlannedJob[]): Promise<{ added: number; promoted: number }> {
  if (jobs.length === 0) return { added: 0, promoted: 0 };
  const redis = ctx.queues.connection;
  const now = ctx.clock.now().getTime();
  // Existence for every job; the delayed-set score only for jobs whose time has come, the
  // only ones that may need a promotion. Half the commands on a steady-state pass.
  const pipeline = redis.pipeline();
  const checks: { job: PlannedJob; due: boolean }[] = [];
  for (const j of jobs) {
    const q = queueOf(ctx, j);
    const due = j.at.getTime() <= now;
    pipeline.exists(q.toKey(j.jobId));
    if (due) pipeline.zscore(q.toKey('delayed'), j.jobId);
    checks.push({ job: j, due });
  }
  const replies = (await pipeline.exec()) ?? [];
  const missing: PlannedJob[] = [];
  let promoted = 0;
  let r = 0;
  for (const { job: j, due } of checks) {
    const exists = Number(replies[r++]?.[1] ?? 0) === 1;
    const score = due ? replies[r++]?.[1] : null;
    if (!exists) missing.push(j);
    else if (due && score !== null && score !== undefined) {
      const job = await queueOf(ctx, j).getJob(j.jobId);
      if (job && (await job.isDelayed())) {
        // Its delay may run out between the check and the promotion: then it is waiting already.
        const moved = await job.promote().then(
          () => true,
          async (err: unknown) => {
            if (await job.isDelayed()) throw err;
            return false;
          },
        );
        if (moved) promoted++;
      }
    }
  }
  await addJobs(ctx, missing);
  return { added: missing.length, promoted };
}
