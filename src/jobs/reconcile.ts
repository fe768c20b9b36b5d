import type { AppContext } from '../context.js';
import { versionKey } from '../domain/clock-rules.js';
import { liveDeadlines } from '../infra/db/deadline-repository.js';
import { overduePending } from '../infra/db/notification-repository.js';
import { dispatchOutbox } from '../infra/queue/outbox-dispatcher.js';
import { ensureDeadlineJob, ensureMailJob, pendingWakeUps } from '../infra/queue/schedule.js';

export interface ReconcileReport {
  deadlines: number;
  added: number;
  promoted: number;
  mails: number;
}

/**
 * The database says what should be pending; Redis only says whether it is scheduled. Every
 * live clock gets its wake-ups back, wake-ups whose time has passed run now, and pending
 * mails that should have gone are queued again. After FLUSHALL nothing is lost.
 */
export async function reconcile(ctx: AppContext, pageSize = 500): Promise<ReconcileReport> {
  await dispatchOutbox(ctx);
  const report: ReconcileReport = { deadlines: 0, added: 0, promoted: 0, mails: 0 };
  const closing = await ctx.reference.closingDays(ctx.db);
  let after: string | null = null;
  for (;;) {
    const page = await liveDeadlines(ctx.db, after, pageSize);
    if (page.length === 0) break;
    const versions = await ctx.reference.guaranteeVersions(ctx.db, page.map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })));
    const now = ctx.clock.now();
    for (const dl of page) {
      const g = versions.get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
      if (!g) continue;
      report.deadlines++;
      for (const w of pendingWakeUps(dl, g.definition, now, closing)) {
        const r = await ensureDeadlineJob(ctx, dl, w);
        if (r === 'added') report.added++;
        if (r === 'promoted') report.promoted++;
      }
    }
    after = page[page.length - 1]!.id;
  }
  for (;;) {
    const pending = await overduePending(ctx.db, ctx.clock.now(), 1000, ctx.config.MAIL_CLAIM_STALE_MS);
    let queued = 0;
    for (const n of pending) if ((await ensureMailJob(ctx, n.key, n.deliverAfter)) !== 'present') queued++;
    report.mails += queued;
    if (pending.length < 1000 || queued === 0) break;
  }
  return report;
}
