import type { AppContext } from '../../context.js';
import { findDeadline } from '../db/deadline-repository.js';
import { parseJson } from '../db/rows.js';
import { ensureDeadlineJob, ensureMailJob, pendingWakeUps } from './schedule.js';
import { versionKey } from '../../domain/clock-rules.js';

/**
 * Moves committed outbox rows into BullMQ. Runs after commit, never inside a transaction, so
 * a job can never point at a change that rolled back. A row stays until its jobs are added;
 * several dispatchers may run at once, since job ids are deterministic.
 */
export async function dispatchOutbox(ctx: AppContext, limit = 500): Promise<number> {
  const rows = await ctx.db('outbox').whereNull('dispatched_at').orderBy('id').limit(limit);
  if (rows.length === 0) return 0;
  const closing = await ctx.reference.closingDays(ctx.db);
  const done: number[] = [];
  for (const row of rows as { id: number | string; topic: string; payload: unknown }[]) {
    const payload = parseJson<Record<string, unknown>>(row.payload);
    if (row.topic === 'deadline.changed') {
      const dl = await findDeadline(ctx.db, String(payload.deadlineId));
      // A newer version has its own outbox row; this one has nothing left to schedule.
      if (dl && dl.version === Number(payload.version)) {
        const g = (await ctx.reference.guaranteeVersions(ctx.db, [{ code: dl.guaranteeCode, version: dl.guaranteeVersion }])).get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
        if (g) for (const w of pendingWakeUps(dl, g.definition, ctx.clock.now(), closing)) await ensureDeadlineJob(ctx, dl, w);
      }
    } else if (row.topic === 'mail.send') {
      await ensureMailJob(ctx, String(payload.key), String(payload.deliverAfter));
    }
    done.push(Number(row.id));
  }
  await ctx.db('outbox').whereIn('id', done).update({ dispatched_at: ctx.clock.now().toISOString() });
  return done.length;
}
