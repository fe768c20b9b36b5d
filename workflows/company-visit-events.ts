import { z } from 'zod';
import { plainText, optionalText } from '../src/domain/text.js';
import { unitCodes } from '../src/domain/units.js';

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
  ASSIGN: z.object({ assigneeId: z.uuid() }),
  RECORD_VISIT: z.object({
    visitedOn: z.iso.date(),
    summary: text(20000),
    growthNeeds: z
      .array(z.object({ area: z.enum(growthAreas), description: text(2000) }).strict())
      .max(20)
      .default([]),
    // Each follow-up may later become a case for the unit that can act on it.
    followUps: z
      .array(z.object({ description: text(2000), unit: z.enum(unitCodes) }).strict())
      .max(20)
      .default([]),
  }),
  CLOSE: z.object({ note: optionalText(4000).optional() }),
  CANCEL: z.object({ reason: text(4000) }),
} as const;

export type CompanyVisitEventType = keyof typeof companyVisitEventSchemas;
export type CompanyVisitEvent = {
  [K in CompanyVisitEventType]: { type: K } & z.output<(typeof companyVisitEventSchemas)[K]>;
}[CompanyVisitEventType];

export const companyVisitEventLabels: Record<CompanyVisitEventType, string> = {
  ASSIGN: 'Utse besökare',
  RECORD_VISIT: 'Dokumentera besöket',
  CLOSE: 'Avsluta',
  CANCEL: 'Ställ in besöket',
};
