import type { AppContext } from '../context.js';
import { endSurvey, findSurveyByTokenHash } from '../infra/db/survey-repository.js';
import { surveyGone } from './survey-answer.js';
import { hashSurveyToken, looksLikeSurveyToken } from './survey-token.js';
import { inTransaction } from './tx-context.js';

/** "Jag vill inte svara": the survey ends without an answer and sends no more reminders. */
export async function declineSurvey(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock.now();
  if (!looksLikeSurveyToken(token)) throw surveyGone();
  await inTransaction(ctx, async ({ trx }) => {
    const s = await findSurveyByTokenHash(trx, hashSurveyToken(token));
    if (!s || !s.expiresAt || now.getTime() >= new Date(s.expiresAt).getTime()) throw surveyGone();
    if (!(await endSurvey(trx, s.id, 'declined'))) throw surveyGone();
  });
}
