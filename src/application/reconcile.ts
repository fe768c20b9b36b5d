import type { AppContext } from '../context.js';
import { versionKey } from '../domain/clock-rules.js';
import { liveDeadlines } from '../infra/db/deadline-repository.js';
import { overduePending, settleStaleClaims } from '../infra/db/notification-repository.js';
import { openActions } from '../infra/db/escalation-repository.js';
import {
  actionJobs,
  deadlineJob,
  ensureJobs,
  pendingSurveyWakeUps,
  pendingWakeUps,
  requeueMails,
  surveyJob,
  type PlannedJob,
} from '../infra/queue/schedule.js';
import { liveSurveys } from '../infra/db/survey-repository.js';
import { dispatchOutbox } from './dispatch-outbox.js';
import { surveySettings } from './survey-settings.js';

export interface ReconcileReport {
  deadlines: number;
  actions: number;
  surveys: number;
  added: number;
  promoted: number;
  mails: number;
  uncertain: number;
}

/**
 * The database says what should be pending; Redis only says whether it is scheduled. Every
 * live clock gets its wake-ups back, wake-ups whose time has passed run now, and pending
 * mails that should have gone are queued again, whatever jobs Redis still keeps for them. A mail
 * a dead worker left in `sending` becomes `uncertain`, for an admin to decide: never stuck,
 * never sent twice blindly. After FLUSHALL nothing is lost.
 */
export async function reconcile(ctx: AppContext, pageSize = 500): Promise<ReconcileReport> {
  // Everything committed reaches the queues first; bounded so a busy writer cannot keep us here.
  for (let i = 0; i < 1000 && (await dispatchOutbox(ctx)) > 0; i++);
  const report: ReconcileReport = {
    deadlines: 0,
    actions: 0,
    surveys: 0,
    added: 0,
    promoted: 0,
    mails: 0,
    uncertain: 0,
  };
  const closing = await ctx.reference.closingDays(ctx.db);
  for (const state of ['running', 'breached'] as const) {
    let after: string | null = null;
    for (;;) {
      const page = await liveDeadlines(ctx.db, state, after, pageSize);
      if (page.length === 0) break;
      const versions = await ctx.reference.guaranteeVersions(
        ctx.db,
        page.map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
      );
      const now = ctx.clock.now();
      const jobs: PlannedJob[] = [];
      for (const dl of page) {
        const g = versions.get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
        if (!g) continue;
        report.deadlines++;
        for (const w of pendingWakeUps(dl, g.definition, now, closing)) jobs.push(deadlineJob(dl, w));
      }
      const r = await ensureJobs(ctx, jobs);
      report.added += r.added;
      report.promoted += r.promoted;
      after = page[page.length - 1]!.id;
    }
  }
  // Agreed actions' reminders, the same way.
  let afterAction: string | null = null;
  for (;;) {
    const page = await openActions(ctx.db, afterAction, pageSize);
    if (page.length === 0) break;
    const r = await ensureJobs(
      ctx,
      page.flatMap((a) => actionJobs(a, closing)),
    );
    report.actions += page.length;
    report.added += r.added;
    report.promoted += r.promoted;
    afterAction = page[page.length - 1]!.id;
  }
  // Surveys waiting for their invitation, reminders or closing, the same way.
  const settings = surveySettings(ctx.config);
  for (const status of ['scheduled', 'open', 'answered', 'declined'] as const) {
    let afterSurvey: string | null = null;
    for (;;) {
      const page = await liveSurveys(ctx.db, status, afterSurvey, pageSize, ctx.clock.now());
      if (page.length === 0) break;
      const r = await ensureJobs(
        ctx,
        page.flatMap((s) => pendingSurveyWakeUps(s, settings, closing).map((w) => surveyJob(s, w))),
      );
      report.surveys += page.length;
      report.added += r.added;
      report.promoted += r.promoted;
      afterSurvey = page[page.length - 1]!.id;
    }
  }
  report.uncertain = await settleStaleClaims(ctx.db, ctx.clock.now(), ctx.config.MAIL_CLAIM_STALE_MS);
  let afterKey = 0;
  for (;;) {
    const pending = await overduePending(ctx.db, ctx.clock.now(), 1000, afterKey);
    if (pending.length === 0) break;
    const r = await requeueMails(ctx, pending);
    report.mails += r.added + r.promoted;
    afterKey = pending[pending.length - 1]!.id;
  }
  return report;
}
