import type { Knex } from 'knex';
import { toBool } from './rows.js';

export type SurveyStatus = 'scheduled' | 'open' | 'answered' | 'declined' | 'expired';

export interface SurveyRow {
  id: string;
  caseId: string;
  area: string;
  unit: string | null;
  closedMonth: string;
  closedAt: string;
  status: SurveyStatus;
  version: number;
  sendAfter: string;
  invitedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}

const toSurvey = (r: Record<string, unknown>): SurveyRow => ({
  id: r.id as string,
  caseId: r.case_id as string,
  area: r.area as string,
  unit: (r.unit as string | null) ?? null,
  closedMonth: r.closed_month as string,
  closedAt: r.closed_at as string,
  status: r.status as SurveyStatus,
  version: Number(r.version),
  sendAfter: r.send_after as string,
  invitedAt: (r.invited_at as string | null) ?? null,
  expiresAt: (r.expires_at as string | null) ?? null,
  createdAt: r.created_at as string,
});

/** One survey per case: a second insert for the same case is ignored. */
export async function insertSurveyIfAbsent(trx: Knex, s: SurveyRow): Promise<void> {
  await trx('surveys')
    .insert({
      id: s.id,
      case_id: s.caseId,
      area: s.area,
      unit: s.unit,
      closed_month: s.closedMonth,
      closed_at: s.closedAt,
      status: s.status,
      version: s.version,
      send_after: s.sendAfter,
      invited_at: s.invitedAt,
      expires_at: s.expiresAt,
      created_at: s.createdAt,
    })
    .onConflict('case_id')
    .ignore();
}

export async function findSurvey(db: Knex, id: string): Promise<SurveyRow | undefined> {
  const r = await db('surveys').where({ id }).first();
  return r ? toSurvey(r) : undefined;
}

export async function findSurveyOfCase(db: Knex, caseId: string): Promise<SurveyRow | undefined> {
  const r = await db('surveys').where({ case_id: caseId }).first();
  return r ? toSurvey(r) : undefined;
}

/** The survey a link's token belongs to, whatever its state. */
export async function findSurveyByTokenHash(db: Knex, tokenHash: string): Promise<SurveyRow | undefined> {
  const r = await db('survey_tokens')
    .join('surveys', 'surveys.id', 'survey_tokens.survey_id')
    .where('survey_tokens.token_hash', tokenHash)
    .first('surveys.*');
  return r ? toSurvey(r) : undefined;
}

export async function insertSurveyToken(trx: Knex, surveyId: string, tokenHash: string, now: string): Promise<void> {
  await trx('survey_tokens').insert({ token_hash: tokenHash, survey_id: surveyId, created_at: now });
}

/** Every link of a survey stops working at once. */
export async function deleteSurveyTokens(trx: Knex, surveyId: string): Promise<void> {
  await trx('survey_tokens').where({ survey_id: surveyId }).delete();
}

/**
 * Surveys that still wait for a wake-up, one state and one page at a time on the (status, id)
 * index. Ended surveys wait only until the day they would have closed.
 */
export async function liveSurveys(
  db: Knex,
  status: SurveyStatus,
  after: string | null,
  limit: number,
  now: Date,
): Promise<SurveyRow[]> {
  const q = db('surveys').where({ status }).orderBy('id').limit(limit);
  if (after) q.andWhere('id', '>', after);
  if (status !== 'scheduled' && status !== 'open') q.andWhere('expires_at', '>', now.toISOString());
  return (await q).map(toSurvey);
}

export async function findSurveyConsent(db: Knex, caseId: string): Promise<boolean | null> {
  const r = (await db('survey_consents').where({ case_id: caseId }).first('consent')) as
    { consent: unknown } | undefined;
  return r ? toBool(r.consent) : null;
}

export async function insertSurveyConsent(trx: Knex, caseId: string, consent: boolean, now: string): Promise<void> {
  await trx('survey_consents').insert({ case_id: caseId, consent, recorded_at: now });
}

/** Moves a survey not yet sent to a later closing of its case; a new version means new wake-ups. */
export async function rescheduleSurvey(
  trx: Knex,
  s: SurveyRow,
  to: Pick<SurveyRow, 'unit' | 'closedMonth' | 'closedAt' | 'sendAfter'>,
): Promise<SurveyRow | null> {
  const moved = await trx('surveys')
    .where({ id: s.id, version: s.version, status: 'scheduled' })
    .update({
      unit: to.unit,
      closed_month: to.closedMonth,
      closed_at: to.closedAt,
      send_after: to.sendAfter,
      version: s.version + 1,
    });
  return moved === 1 ? { ...s, ...to, version: s.version + 1 } : null;
}

/** The invitation went out: the survey opens until `expiresAt`. */
export async function markSurveyOpen(trx: Knex, s: SurveyRow, invitedAt: string, expiresAt: string): Promise<boolean> {
  const moved = await trx('surveys')
    .where({ id: s.id, version: s.version, status: 'scheduled' })
    .update({ status: 'open', invited_at: invitedAt, expires_at: expiresAt });
  return moved === 1;
}

/** Writes the status it has once more: a new row version, with nothing else changed. */
export async function rewriteSurveyStatus(trx: Knex, surveyId: string, status: SurveyStatus): Promise<void> {
  await trx('surveys').where({ id: surveyId }).update({ status });
}

/**
 * Ends an open survey. No time is written: the moment a survey was answered would sit beside
 * the case and could be matched with the answer's own time.
 */
export async function endSurvey(
  trx: Knex,
  surveyId: string,
  status: 'answered' | 'declined' | 'expired',
): Promise<boolean> {
  const moved = await trx('surveys').where({ id: surveyId, status: 'open' }).update({ status });
  if (moved !== 1) return false;
  await deleteSurveyTokens(trx, surveyId);
  return true;
}
