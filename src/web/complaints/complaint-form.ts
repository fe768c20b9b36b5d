import type { FieldError } from '../../domain/errors.js';
import { inFieldOrder, registerCaseSchema, type RegisterCaseInput } from '../../application/register-case-input.js';
import { registrationIssues } from '../../application/register-case.js';
import { complaintConcerns } from '../../../workflows/complaint-events.js';
import { formIssues, listOf, textOf, type Values } from '../register/form-parts.js';

/** The form's field names, in the order the page shows them; errors are listed in this order. */
export const complaintFields = [
  'subject',
  'description',
  'concerns',
  'channel',
  'anonymous',
  'contactName',
  'contactEmail',
  'contactPhone',
  'orgNumber',
  'companyName',
  'relatedCase',
  'unit',
] as const;

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
    ...(values.orgNumber || values.companyName
      ? { company: { orgNumber: values.orgNumber, name: values.companyName } }
      : {}),
    ...(hasContact
      ? {
          contact: {
            name: values.contactName,
            ...(values.contactEmail ? { email: values.contactEmail } : {}),
            ...(values.contactPhone ? { phone: values.contactPhone } : {}),
          },
        }
      : {}),
    ...(values.relatedCase ? { relatedCaseId: values.relatedCase } : {}),
    ...(concerns.length ? { concerns } : {}),
    anonymous,
    ...(values.unit ? { unit: values.unit } : {}),
  };
  // Every problem at once, the schema's and the rules across fields, in the order of the fields;
  // the schema's wording made plain for a person where the form has it.
  const issues = registrationIssues(raw, now);
  const parsed = registerCaseSchema.safeParse(raw);
  const plain = parsed.success ? [] : formIssues(parsed.error, complaintFieldOf);
  const errors: FieldError[] = [];
  for (const e of issues.errors) {
    const path = complaintFieldOf(e.path);
    if (!errors.some((x) => x.path === path))
      errors.push({ path, message: plain.find((p) => p.path === path)?.message ?? e.message });
  }
  const ordered = inFieldOrder(errors, complaintFields);
  return issues.input
    ? { values, concerns, errors: ordered, input: issues.input }
    : { values, concerns, errors: ordered };
}
