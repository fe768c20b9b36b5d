import type { Knex } from 'knex';
import type { FieldError } from '../../domain/errors.js';
import { findCategory } from '../../domain/categories.js';
import { isUnit } from '../../domain/units.js';
import { inFieldOrder, registerCaseSchema, type RegisterCaseInput } from '../../application/register-case-input.js';
import { companyById } from '../../application/search-companies.js';
import { registrationIssues } from '../../application/register-case.js';
import { companyCaseEventSchemas } from '../../../workflows/company-case-events.js';
import { isValidLocalDate } from '../../domain/local-date.js';
import { parseClockTime, stockholmIso } from '../service-group/meeting-time.js';
import { formIssues, listOf, textOf, type Values } from './form-parts.js';

/** The form's field names, in the order a person meets them; errors are listed in this order. */
export const registerFields = [
  'companyChoice',
  'orgNumber',
  'companyName',
  'contactName',
  'contactEmail',
  'contactPhone',
  'surveyConsent',
  'category',
  'moreCategories',
  'involvedUnits',
  'channel',
  'receivedDate',
  'receivedTime',
  'subject',
  'description',
  'next',
  'unit',
  'resolution',
] as const;

/** Fields with several values (checkboxes); their values are kept comma-separated. */
export const listFields = ['moreCategories', 'involvedUnits'] as const;
export const listValue = (values: Values, name: (typeof listFields)[number]) =>
  values[name] ? values[name].split(',') : [];

export type NextStep = 'route' | 'resolve' | 'none';

export interface ParsedRegistration {
  values: Values;
  errors: FieldError[];
  input?: RegisterCaseInput;
  /**
   * The event sent in the registering transaction, if any, to each case registered. A route
   * without a unit goes to each case's own category's unit.
   */
  step?: { type: 'ROUTE'; unit?: string } | { type: 'RESOLVE_AT_FIRST_CONTACT'; resolution: string };
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
  categories: 'category',
  receivedAt: 'receivedDate',
};
export const fieldOfApiPath = (path: string) =>
  apiToField[path] ?? apiToField[path.split('.')[0]!] ?? path.split('.')[0] ?? path;

/** A subject from the description's first line when none is typed, as a visit's follow-up gets one. */
const subjectFrom = (description: string) => {
  const first = description.split('\n')[0]!.trim();
  return first.length > 300 ? `${first.slice(0, 297)}…` : first;
};

