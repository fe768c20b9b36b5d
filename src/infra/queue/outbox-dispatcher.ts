import type { AppContext } from '../../context.js';
import { versionKey } from '../../domain/clock-rules.js';
import { deadlinesByIds } from '../db/deadline-repository.js';
import { parseJson } from '../db/rows.js';
import { actionsByIds } from '../db/escalation-repository.js';
import { actionJobs, addJobs, deadlineJob, mailJob, pendingWakeUps, type PlannedJob } from './schedule.js';
import { surveyJobsForClosings } from '../../jobs/survey-jobs.js';

/**
 * Moves committed outbox rows into BullMQ. Runs after commit, never inside a transaction, so
 * a job can never point at a change that rolled back. Rows stay until their jobs are added;
 * several dispatchers may run at once, since job ids are deterministic.
 */
export async function dispatchOutbox(ctx: AppContext, limit = 1000): Promise<number> {
  const rows = (await ctx.db('outbox').whereNull('dispatched_at').orderBy('id').limit(limit)) as {
    id: number | string;
    topic: string;
    payload: unknown;
    created_at: string;
  }[];
  if (rows.length === 0) return 0;
  const payloads = rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    payload: parseJson<Record<string, unknown>>(r.payload),
    createdAt: r.created_at,
  }));
  const changed = payloads.filter((r) => r.topic === 'deadline.changed');
  const deadlines = await deadlinesByIds(ctx.db, [...new Set(changed.map((r) => String(r.payload.deadlineId)))]);
  const versions = await ctx.reference.guaranteeVersions(
    ctx.db,
    [...deadlines.values()].map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
  );
  const closing = await ctx.reference.closingDays(ctx.db);
  const actionRows = payloads.filter((r) => r.topic === 'action.changed');
  const actions = new Map(
    (await actionsByIds(ctx.db, [...new Set(actionRows.map((r) => String(r.payload.actionId)))])).map((a) => [a.id, a]),
  );
  const now = ctx.clock.now();

  const jobs: PlannedJob[] = [];
  for (const r of payloads) {
    if (r.topic === 'deadline.changed') {
      const dl = deadlines.get(String(r.payload.deadlineId));
      // A newer version has its own outbox row; this one has nothing left to schedule.
      if (!dl || dl.version !== Number(r.payload.version)) continue;
      const g = versions.get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
      if (g) for (const w of pendingWakeUps(dl, g.definition, now, closing)) jobs.push(deadlineJob(dl, w));
    } else if (r.topic === 'action.changed') {
      const a = actions.get(String(r.payload.actionId));
      if (a && a.version === Number(r.payload.version)) jobs.push(...actionJobs(a, closing));
    } else if (r.topic === 'mail.send') {
      jobs.push(mailJob(String(r.payload.key), 0, String(r.payload.deliverAfter)));
    }
  }
  // A company case that closed gets its survey; the transition's own time is when it closed.
  const closings = payloads
    .filter((r) => r.topic === 'case.transitioned')
    .map((r) => ({ caseId: String(r.payload.caseId), to: String(r.payload.to), closedAt: r.createdAt }));
  jobs.push(...(await surveyJobsForClosings(ctx, closings)));
  await addJobs(ctx, jobs);
  const ids = payloads.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await ctx
      .db('outbox')
      .whereIn('id', ids.slice(i, i + 500))
      .update({ dispatched_at: now.toISOString() });
  }
  return rows.length;
}
