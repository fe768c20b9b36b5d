import type { FieldError } from '../../domain/errors.js';
import { registerCaseSchema, type RegisterCaseInput } from '../../application/register-case-input.js';
import { crossFieldErrors } from '../../application/register-case.js';
import { complaintConcerns } from '../../../workflows/complaint-events.js';
import { formIssues, listOf, textOf, type Values } from '../register/form-parts.js';

export const complaintFields = ['subject', 'description', 'concerns', 'channel', 'anonymous', 'orgNumber', 'companyName', 'contactName', 'contactEmail', 'contactPhone', 'relatedCase', 'unit'] as const;

const apiToField: Record<string, string> = {
  company: 'orgNumber',
  'company.orgNumber': 'orgNumber',
  'company.name': 'companyName',
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'contactPhone',
  relatedCaseId: 'relatedCase',
};
export const complaintFieldOf = (path: string) => apiToField[path] ?? path.split('.')[0] ?? path;

export interface ParsedComplaint {
  values: Values;
  concerns: string[];
  errors: FieldError[];
  input?: RegisterCaseInput;
}

/** The complaint form as the API's registration input: the same schema and the same rules across fields. */
export function parseComplaint(body: unknown, now: Date): ParsedComplaint {
  const values: Values = {};
  for (const f of complaintFields) if (f !== 'concerns') values[f] = textOf(body, f).trim();
  const concerns = listOf(body, 'concerns').filter((c) => (complaintConcerns as readonly string[]).includes(c));
  const anonymous = values.anonymous === 'ja';
  const hasContact = Boolean(values.contactName || values.contactEmail || values.contactPhone);
  const raw = {
    kind: 'complaint',
    channel: values.channel || 'phone',
    subject: values.subject,
    description: values.description,
    ...(values.orgNumber || values.companyName ? { company: { orgNumber: values.orgNumber, name: values.companyName } } : {}),
    ...(hasContact
      ? { contact: { name: values.contactName, ...(values.contactEmail ? { email: values.contactEmail } : {}), ...(values.contactPhone ? { phone: values.contactPhone } : {}) } }
      : {}),
    ...(values.relatedCase ? { relatedCaseId: values.relatedCase } : {}),
    ...(concerns.length ? { concerns } : {}),
    anonymous,
    ...(values.unit ? { unit: values.unit } : {}),
  };
  const parsed = registerCaseSchema.safeParse(raw);
  if (!parsed.success) return { values, concerns, errors: formIssues(parsed.error, complaintFieldOf) };
  const errors: FieldError[] = [];
  for (const e of crossFieldErrors(parsed.data, now).errors) {
    const path = complaintFieldOf(e.path);
    if (!errors.some((x) => x.path === path)) errors.push({ path, message: e.message });
  }
  return errors.length ? { values, concerns, errors } : { values, concerns, errors, input: parsed.data };
}