/** The arrival date and time as typed, as the instant the API takes; a date alone is the start of that day in Stockholm. */
function receivedAtOf(values: Values, errors: FieldError[]): string | undefined {
  const date = values.receivedDate ?? '';
  const time = values.receivedTime ?? '';
  if (!date && !time) return undefined;
  if (!date) {
    errors.push({ path: 'receivedDate', message: 'Ange datumet då ärendet kom in, eller töm klockslaget.' });
    return undefined;
  }
  if (!isValidLocalDate(date)) {
    errors.push({ path: 'receivedDate', message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-27.' });
    return undefined;
  }
  if (time && !parseClockTime(time)) {
    errors.push({ path: 'receivedTime', message: 'Ange klockslaget som TT.MM, till exempel 9.30.' });
    return undefined;
  }
  return stockholmIso(date, time || '00:00') ?? undefined;
}

/**
 * Turns the desk's form into the same input the API takes (registerCaseSchema) and the event
 * that follows in the same submit. Only the schema, the registration's rules and the machine's
 * event schema decide what is valid; this adds that the desk always writes down what the matter
 * is. Every problem is reported at once, in the order of the fields.
 */
export async function parseRegistration(db: Knex, body: unknown, now: Date): Promise<ParsedRegistration> {
  const values: Values = {};
  for (const f of registerFields) values[f] = textOf(body, f).trim();
  for (const f of listFields)
    values[f] = [
      ...new Set(
        listOf(body, f)
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ].join(',');
  values.foretag = textOf(body, 'foretag').slice(0, 100);
  const errors: FieldError[] = [];
  const add = (e: FieldError) => {
    if (!errors.some((x) => x.path === e.path)) errors.push(e);
  };

  let company: { orgNumber: string; name: string } | undefined;
  if (values.companyChoice && values.companyChoice !== 'new') {
    company = await companyById(db, values.companyChoice);
    if (!company)
      add({ path: 'companyChoice', message: 'Företaget finns inte längre. Sök igen eller ange ett nytt företag.' });
  } else if (values.orgNumber || values.companyName) {
    company = { orgNumber: values.orgNumber!, name: values.companyName! };
  }
  const hasContact = Boolean(values.contactName || values.contactEmail || values.contactPhone);
  if (!values.description) add({ path: 'description', message: 'Beskriv vad företaget behöver hjälp med.' });
  // The category picked first, then any more for the same matter, each once.
  const chosen = [...new Set([...(values.category ? [values.category] : []), ...listValue(values, 'moreCategories')])];
  const involved = listValue(values, 'involvedUnits');
  const receivedAt = receivedAtOf(values, errors);

  const raw = {
    kind: 'company_case',
    ...(chosen.length === 1 ? { category: chosen[0] } : chosen.length > 1 ? { categories: chosen } : {}),
    channel: values.channel,
    // A placeholder keeps the schema's other checks running when the description is missing.
    subject: values.subject || subjectFrom(values.description ?? '') || '–',
    description: values.description,
    ...(company ? { company } : {}),
    ...(hasContact
      ? {
          contact: {
            name: values.contactName,
            ...(values.contactEmail ? { email: values.contactEmail } : {}),
            ...(values.contactPhone ? { phone: values.contactPhone } : {}),
          },
        }
      : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(involved.length ? { involvedUnits: involved } : {}),
    ...(values.surveyConsent === 'ja'
      ? { surveyConsent: true }
      : values.surveyConsent === 'nej'
        ? { surveyConsent: false }
        : {}),
  };
  // The schema's problems and the rules across fields (org number, contact, survey answer) together.
  const issues = registrationIssues(raw, now);
  const parsed = registerCaseSchema.safeParse(raw);
  const plain = parsed.success ? [] : formIssues(parsed.error, fieldOfApiPath);
  for (const e of issues.errors) {
    const path = fieldOfApiPath(e.path);
    // The schema's wording made plain for a person at a form, where there is one.
    const message =
      path === 'surveyConsent'
        ? 'Fråga om företagaren vill få en kort enkät när ärendet är avslutat, och välj svaret.'
        : path === 'category' && !chosen.length
          ? 'Välj en kategori.'
          : path === 'category' && e.path.startsWith('categories.')
            ? e.message
            : (plain.find((p) => p.path === path)?.message ?? e.message);
    // An empty subject can only come from an empty description, which is already reported.
    if (path === 'subject' && !values.description) continue;
    add({ path, message });
  }
  const next = (['route', 'resolve', 'none'] as const).find((s) => s === values.next) ?? 'route';
  values.next = next;
  let step: ParsedRegistration['step'];
  if (next === 'resolve') {
    const r = companyCaseEventSchemas.RESOLVE_AT_FIRST_CONTACT.safeParse({ resolution: values.resolution });
    if (chosen.length > 1)
      add({
        path: 'next',
        message: 'Ett ärende med flera kategorier lotsas till enheterna; det kan inte lösas direkt.',
      });
    else if (r.success) step = { type: 'RESOLVE_AT_FIRST_CONTACT', resolution: r.data.resolution };
    else
      add({
        path: 'resolution',
        message: values.resolution
          ? formIssues(r.error, () => 'resolution')[0]!.message
          : 'Skriv vilket svar företaget fick.',
      });
  } else if (next === 'route') {
    // No unit chosen: each case goes to its category's own unit, where it would be routed anyway.
    if (values.unit && !isUnit(values.unit)) add({ path: 'unit', message: 'Välj en enhet i listan.' });
    else if (values.unit && chosen.length > 1)
      add({
        path: 'unit',
        message: 'Med flera kategorier lotsas varje ärende till sin kategoris enhet. Välj ”Kategorins enhet”.',
      });
    else step = { type: 'ROUTE', ...(values.unit ? { unit: values.unit } : {}) };
  }
  const ordered = inFieldOrder(errors, registerFields);
  if (ordered.length || !issues.input) return { values, errors: ordered };
  return { values, errors: ordered, input: issues.input, step };
}

/** The unit a routing step sends this case to: the one chosen, else the case's category's. */
export const routeUnitOf = (step: { unit?: string }, category: string) => step.unit ?? findCategory(category)?.unit;
