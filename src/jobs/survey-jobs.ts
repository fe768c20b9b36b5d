import { z } from 'zod';
import type { AppContext } from '../context.js';
import { surveyJobIdOf, surveyPlan, type SurveySettings, type SurveyWakeUp } from '../domain/survey-schedule.js';
import type { ClosingDays } from '../domain/working-days.js';
import type { SurveyRow } from '../infra/db/survey-repository.js';
import type { PlannedJob } from '../infra/queue/schedule.js';
import { openSurveyOnClose, type CaseClosing } from '../application/survey-open.js';

// Checked when a job is enqueued and again when it runs, so a malformed job fails at once.
export const surveyPointPayload = z.object({
  surveyId: z.uuid(),
  version: z.number().int().min(1),
  point: z.enum(['invite', 'remind-1', 'remind-2', 'remind-3', 'expire']),
  at: z.iso.datetime(),
});
export type SurveyPointPayload = z.output<typeof surveyPointPayload>;

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

/** The dispatcher's part: committed case transitions into surveys and their invitations. */
export async function surveyJobsForClosings(ctx: AppContext, closings: CaseClosing[]): Promise<PlannedJob[]> {
  const jobs: PlannedJob[] = [];
  for (const c of closings) {
    const s = await openSurveyOnClose(ctx, c);
    if (s) jobs.push(surveyJob(s, { point: 'invite', at: new Date(s.sendAfter) }));
  }
  return jobs;
}
