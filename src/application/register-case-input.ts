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
  .regex(/^\+?[0-9][0-9 ()-]{5,18}[0-9]$/, 'Ange ett telefonnummer med siffror, t.ex. +46701234567 eller 070-123 45 67.')
  .transform((v) => v.replace(/[ ()-]/g, ''));

export const registerCaseSchema = z
  .object({
    kind: z.enum(caseKinds),
    category: z.enum(categoryCodes).optional(),
    channel: z.enum(channels),
    subject: plainText(300),
    description: optionalText(20000).default(''),
    company: z
      .object({
        orgNumber: plainText(20).meta({ description: 'Organisationsnummer or, for a sole trader, personnummer; any common form.' }),
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
      .meta({ description: 'Whether the company may get the follow-up survey after the case closes. Required for a company case registered on a personnummer (sole trader); an organisation is surveyed unless this is false.' }),
  })
  // A misspelt field (say `recievedAt`) must not be dropped silently.
  .strict()
  .meta({ id: 'RegisterCase' });

export type RegisterCaseInput = z.output<typeof registerCaseSchema>;
