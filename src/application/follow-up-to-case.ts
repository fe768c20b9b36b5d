import { z } from 'zod';
import type { AppContext } from '../context.js';
import { categories, type CategoryCode } from '../domain/categories.js';
import { AppError, notFound } from '../domain/errors.js';
import { canSeeCase, mayActOn, type Actor } from '../domain/roles.js';
import { optionalText, plainText } from '../domain/text.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';
import { findCompanies, findContact } from '../infra/db/company-repository.js';
import { claimFollowUp, findFollowUp } from '../infra/db/company-visit-repository.js';
import { registerCase } from './register-case.js';
import { sendCaseEvent } from './send-case-event.js';
import { parseInput } from './parse-input.js';

const companyCategories = categories.filter((c) => c.kind === 'company_case').map((c) => c.code) as [
  CategoryCode,
  ...CategoryCode[],
];

export const followUpCaseSchema = z
  .object({
    category: z.enum(companyCategories),
    subject: plainText(300).optional().meta({ description: "Defaults to the follow-up's description" }),
    description: optionalText(20000).optional(),
  })
  .strict()
  .meta({ id: 'FollowUpCase' });

/**
 * Turns a visit's follow-up into a case for the unit named in it: registered for the visited
 * company and its contact, linked to the visit, and routed to the unit, all in one
 * transaction. A follow-up becomes a case once.
 */
export async function followUpToCase(
  ctx: AppContext,
  actor: Actor,
  visitId: string,
  followUpId: string,
  raw: unknown,
): Promise<CaseRow> {
  const visit = await findCase(ctx.db, visitId);
  if (!visit || visit.kind !== 'company_visit' || !canSeeCase(actor, visit)) throw notFound('Besöket');
  if (!mayActOn(actor, visit, 'RECORD_VISIT'))
    throw new AppError('forbidden', 'Din roll får inte göra ärenden av besökets uppföljningar.');
  const input = parseInput(followUpCaseSchema, raw);
  const followUp = await findFollowUp(ctx.db, visit.id, followUpId);
  if (!followUp) throw notFound('Uppföljningen');
  if (followUp.createdCaseId)
    throw new AppError('conflict', 'Uppföljningen har redan blivit ett ärende.', [], {
      caseId: followUp.createdCaseId,
    });
  const company = (await findCompanies(ctx.db, [visit.companyId!])).get(visit.companyId!)!;
  const contact = visit.contactId ? await findContact(ctx.db, visit.contactId) : undefined;
  const description = String(followUp.description);
  return registerCase(
    ctx,
    actor,
    {
      kind: 'company_case',
      category: input.category,
      channel: 'company_visit',
      subject: input.subject ?? (description.length > 300 ? `${description.slice(0, 297)}…` : description),
      description: input.description ?? description,
      company: { orgNumber: company.orgNumber, name: company.name },
      ...(contact
        ? {
            contact: {
              name: contact.name,
              ...(contact.email ? { email: contact.email } : {}),
              ...(contact.phone ? { phone: contact.phone } : {}),
            },
          }
        : {}),
      relatedCaseId: visit.id,
      anonymous: false,
    },
    {
      within: async (tx, row) => {
        const { trx } = tx;
        // The claim on the follow-up is what makes "once" hold under concurrent clicks.
        if (!(await claimFollowUp(trx, followUp.id, row.id)))
          throw new AppError('conflict', 'Uppföljningen har redan blivit ett ärende.');
        await sendCaseEvent(tx, actor, row.id, {
          type: 'ROUTE',
          expectedVersion: row.version,
          unit: followUp.unit,
        });
      },
    },
  );
}
