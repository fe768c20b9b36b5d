import { z } from 'zod';
import { optionalText, plainText } from '../domain/text.js';
import { categoryCodes } from '../domain/categories.js';
import { unitCodes } from '../domain/units.js';
import { complaintConcerns } from '../../workflows/complaint-events.js';
import { caseKinds } from '../../workflows/registry.js';

export const channels = ['phone', 'visit', 'email', 'eservice', 'letter', 'company_visit'] as const;

const phone = z
  .string()
  .trim()
  .regex(
    /^\+?[0-9][0-9 ()-]{5,18}[0-9]$/,
    'Ange ett telefonnummer med siffror, t.ex. +46701234567 eller 070-123 45 67.',
  )
  .transform((v) => v.replace(/[ ()-]/g, ''));

export const registerCaseSchema = z
  .object({
    kind: z.enum(caseKinds),
    category: z.enum(categoryCodes).optional(),
    categories: z
      .array(z.enum(categoryCodes))
      .min(2)
      .max(8)
      .optional()
      .meta({
        description:
          'Instead of `category`, for one matter under several categories (a restaurant: serveringstillstand, ' +
          'livsmedel, bygglov): one company case per category, registered together with the ' +
          'same company, contact and text, and proposed for one "dukat bord". The answer is ' +
          'the first case; `registeredTogether` lists them all.',
      }),
    channel: z.enum(channels),
    subject: plainText(300),
    description: optionalText(20000).default(''),
    company: z
      .object({
        orgNumber: plainText(20).meta({
          description: 'Organisationsnummer or, for a sole trader, personnummer; any common form.',
        }),
        name: plainText(300),
      })
      .optional(),
    contact: z
      .object({
        name: plainText(200),
        email: z.email().max(320).optional(),
        phone: phone.optional(),
      })
      .optional(),
    relatedCaseId: plainText(40).optional().meta({ description: 'Id or reference of the case a complaint is about.' }),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    concerns: z.array(z.enum(complaintConcerns)).min(1).max(complaintConcerns.length).optional(),
    anonymous: z.boolean().default(false),
    unit: z.enum(unitCodes).optional(),
    /** Other units the matter touches; with its own unit, two or more propose a "dukat bord". */
    involvedUnits: z.array(z.enum(unitCodes)).min(1).max(unitCodes.length).optional(),
    surveyConsent: z
      .boolean()
      .optional()
      .meta({
        description:
          'Whether the company may get the follow-up survey after the case closes. Required ' +
          'for a company case registered on a personnummer (sole trader); an organisation is ' +
          'surveyed unless this is false.',
      }),
  })
  // A misspelt field (say `recievedAt`) must not be dropped silently.
  .strict()
  .meta({ id: 'RegisterCase' });

export type RegisterCaseInput = z.output<typeof registerCaseSchema>;

type AnyObject = z.ZodObject<Record<string, z.ZodType>>;

/** The schema's fields in the order it declares them, nested fields after their parent. */
function fieldsOf(schema: AnyObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
    return [
      `${prefix}${key}`,
      ...(inner instanceof z.ZodObject ? fieldsOf(inner as AnyObject, `${prefix}${key}.`) : []),
    ];
  });
}

/** The order problems with a registration are reported in: the order of the fields. */
export const registrationFieldOrder = fieldsOf(registerCaseSchema as unknown as AnyObject);

/**
 * Sorts problems by the field they name, in `order`; a path under a listed field ("categories.1")
 * sorts with it, anything unknown last, ties as they came.
 */
export function inFieldOrder<E extends { path: string }>(errors: E[], order: readonly string[]): E[] {
  const rank = (path: string) => {
    let best = -1;
    for (const [i, f] of order.entries())
      if ((path === f || path.startsWith(`${f}.`)) && (best === -1 || f.length > order[best]!.length)) best = i;
    return best === -1 ? order.length : best;
  };
  return errors
    .map((e, i) => ({ e, i, r: rank(e.path) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}
