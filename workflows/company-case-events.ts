import { z } from 'zod';
import { plainText } from '../src/domain/text.js';
import { unitCodes } from '../src/domain/units.js';
import { defineEvents, labelsOf, type EventOf } from './event-definition.js';

// Payload schemas live beside the machine so the lifecycle is written once: the HTTP layer
// validates with them (400 naming the field) and the machine types its events from them.
const text = plainText;

export const decisionOutcomes = ['approved', 'partially_approved', 'rejected', 'dismissed', 'written_off'] as const;

export const companyCaseEventSchemas = {
  ROUTE: z.object({ unit: z.enum(unitCodes).describe('Enhet') }),
  RESOLVE_AT_FIRST_CONTACT: z.object({ resolution: text(4000).describe('Hur ärendet löstes') }),
  ASSIGN: z.object({ assigneeId: z.uuid().describe('Handläggare') }),
  START: z.object({}),
  REQUEST_COMPLEMENT: z.object({
    message: text(4000).describe('Vad företaget behöver komplettera med'),
    dueDate: z.iso.date().optional().describe('Sista dag för kompletteringen'),
  }),
  COMPLEMENT_RECEIVED: z.object({ note: text(4000).optional().describe('Vad som kom in') }),
  EXTEND_DEADLINE: z.object({
    reason: text(4000).describe('Skäl för förlängningen'),
    weeks: z.number().int().min(1).max(10).default(10).describe('Antal veckor'),
  }),
  DECIDE: z.object({
    outcome: z.enum(decisionOutcomes).describe('Utfall'),
    // FL 32 §: a decision that affects the company more than trivially carries a clear reasoning.
    reasoning: text(20000).describe('Motivering'),
    decidedBy: text(200).optional().describe('Beslutsfattare'),
    presentedBy: text(200).optional().describe('Föredragande'),
    participants: z.array(text(200)).max(20).optional().describe('Deltagare'),
    // PBL 12:8a: no fee reduction when the delay comes from a 9:102 decision (awaiting
    // strandskydd dispensation, expropriation or planning).
    delayCause: z
      .enum(['pbl_9_102'])
      .optional()
      .describe('Förseningen beror på ett beslut enligt PBL 9 kap. 102 § (ingen avgiftsreduktion)'),
  }),
  CLOSE: z.object({ note: text(4000).optional().describe('Anteckning') }),
  REOPEN: z.object({ reason: text(4000).describe('Skäl för att återöppna') }),
  WITHDRAW: z.object({ reason: text(4000).describe('Skäl för återkallelsen') }),
} as const;

export type CompanyCaseEventType = keyof typeof companyCaseEventSchemas;
export type CompanyCaseEvent = EventOf<typeof companyCaseEventSchemas>;

const staff = ['officer', 'manager'] as const;

export const companyCaseEvents = defineEvents(companyCaseEventSchemas, {
  ROUTE: {
    label: 'Lotsa till enhet',
    history: 'Ärendet skickades till rätt enhet',
    done: 'Ärendet är lotsat till enheten.',
    roles: ['registrar', ...staff],
    mail: null,
    clocks: {},
    example: { unit: 'bygglov' },
  },
  RESOLVE_AT_FIRST_CONTACT: {
    label: 'Löst direkt',
    history: 'Ärendet löstes direkt',
    done: 'Ärendet är registrerat som löst direkt.',
    roles: ['registrar'],
    mail: 'resolved_at_first_contact',
    clocks: { first_contact: 'stops', decision: 'cancels' },
    example: { resolution: 'Besked lämnat direkt i telefon.' },
  },
  ASSIGN: {
    label: 'Tilldela handläggare',
    history: 'En handläggare fick ditt ärende',
    done: 'Handläggaren är vald.',
    roles: staff,
    mail: 'assigned',
    clocks: { first_contact: 'stops' },
    example: { assigneeId: '00000000-0000-4000-8000-000000000000' },
  },
  START: {
    label: 'Påbörja handläggning',
    history: 'Handläggningen började',
    done: 'Handläggningen är påbörjad.',
    roles: staff,
    mail: null,
    clocks: { first_contact: 'stops' },
    example: {},
  },
  REQUEST_COMPLEMENT: {
    label: 'Begär komplettering',
    history: 'Vi bad dig om komplettering',
    done: 'Kompletteringen är begärd. Företaget får ett e-postmeddelande, och beslutstiden väntar tills kompletteringen kommit in.',
    roles: staff,
    mail: 'complement_request',
    clocks: { first_contact: 'stops', decision: 'pauses' },
    pause: {
      staff: 'i väntan på komplettering',
      staffUntil: 'när kompletteringen kommit in',
      public: 'medan vi väntar på din komplettering',
      publicUntil: 'när kompletteringen har kommit in',
    },
    example: { message: 'Skicka in en situationsplan.' },
  },
  COMPLEMENT_RECEIVED: {
    label: 'Komplettering inkommen',
    history: 'Vi tog emot din komplettering',
    done: 'Kompletteringen är registrerad och handläggningen fortsätter.',
    roles: staff,
    mail: null,
    clocks: { first_contact: 'stops', decision: 'resumes' },
    example: { note: 'Situationsplan inkommen.' },
  },
  EXTEND_DEADLINE: {
    label: 'Förläng tidsfristen',
    history: 'Tidsfristen för beslut förlängdes',
    done: 'Tidsfristen är förlängd och företaget får besked om det.',
    roles: staff,
    mail: 'extension',
    clocks: { first_contact: 'stops', decision: 'extends' },
    example: { reason: 'Samråd med grannar krävs.', weeks: 10 },
  },
  DECIDE: {
    label: 'Fatta beslut',
    history: 'Beslut fattades',
    done: 'Beslutet är registrerat. Företaget får beslutet med motivering och hur man överklagar.',
    roles: staff,
    mail: 'decision',
    clocks: { first_contact: 'stops', decision: 'stops' },
    example: { outcome: 'approved', reasoning: 'Åtgärden följer detaljplanen.' },
  },
  CLOSE: {
    label: 'Avsluta',
    history: 'Ärendet avslutades',
    done: 'Ärendet är avslutat.',
    roles: staff,
    mail: null,
    clocks: { first_contact: 'stops' },
    example: {},
  },
  REOPEN: {
    label: 'Återöppna',
    history: 'Ärendet öppnades igen',
    done: 'Ärendet är återöppnat.',
    // The desk reopens only what it resolved itself (src/domain/roles.ts).
    roles: ['registrar', ...staff],
    mail: null,
    clocks: { first_contact: 'stops' },
    example: { reason: 'Beslutet saknade bilaga.' },
  },
  WITHDRAW: {
    label: 'Återkalla',
    history: 'Ärendet återkallades',
    done: 'Ärendet är återkallat.',
    roles: ['registrar', ...staff],
    mail: null,
    clocks: { first_contact: 'cancels', decision: 'cancels' },
    example: { reason: 'Sökanden drog tillbaka ansökan.' },
  },
});

export const companyCaseEventLabels = labelsOf(companyCaseEvents);
