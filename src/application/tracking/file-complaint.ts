import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { formTokenNonce } from '../../domain/tracking-token.js';
import { optionalText, plainText } from '../../domain/text.js';
import { complaintConcerns } from '../../../workflows/complaint-events.js';
import { findCase, type CaseRow } from '../../infra/db/case-repository.js';
import { findFormTokenUse, recordFormTokenUse } from '../../infra/db/used-form-tokens.js';
import { findCompanies, findContact } from '../../infra/db/company-repository.js';
import { registerCase } from '../register-case.js';
import { registerCaseSchema } from '../register-case-input.js';
import { zodFieldErrors } from '../zod-errors.js';
import { ensureEserviceUser } from './eservice-actor.js';
import { resolveTracking } from './resolve-tracking.js';
import { currentTrackingUrl } from './tracking-links.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const oneOrMany = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

// A short form: what the complaint is about, what happened, and who we answer (by default the
// case's own contact person, so the page never has to show the contact's details).
export const complaintFormSchema = z.object({
  concerns: z.preprocess(
    oneOrMany,
    z
      .array(z.enum(complaintConcerns, 'Välj bland alternativen.'))
      .min(1, 'Välj minst ett alternativ.')
      .max(complaintConcerns.length),
  ),
  description: plainText(20000),
  contactName: z.preprocess(blankToUndefined, plainText(200).optional()),
  contactEmail: z.preprocess(blankToUndefined, z.email('Ange en giltig e-postadress.').max(320).optional()),
  contactPhone: z.preprocess(blankToUndefined, optionalText(30).optional()),
  formToken: z.string().optional(),
});

export type ComplaintForm = z.output<typeof complaintFormSchema>;

/**
 * A company complains about how its case was handled, from the case's tracking page. The
 * complaint is registered exactly as the desk would register it (registerCase, with its own
 * guarantee clocks), by the e-service account, linked to the case, for the case's company,
 * and belongs to the case's unit. Returns the complaint and its own tracking link.
 * The form is one-time: its nonce is recorded with the registration, so the same form sent
 * again (double click, reload) registers nothing and returns the complaint already filed.
 */
export async function fileComplaint(
  ctx: AppContext,
  token: string,
  raw: unknown,
): Promise<{ complaint: CaseRow; trackingUrl: string; alreadyFiled: boolean }> {
  const { row, generation, keys } = await resolveTracking(ctx, token);
  const body = (raw ?? {}) as Record<string, unknown>;
  const nonce = formTokenNonce(keys.secret, row.id, generation, 'complaint', body.formToken);
  if (!nonce) throw new AppError('forbidden', 'Formuläret har gått ut. Ladda om sidan och skicka igen.');
  const earlier = await alreadyFiled(ctx, nonce);
  if (earlier) return earlier;
  if (row.kind !== 'company_case')
    throw new AppError('event_not_accepted', 'Klagomål lämnas för ett ärende, inte för ett klagomål.');
  const parsed = complaintFormSchema.safeParse(body);
  if (!parsed.success)
    throw new AppError('invalid_input', 'Klagomålet kunde inte tas emot.', zodFieldErrors(parsed.error));
  const form = parsed.data;

  const ownContact = form.contactName || form.contactEmail || form.contactPhone;
  if (ownContact && !form.contactName)
    throw new AppError('invalid_input', 'Ange ditt namn.', [{ path: 'contactName', message: 'Ange ditt namn.' }]);
  const caseContact = row.contactId ? await findContact(ctx.db, row.contactId) : undefined;
  const contact = ownContact
    ? { name: form.contactName!, email: form.contactEmail, phone: form.contactPhone }
    : caseContact
      ? { name: caseContact.name, email: caseContact.email ?? undefined, phone: caseContact.phone ?? undefined }
      : undefined;
  const company = row.companyId ? (await findCompanies(ctx.db, [row.companyId])).get(row.companyId) : undefined;

  const input = registerCaseSchema.safeParse({
    kind: 'complaint',
    channel: 'eservice',
    subject: `Klagomål om handläggningen av ${row.reference}`,
    description: form.description,
    ...(company ? { company: { orgNumber: company.orgNumber, name: company.name } } : {}),
    ...(contact ? { contact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)) } : {}),
    relatedCaseId: row.id,
    concerns: [...new Set(form.concerns)],
  });
  if (!input.success)
    throw new AppError('invalid_input', 'Klagomålet kunde inte tas emot.', zodFieldErrors(input.error).map(formPath));
  const actor = await ensureEserviceUser(ctx.db, ctx.clock.now());
  let complaint: CaseRow;
  try {
    complaint = await registerCase(ctx, actor, input.data, {
      within: (tx, c) =>
        recordFormTokenUse(
          tx.trx,
          { nonce, caseId: row.id, form: 'complaint', resultCaseId: c.id },
          ctx.clock.now().toISOString(),
        ),
    });
  } catch (err) {
    // The same form sent twice at once: the other submit's registration holds the nonce.
    const other = await alreadyFiled(ctx, nonce);
    if (other) return other;
    if (err instanceof AppError && err.code === 'invalid_input')
      throw new AppError(err.code, err.message, err.errors.map(formPath));
    throw err;
  }
  return { complaint, trackingUrl: await currentTrackingUrl(ctx.config, ctx.db, complaint.id), alreadyFiled: false };
}

async function alreadyFiled(
  ctx: AppContext,
  nonce: string,
): Promise<{ complaint: CaseRow; trackingUrl: string; alreadyFiled: true } | undefined> {
  const use = await findFormTokenUse(ctx.db, nonce);
  const complaint = use?.resultCaseId ? await findCase(ctx.db, use.resultCaseId) : undefined;
  if (!complaint) return undefined;
  return { complaint, trackingUrl: await currentTrackingUrl(ctx.config, ctx.db, complaint.id), alreadyFiled: true };
}

// Registration names fields as the API does; the form's fields have their own names.
function formPath(e: { path: string; message: string }) {
  const map: Record<string, string> = {
    'contact.name': 'contactName',
    'contact.email': 'contactEmail',
    'contact.phone': 'contactPhone',
    contact: 'contactEmail',
  };
  return { path: map[e.path] ?? e.path, message: e.message };
}
