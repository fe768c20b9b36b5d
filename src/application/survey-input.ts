import { z } from 'zod';
import { serviceFactors, type ServiceFactor } from '../domain/nki.js';
import { optionalText } from '../domain/text.js';

const nkiMessage = 'Välj ett svar från 1 till 10.';
const factorMessage = 'Välj ett svar från 1 till 6, eller "Vet ej".';

const nkiAnswer = z.number({ error: nkiMessage }).int(nkiMessage).min(1, nkiMessage).max(10, nkiMessage);
// null is "vet ej": a factor the respondent cannot judge is skipped, not guessed.
const factorAnswer = z
  .number({ error: factorMessage })
  .int(factorMessage)
  .min(1, factorMessage)
  .max(6, factorMessage)
  .nullable()
  .optional();

export const surveyAnswerSchema = z
  .object({
    nkiOverall: nkiAnswer.meta({ description: 'Hur nöjd är du sammantaget med kommunens service i ditt ärende? 1–10' }),
    nkiExpectations: nkiAnswer.meta({ description: 'Hur väl motsvarade servicen dina förväntningar? 1–10' }),
    nkiIdeal: nkiAnswer.meta({ description: 'Hur nära ett idealiskt serviceutförande kom kommunen? 1–10' }),
    information: factorAnswer,
    tillganglighet: factorAnswer,
    bemotande: factorAnswer,
    kompetens: factorAnswer,
    rattssakerhet: factorAnswer,
    effektivitet: factorAnswer,
    comment: optionalText(2000).nullable().optional(),
  })
  .strict()
  .meta({
    id: 'SurveyAnswer',
    description: 'NKI questions 1–10; service factors 1–6, null or absent for "vet ej"; an optional comment.',
  });

export type SurveyAnswerInput = z.output<typeof surveyAnswerSchema>;

const numberFields = ['nkiOverall', 'nkiExpectations', 'nkiIdeal', ...serviceFactors] as const;

/**
 * The HTML form sends strings: digits become numbers, an empty choice or "vet-ej" becomes
 * null, and anything else is left as it came, so the schema names the field.
 */
export function answerFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const f of numberFields) {
    const v = body[f];
    if (v === undefined) continue;
    if (v === '' || v === 'vet-ej') out[f] = (serviceFactors as readonly string[]).includes(f) ? null : undefined;
    else if (typeof v === 'string' && /^\d{1,3}$/.test(v)) out[f] = Number(v);
  }
  if (body.comment === '') out.comment = null;
  return out;
}

export const factorsOf = (a: SurveyAnswerInput): Record<ServiceFactor, number | null> =>
  Object.fromEntries(serviceFactors.map((f) => [f, a[f] ?? null])) as Record<ServiceFactor, number | null>;
