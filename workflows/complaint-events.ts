import { z } from 'zod';
import { plainText } from '../src/domain/text.js';

const text = plainText;

// What a complaint is about: Insikt's service factors plus "other".
export const complaintConcerns = [
  'treatment',
  'efficiency',
  'competence',
  'information',
  'accessibility',
  'legal_certainty',
  'other',
] as const;
export type ComplaintConcern = (typeof complaintConcerns)[number];

export const complaintConcernLabels: Record<ComplaintConcern, string> = {
  treatment: 'Bemötande',
  efficiency: 'Effektivitet',
  competence: 'Kompetens',
  information: 'Information',
  accessibility: 'Tillgänglighet',
  legal_certainty: 'Rättssäkerhet',
  other: 'Annat',
};

export const complaintEventSchemas = {
  ACKNOWLEDGE: z.object({ message: text(4000).optional() }),
  ASSIGN: z.object({ assigneeId: z.uuid() }),
  START_INVESTIGATION: z.object({}),
  ANSWER: z.object({ answer: text(20000), measures: text(20000) }),
  // Anonymous complaints get no answer, but what was done about them is still recorded.
  CLOSE: z.object({ measures: text(20000).optional() }),
  DISSATISFIED: z.object({ reason: text(4000) }),
  // Who withdraws it is said, so the complainant never reads the municipality's withdrawal as its own.
  WITHDRAW: z.object({
    reason: text(4000),
    withdrawnBy: z.enum(
      ['complainant', 'municipality'],
      'Ange vem som återkallar klagomålet: klaganden eller kommunen.',
    ),
  }),
} as const;

export type ComplaintEventType = keyof typeof complaintEventSchemas;
export type ComplaintEvent = {
  [K in ComplaintEventType]: { type: K } & z.output<(typeof complaintEventSchemas)[K]>;
}[ComplaintEventType];

export const complaintEventLabels: Record<ComplaintEventType, string> = {
  ACKNOWLEDGE: 'Bekräfta mottagandet',
  ASSIGN: 'Tilldela handläggare',
  START_INVESTIGATION: 'Påbörja utredning',
  ANSWER: 'Besvara',
  CLOSE: 'Avsluta',
  DISSATISFIED: 'Klaganden är inte nöjd',
  WITHDRAW: 'Återkalla',
};
