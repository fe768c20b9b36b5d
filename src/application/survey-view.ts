import type { AppContext } from '../context.js';
import { findCategory } from '../domain/categories.js';
import type { LocalDate } from '../domain/local-date.js';
import { localDateOf } from '../domain/local-date.js';
import { findCase } from '../infra/db/case-repository.js';
import { findSurveyByTokenHash } from '../infra/db/survey-repository.js';
import { hashSurveyToken, looksLikeSurveyToken } from './survey-token.js';

export interface SurveyView {
  /** The case reference, so the respondent knows which matter the questions are about. */
  reference: string;
  areaLabel: string;
  lastDay: LocalDate;
}

/** What the survey page shows for a link that is still open, or null for any other link. */
export async function surveyView(ctx: AppContext, token: string): Promise<SurveyView | null> {
  if (!looksLikeSurveyToken(token)) return null;
  const s = await findSurveyByTokenHash(ctx.db, hashSurveyToken(token));
  if (!s || s.status !== 'open' || !s.expiresAt || ctx.clock.now().getTime() >= new Date(s.expiresAt).getTime())
    return null;
  const c = await findCase(ctx.db, s.caseId);
  if (!c) return null;
  return {
    reference: c.reference,
    areaLabel: findCategory(s.area)?.label ?? s.area,
    lastDay: localDateOf(new Date(new Date(s.expiresAt).getTime() - 1)),
  };
}
