import type { Knex } from 'knex';
import type { FieldError } from '../../domain/errors.js';
import { findCategory } from '../../domain/categories.js';
import { isUnit } from '../../domain/units.js';
import { registerCaseSchema, type RegisterCaseInput } from '../../application/register-case-input.js';
import { companyById } from '../../application/search-companies.js';
import { crossFieldErrors } from '../../application/register-case.js';
import { companyCaseEventSchemas } from '../../../workflows/company-case-events.js';
import { formIssues, textOf, type Values } from './form-parts.js';

/** The form's field names, in the order a person meets them; errors point at these. */
export const registerFields = ['companyChoice', 'orgNumber', 'companyName', 'contactName', 'contactEmail', 'contactPhone', 'surveyConsent', 'category', 'channel', 'subject', 'description', 'next', 'unit', 'resolution'] as const;

export type NextStep = 'route' | 'resolve' | 'none';

export interface ParsedRegistration {
  values: Values;
  errors: FieldError[];
  input?: RegisterCaseInput;
  /** The event sent in the registering transaction, if any. */
  step?: { type: 'ROUTE'; unit: string } | { type: 'RESOLVE_AT_FIRST_CONTACT'; resolution: string };
}

// The API's paths, on the form's fields.
const apiToField: Record<string, string> = {
  company: 'orgNumber',
  'company.orgNumber': 'orgNumber',
  'company.name': 'companyName',
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'contactPhone',
};
export const fieldOfApiPath = (path: string) => apiToField[path] ?? path.split('.')[0] ?? path;

/** A subject from the description's first line when none is typed, as a visit's follow-up gets one. */
const subjectFrom = (description: string) => {
  const first = description.split('\n')[0]!.trim();
  return first.length > 300 ? `${first.slice(0, 297)}…` : first;
};

/**
 * Turns the desk's form into the same input the API takes (registerCaseSchema) and the event
 * that follows in the same submit. Only the schema, registerCase and the machine's event schema
 * decide what is valid; this adds that the desk always writes down what the matter is.
 */
export async function parseRegistration(db: Knex, body: unknown, now: Date): Promise<ParsedRegistration> {
  const values: Values = {};
  for (const f of registerFields) values[f] = textOf(body, f).trim();
  values.description = textOf(body, 'description').trim();
  values.resolution = textOf(body, 'resolution').trim();
  values.foretag = textOf(body, 'foretag').slice(0, 100);
  const errors: FieldError[] = [];

  let company: { orgNumber: string; name: string } | undefined;
  if (values.companyChoice && values.companyChoice !== 'new') {
    company = await companyById(db, values.companyChoice);
    if (!company) errors.push({ path: 'companyChoice', message: 'Företaget finns inte längre. Sök igen eller ange ett nytt företag.' });
  } else if (values.orgNumber || values.companyName) {
    company = { orgNumber: values.orgNumber!, name: values.companyName! };
  }
  const hasContact = Boolean(values.contactName || values.contactEmail || values.contactPhone);
  if (!values.description) errors.push({ path: 'description', message: 'Beskriv vad företaget behöver hjälp med.' });

  const raw = {
    kind: 'company_case',
    ...(values.category ? { category: values.category } : {}),
    channel: values.channel,
    // A placeholder keeps the schema's other checks running when the description is missing.
    subject: values.subject || subjectFrom(values.description ?? '') || '–',
    description: values.description,
    ...(company ? { company } : {}),
    ...(hasContact
      ? { contact: { name: values.contactName, ...(values.contactEmail ? { email: values.contactEmail } : {}), ...(values.contactPhone ? { phone: values.contactPhone } : {}) } }
      : {}),
    ...(values.surveyConsent === 'ja' ? { surveyConsent: true } : values.surveyConsent === 'nej' ? { surveyConsent: false } : {}),
  };
  const parsed = registerCaseSchema.safeParse(raw);
  if (!parsed.success) {
    // An empty subject can only come from an empty description, which is already reported.
    for (const e of formIssues(parsed.error, fieldOfApiPath)) if (!errors.some((x) => x.path === e.path)) errors.push(e);
  } else {
    // The rules across fields (org number, contact, survey answer) at once with the rest.
    for (const e of crossFieldErrors(parsed.data, now).errors) {
      const path = fieldOfApiPath(e.path);
      // The API asks for true or false; a person at the form picks yes or no.
      const message = path === 'surveyConsent' ? 'Fråga om företagaren vill få en kort enkät när ärendet är avslutat, och välj svaret.' : e.message;
      if (!errors.some((x) => x.path === path)) errors.push({ path, message });
    }
  }
  const next = (['route', 'resolve', 'none'] as const).find((s) => s === values.next) ?? 'route';
  values.next = next;
  let step: ParsedRegistration['step'];
  if (next === 'resolve') {
    const r = companyCaseEventSchemas.RESOLVE_AT_FIRST_CONTACT.safeParse({ resolution: values.resolution });
    if (r.success) step = { type: 'RESOLVE_AT_FIRST_CONTACT', resolution: r.data.resolution };
    else errors.push({ path: 'resolution', message: values.resolution ? formIssues(r.error, () => 'resolution')[0]!.message : 'Skriv vilket svar företaget fick.' });
  } else if (next === 'route') {
    // No unit chosen: the category's own unit, the one the case would be routed to anyway.
    const unit = values.unit || (values.category ? findCategory(values.category)?.unit : undefined);
    if (values.unit && !isUnit(values.unit)) errors.push({ path: 'unit', message: 'Välj en enhet i listan.' });
    else if (unit) step = { type: 'ROUTE', unit };
  }
  if (errors.length || !parsed.success) return { values, errors };
  return { values, errors, input: parsed.data, step };
}
