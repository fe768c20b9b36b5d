import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { insertSurveyAnswer } from '../infra/db/survey-answer-repository.js';
import { endSurvey, findSurveyByTokenHash } from '../infra/db/survey-repository.js';
import { factorsOf, type SurveyAnswerInput } from './survey-input.js';
import { hashSurveyToken, looksLikeSurveyToken } from './survey-token.js';
import { inTransaction } from './tx-context.js';

/** One answer for an unknown, answered, declined or closed link alike: none of them tells anything. */
export const surveyGone = () =>
  new AppError(
    'not_found',
    'Enkäten finns inte. Länken kan vara fel, eller så är enkäten redan besvarad eller stängd.',
  );

/**
 * Stores an answer and ends the survey in one transaction. The answer row carries the area,
 * the unit and the month the case closed, and nothing that leads back to the case; the survey
 * row learns only that it was answered, not when.
 */
export async function answerSurvey(ctx: AppContext, token: string, input: SurveyAnswerInput): Promise<void> {
  const now = ctx.clock.now();
  if (!looksLikeSurveyToken(token)) throw surveyGone();
  await inTransaction(ctx, async ({ trx }) => {
    const s = await findSurveyByTokenHash(trx, hashSurveyToken(token));
    if (!s || !s.expiresAt || now.getTime() >= new Date(s.expiresAt).getTime()) throw surveyGone();
    // Two answers racing on one link: only the first moves the survey from open.
    if (!(await endSurvey(trx, s.id, 'answered'))) throw surveyGone();
    await insertSurveyAnswer(trx, {
      area: s.area,
      unit: s.unit,
      closedMonth: s.closedMonth,
      answeredAt: now.toISOString(),
      nkiOverall: input.nkiOverall,
      nkiExpectations: input.nkiExpectations,
      nkiIdeal: input.nkiIdeal,
      factors: factorsOf(input),
      comment: input.comment ? input.comment : null,
    });
  });
}
