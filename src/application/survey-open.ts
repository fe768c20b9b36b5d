import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { invitationAt, stockholmMonthOf } from '../domain/survey-schedule.js';
import { findCase } from '../infra/db/case-repository.js';
import { findCompanies, findContact } from '../infra/db/company-repository.js';
import {
  findSurveyConsent,
  findSurveyOfCase,
  insertSurveyIfAbsent,
  rescheduleSurvey,
  type SurveyRow,
} from '../infra/db/survey-repository.js';
import { maySurvey } from './survey-consent.js';
import { surveySettings } from './survey-settings.js';
import { inTransaction } from './tx-context.js';

/**
 * The states in which a company case counts as closed for the survey. "Beslut fattat" is still
 * open (the case is closed after it), and a withdrawn case was never handled to the end, so
 * neither is surveyed; complaints and visits have no survey at all.
 */
export const SURVEYED_STATES: readonly string[] = ['closed', 'resolved_at_first_contact'];

export interface CaseClosing {
  caseId: string;
  /** The state the case moved to. */
  to: string;
  /** When it moved there: the transition's own time, however late this runs. */
  closedAt: string;
}

/**
 * Creates the one survey of a case that has just closed, or, if the case was reopened and
 * closed again before the invitation went out, moves the survey to the latest closing. Runs
 * from the committed transition's outbox row, so it may run twice: the second run changes
 * nothing. Returns the survey whose invitation should be scheduled, if any.
 */
export async function openSurveyOnClose(ctx: AppContext, closing: CaseClosing): Promise<SurveyRow | null> {
  if (!SURVEYED_STATES.includes(closing.to)) return null;
  const closingDays = await ctx.reference.closingDays(ctx.db);
  const settings = surveySettings(ctx.config);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async ({ trx }) => {
    const c = await findCase(trx, closing.caseId);
    if (!c || c.kind !== 'company_case' || !c.contactId || !c.companyId) return null;
    const contact = await findContact(trx, c.contactId);
    const company = (await findCompanies(trx, [c.companyId])).get(c.companyId);
    if (!contact?.email || !company || !maySurvey(company.idKind, await findSurveyConsent(trx, c.id))) return null;

    const closedAt = new Date(closing.closedAt);
    const at = {
      // A matter resolved at first contact was handled by the desk, which never routed it.
      unit: c.unit ?? (closing.to === 'resolved_at_first_contact' ? 'medborgarcenter' : null),
      closedMonth: stockholmMonthOf(closedAt),
      closedAt: closedAt.toISOString(),
      sendAfter: invitationAt(closedAt, settings, closingDays).toISOString(),
    };
    const existing = await findSurveyOfCase(trx, c.id);
    if (!existing) {
      await insertSurveyIfAbsent(trx, {
        id: randomUUID(),
        caseId: c.id,
        area: c.category,
        ...at,
        status: 'scheduled',
        version: 1,
        invitedAt: null,
        expiresAt: null,
        createdAt: now,
      });
      return (await findSurveyOfCase(trx, c.id)) ?? null;
    }
    if (existing.status !== 'scheduled') return null;
    // Closed again before we asked: the survey is about the case as it finally closed.
    if (at.closedAt > existing.closedAt) return rescheduleSurvey(trx, existing, at);
    return existing;
  });
}
