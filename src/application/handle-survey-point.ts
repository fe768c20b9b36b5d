import type { AppContext } from '../context.js';
import { localDateOf } from '../domain/local-date.js';
import { surveyPlan, type SurveyPoint } from '../domain/survey-schedule.js';
import { queueMail } from './queue-mail.js';
import { SURVEYED_STATES } from './survey-open.js';
import { surveySettings, surveyUrl } from './survey-settings.js';
import { hashSurveyToken, newSurveyToken } from './survey-token.js';
import { insertOutbox } from '../infra/db/audit-repository.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';
import { findContact } from '../infra/db/company-repository.js';
import { notificationExists } from '../infra/db/notification-repository.js';
import {
  endSurvey,
  findSurvey,
  insertSurveyToken,
  markSurveyOpen,
  rewriteSurveyStatus,
  type SurveyRow,
} from '../infra/db/survey-repository.js';
import type { SurveyPointPayload } from '../infra/queue/job-payloads.js';
import { inTransaction, type TxContext } from './tx-context.js';

export type SurveyOutcome =
  { result: 'early'; delayMs: number } | { result: 'stale' | 'invited' | 'reminded' | 'expired' | 'closed-out' };

export const surveyMailKey = (surveyId: string, point: SurveyPoint) => `survey-${surveyId}-${point}`;

/**
 * Records one survey mail with a link of its own. The key is checked first, so a job that runs
 * again neither mails twice nor leaves a token that no mail carries.
 */
async function queueSurveyMail(
  tx: TxContext,
  s: SurveyRow,
  c: CaseRow,
  point: SurveyPoint,
  lastDay: string,
  now: Date,
): Promise<boolean> {
  const { trx, config } = tx;
  const contact = c.contactId ? await findContact(trx, c.contactId) : undefined;
  if (!contact?.email) return false;
  const key = surveyMailKey(s.id, point);
  if (await notificationExists(trx, key)) return false;
  const token = newSurveyToken();
  await insertSurveyToken(trx, s.id, hashSurveyToken(token), now.toISOString());
  const template = point === 'invite' ? 'survey_invitation' : 'survey_reminder';
  const data = {
    contactName: contact.name,
    reference: c.reference,
    subject: c.subject,
    url: surveyUrl(config, token),
    lastDay,
  };
  await queueMail(
    tx,
    {
      key,
      caseId: c.id,
      deadlineId: null,
      audience: 'company',
      recipient: contact.email,
      template,
      data,
      deliverAfter: now.toISOString(),
    },
    now,
  );
  return true;
}

/**
 * A survey's wake-up: the invitation, a reminder or the closing. It re-reads the survey and acts
 * only at the job's version and in the state the point is for, so an answered survey gets no
 * reminder and a survey moved to a later closing ignores its old invitation.
 */
export async function handleSurveyPoint(ctx: AppContext, job: SurveyPointPayload): Promise<SurveyOutcome> {
  const now = ctx.clock.now();
  const delayMs = new Date(job.at).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };
  const settings = surveySettings(ctx.config);
  const closing = await ctx.reference.closingDays(ctx.db);

  return inTransaction(ctx, async (tx): Promise<SurveyOutcome> => {
    const { trx } = tx;
    const s = await findSurvey(trx, job.surveyId);
    if (!s || s.version !== job.version) return { result: 'stale' };

    if (job.point === 'expire') {
      if (s.status === 'open')
        return (await endSurvey(trx, s.id, 'expired')) ? { result: 'expired' } : { result: 'stale' };
      // Answered or declined: write the row once more, so that PostgreSQL's record of which
      // transaction wrote it no longer matches the answer's (they were written together).
      if (s.status === 'answered' || s.status === 'declined') {
        await rewriteSurveyStatus(trx, s.id, s.status);
        return { result: 'closed-out' };
      }
      return { result: 'stale' };
    }

    const c = await findCase(trx, s.caseId);
    if (!c) return { result: 'stale' };
    if (job.point === 'invite') {
      // Reopened since it closed: the next closing moves the survey and wakes it again.
      if (s.status !== 'scheduled' || !SURVEYED_STATES.includes(c.status)) return { result: 'stale' };
      const plan = surveyPlan(now, settings, closing);
      if (!(await markSurveyOpen(trx, s, now.toISOString(), plan.expiresAt.toISOString()))) return { result: 'stale' };
      await queueSurveyMail(tx, s, c, 'invite', plan.lastDay, now);
      // Its reminders and its closing are planned after commit, from the open survey.
      await insertOutbox(trx, 'survey.changed', c.id, { surveyId: s.id, version: s.version }, now.toISOString());
      return { result: 'invited' };
    }

    if (s.status !== 'open' || !s.expiresAt || now.getTime() >= new Date(s.expiresAt).getTime())
      return { result: 'stale' };
    const lastDay = localDateOf(new Date(new Date(s.expiresAt).getTime() - 1));
    return (await queueSurveyMail(tx, s, c, job.point, lastDay, now)) ? { result: 'reminded' } : { result: 'stale' };
  });
}
