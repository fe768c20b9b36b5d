import { z } from 'zod';
import { plainText } from '../src/domain/text.js';
import { unitCodes } from '../src/domain/units.js';

// Payload schemas live beside the machine so the lifecycle is written once: the HTTP layer
// validates with them (400 naming the field) and the machine types its events from them.
const text = plainText;

export const decisionOutcomes = ['approved', 'partially_approved', 'rejected', 'dismissed', 'written_off'] as const;

export const companyCaseEventSchemas = {
  ROUTE: z.object({ unit: z.enum(unitCodes) }),
  RESOLVE_AT_FIRST_CONTACT: z.object({ resolution: text(4000) }),
  ASSIGN: z.object({ assigneeId: z.uuid() }),
  START: z.object({}),
  REQUEST_COMPLEMENT: z.object({
    message: text(4000),
    dueDate: z.iso.date().optional(),
  }),
  COMPLEMENT_RECEIVED: z.object({ note: text(4000).optional() }),
  EXTEND_DEADLINE: z.object({ reason: text(4000), weeks: z.number().int().min(1).max(10).default(10) }),
  DECIDE: z.object({
    outcome: z.enum(decisionOutcomes),
    // FL 32 §: a decision that affects the company more than trivially carries a clear reasoning.
    reasoning: text(20000),
    decidedBy: text(200).optional(),
    presentedBy: text(200).optional(),
    participants: z.array(text(200)).max(20).optional(),
    // PBL 12:8a: no fee reduction when the delay comes from a 9:102 decision (awaiting
    // strandskydd dispensation, expropriation or planning).
    delayCause: z.enum(['pbl_9_102']).optional(),
  }),
  CLOSE: z.object({ note: text(4000).optional() }),
  REOPEN: z.object({ reason: text(4000) }),
  WITHDRAW: z.object({ reason: text(4000) }),
} as const;

export type CompanyCaseEventType = keyof typeof companyCaseEventSchemas;
export type CompanyCaseEvent = {
  [K in CompanyCaseEventType]: { type: K } & z.output<(typeof companyCaseEventSchemas)[K]>;
}[CompanyCaseEventType];

export const companyCaseEventLabels: Record<CompanyCaseEventType, string> = {
  ROUTE: 'Lotsa till enhet',
  RESOLVE_AT_FIRST_CONTACT: 'Löst direkt',
  ASSIGN: 'Tilldela handläggare',
  START: 'Påbörja handläggning',
  REQUEST_COMPLEMENT: 'Begär komplettering',
  COMPLEMENT_RECEIVED: 'Komplettering inkommen',
  EXTEND_DEADLINE: 'Förläng tidsfristen',
  DECIDE: 'Fatta beslut',
  CLOSE: 'Avsluta',
  REOPEN: 'Återöppna',
  WITHDRAW: 'Återkalla',
};
