import { z } from 'zod';
import { plainText } from '../src/domain/text.js';
import { defineEvents, labelsOf, type EventOf } from './event-definition.js';

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
  ACKNOWLEDGE: z.object({ message: text(4000).optional().describe('Meddelande till klaganden') }),
  ASSIGN: z.object({ assigneeId: z.uuid().describe('Handläggare') }),
  START_INVESTIGATION: z.object({}),
  ANSWER: z.object({
    answer: text(20000).describe('Svar till klaganden'),
    measures: text(20000).describe('Åtgärder'),
  }),
  // Anonymous complaints get no answer, but what was done about them is still recorded.
  CLOSE: z.object({ measures: text(20000).optional().describe('Åtgärder') }),
  DISSATISFIED: z.object({ reason: text(4000).describe('Vad klaganden är missnöjd med') }),
  // Who withdraws it is said, so the complainant never reads the municipality's withdrawal as its own.
  WITHDRAW: z.object({
    reason: text(4000).describe('Skäl för återkallelsen'),
    withdrawnBy: z
      .enum(['complainant', 'municipality'], 'Ange vem som återkallar klagomålet: klaganden eller kommunen.')
      .describe('Vem som återkallar klagomålet'),
  }),
} as const;

export type ComplaintEventType = keyof typeof complaintEventSchemas;
export type ComplaintEvent = EventOf<typeof complaintEventSchemas>;

// Who acts on a complaint is mostly the unit's manager and whoever the manager hands it to;
// src/domain/roles.ts holds those rules, and these roles only say who may ever send the event.
export const complaintEvents = defineEvents(complaintEventSchemas, {
  ACKNOWLEDGE: {
    label: 'Bekräfta mottagandet',
    history: 'Vi bekräftade klagomålet',
    done: 'Mottagandet är bekräftat.',
    roles: ['officer', 'manager'],
    mail: 'complaint_ack',
    clocks: { complaint_ack: 'stops' },
    example: {},
  },
  ASSIGN: {
    label: 'Tilldela handläggare',
    history: null,
    done: 'Handläggaren är vald.',
    roles: ['manager'],
    mail: null,
    clocks: { complaint_ack: 'stops' },
    example: { assigneeId: '00000000-0000-4000-8000-000000000000' },
  },
  START_INVESTIGATION: {
    label: 'Påbörja utredning',
    history: 'Vi började utreda klagomålet',
    done: 'Utredningen är påbörjad.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: { complaint_ack: 'stops' },
    example: {},
  },
  ANSWER: {
    label: 'Besvara',
    history: 'Vi besvarade klagomålet',
    done: 'Svaret är registrerat.',
    roles: ['officer', 'manager'],
    mail: 'complaint_answer',
    clocks: { complaint_ack: 'stops', complaint_answer: 'stops', complaint_review: 'stops' },
    example: { answer: 'Vi ber om ursäkt.', measures: 'Samtalsrutinen har setts över.' },
  },
  CLOSE: {
    label: 'Avsluta',
    history: 'Klagomålet avslutades',
    done: 'Klagomålet är avslutat.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: { complaint_ack: 'stops', complaint_answer: 'stops', complaint_review: 'stops' },
    example: { measures: 'Rutinen har setts över.' },
  },
  DISSATISFIED: {
    label: 'Klaganden är inte nöjd',
    history: 'Du sa att du inte var nöjd med svaret',
    done: 'Att klaganden inte är nöjd är registrerat.',
    roles: ['registrar', 'manager'],
    mail: null,
    clocks: { complaint_ack: 'stops', complaint_review: 'starts' },
    example: { reason: 'Svaret förklarar inget.' },
  },
  WITHDRAW: {
    label: 'Återkalla',
    // Said as it happened: the complainant's own withdrawal, or the municipality's.
    history: 'Du återkallade klagomålet',
    done: 'Klagomålet är återkallat.',
    roles: ['registrar', 'manager'],
    mail: null,
    clocks: { complaint_ack: 'cancels', complaint_answer: 'cancels', complaint_review: 'cancels' },
    example: { reason: 'Klaganden drog tillbaka klagomålet.', withdrawnBy: 'complainant' },
  },
});

export const complaintEventLabels = labelsOf(complaintEvents);
