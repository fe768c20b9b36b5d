import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ServiceFactor } from '../../domain/nki.js';

/**
 * An answer of the follow-up survey: the area, the unit and the month the case closed, and
 * nothing that leads back to the case.
 */
export interface SurveyAnswerRow {
  area: string;
  unit: string | null;
  closedMonth: string;
  answeredAt: string;
  nkiOverall: number;
  nkiExpectations: number;
  nkiIdeal: number;
  /** 1–6, or null for a factor not answered. */
  factors: Record<ServiceFactor, number | null>;
  comment: string | null;
}

/** Stores an answer under a random id, so the order of the ids says nothing about when it came. */
export async function insertSurveyAnswer(trx: Knex, a: SurveyAnswerRow): Promise<void> {
  await trx('survey_answers').insert({
    id: randomUUID(),
    area: a.area,
    unit: a.unit,
    closed_month: a.closedMonth,
    answered_at: a.answeredAt,
    nki_overall: a.nkiOverall,
    nki_expectations: a.nkiExpectations,
    nki_ideal: a.nkiIdeal,
    f_information: a.factors.information,
    f_tillganglighet: a.factors.tillganglighet,
    f_bemotande: a.factors.bemotande,
    f_kompetens: a.factors.kompetens,
    f_rattssakerhet: a.factors.rattssakerhet,
    f_effektivitet: a.factors.effektivitet,
    comment: a.comment,
  });
}
