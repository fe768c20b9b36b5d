import type { AppContext } from '../context.js';
import { findSurvey } from '../infra/db/survey-repository.js';
import { drainOutbox, schedulingHandlers } from '../infra/queue/outbox-dispatcher.js';
import { pendingSurveyWakeUps, surveyJob, type PlannedJob } from '../infra/queue/schedule.js';
import { openSurveyOnClose } from './survey-open.js';
import { surveySettings } from './survey-settings.js';

/**
 * Moves committed outbox rows into BullMQ, each topic read by its own handler: the clocks',
 * actions' and mails' wake-ups are planned from the database; a closed case gets its survey.
 */
export async function dispatchOutbox(ctx: AppContext, limit = 1000): Promise<number> {
  return drainOutbox(
    ctx,
    {
      ...schedulingHandlers(ctx),
      async 'survey.changed'(messages) {
        const settings = surveySettings(ctx.config);
        const closing = await ctx.reference.closingDays(ctx.db);
        const jobs: PlannedJob[] = [];
        for (const m of messages) {
          const s = await findSurvey(ctx.db, m.payload.surveyId);
          if (s && s.version === m.payload.version)
            jobs.push(...pendingSurveyWakeUps(s, settings, closing).map((w) => surveyJob(s, w)));
        }
        return jobs;
      },
      // A company case that closed gets its survey; the transition's own time is when it closed.
      async 'case.transitioned'(messages) {
        const jobs: PlannedJob[] = [];
        for (const m of messages) {
          const s = await openSurveyOnClose(ctx, { caseId: m.payload.caseId, to: m.payload.to, closedAt: m.createdAt });
          if (s) jobs.push(surveyJob(s, { point: 'invite', at: new Date(s.sendAfter) }));
        }
        return jobs;
      },
    },
    limit,
  );
}
