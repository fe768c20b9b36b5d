import { z } from 'zod';
import { plainText, optionalText } from '../src/domain/text.js';
import { unitCodes } from '../src/domain/units.js';
import { defineEvents, labelsOf, type EventOf } from './event-definition.js';

const text = plainText;

// What a company may need to grow, as Näringsliv records it after a guided visit.
export const growthAreas = [
  'premises',
  'permits',
  'recruitment',
  'financing',
  'infrastructure',
  'procurement',
  'networks',
  'other',
] as const;
export type GrowthArea = (typeof growthAreas)[number];

export const growthAreaLabels: Record<GrowthArea, string> = {
  premises: 'Lokaler och mark',
  permits: 'Tillstånd och myndighetskontakter',
  recruitment: 'Kompetensförsörjning',
  financing: 'Finansiering',
  infrastructure: 'Infrastruktur och kommunikationer',
  procurement: 'Upphandling',
  networks: 'Nätverk och samarbeten',
  other: 'Annat',
};

export const companyVisitEventSchemas = {
  ASSIGN: z.object({ assigneeId: z.uuid().describe('Handläggare') }),
  RECORD_VISIT: z.object({
    visitedOn: z.iso.date().describe('Besöksdatum'),
    summary: text(20000).describe('Sammanfattning av besöket'),
    growthNeeds: z
      .array(z.object({ area: z.enum(growthAreas), description: text(2000) }).strict())
      .max(20)
      .default([])
      .describe('Företagets behov för att växa'),
    // Each follow-up may later become a case for the unit that can act on it.
    followUps: z
      .array(z.object({ description: text(2000), unit: z.enum(unitCodes) }).strict())
      .max(20)
      .default([])
      .describe('Uppföljningar'),
  }),
  CLOSE: z.object({ note: optionalText(4000).optional().describe('Anteckning') }),
  CANCEL: z.object({ reason: text(4000).describe('Skäl för att ställa in besöket') }),
} as const;

export type CompanyVisitEventType = keyof typeof companyVisitEventSchemas;
export type CompanyVisitEvent = EventOf<typeof companyVisitEventSchemas>;

// A visit has no guarantee clocks and sends the company no mail of its own.
export const companyVisitEvents = defineEvents(companyVisitEventSchemas, {
  ASSIGN: {
    label: 'Utse besökare',
    history: null,
    done: 'Besökaren är utsedd.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: {},
    example: { assigneeId: '00000000-0000-4000-8000-000000000000' },
  },
  RECORD_VISIT: {
    label: 'Dokumentera besöket',
    history: null,
    done: 'Besöket är dokumenterat.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: {},
    example: {
      visitedOn: '2026-11-19',
      summary: 'Företaget vill växa.',
      followUps: [{ description: 'Markfråga', unit: 'mark-exploatering' }],
    },
  },
  CLOSE: {
    label: 'Avsluta',
    history: 'Besöket avslutades',
    done: 'Besöket är avslutat.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: {},
    example: {},
  },
  CANCEL: {
    label: 'Ställ in besöket',
    history: null,
    done: 'Besöket är inställt.',
    roles: ['officer', 'manager'],
    mail: null,
    clocks: {},
    example: { reason: 'Företaget lade ned verksamheten.' },
  },
});

export const companyVisitEventLabels = labelsOf(companyVisitEvents);
