import type { FieldError } from '../domain/errors.js';
import type { CompanyId } from '../domain/org-number.js';
import { insertSurveyConsent } from '../infra/db/survey-repository.js';
import type { TxContext } from './tx-context.js';

// A sole trader's case is a private person's personal data, and a survey is not needed to
// handle the case, so it is sent only after a yes asked for at registration (docs/survey.md).
// An organisation is surveyed as a legal person; its no is still respected.

/** A company case registered on a personnummer must say whether the owner wants the survey. */
export function surveyConsentErrors(
  kind: string,
  companyId: CompanyId | null,
  consent: boolean | undefined,
): FieldError[] {
  if (kind !== 'company_case' || companyId?.kind !== 'sole_trader' || consent !== undefined) return [];
  return [
    {
      path: 'surveyConsent',
      message:
        'Fråga om företagaren vill få en kort enkät när ärendet är avslutat, och ange svaret (true eller false).',
    },
  ];
}

/** Records the answer with the case, in the registering transaction; complaints are never surveyed. */
export async function recordSurveyConsent(
  tx: TxContext,
  caseId: string,
  kind: string,
  consent: boolean | undefined,
  now: string,
): Promise<void> {
  const { trx } = tx;
  if (kind !== 'company_case' || consent === undefined) return;
  await insertSurveyConsent(trx, caseId, consent, now);
}

/** Whether a case may be surveyed, given who the company is and what was answered. */
export function maySurvey(idKind: 'organisation' | 'sole_trader', consent: boolean | null): boolean {
  return idKind === 'sole_trader' ? consent === true : consent !== false;
}
