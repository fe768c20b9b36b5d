import type { UnitCode } from './units.js';

export type ClockKind = 'first_contact' | 'decision' | 'complaint_ack' | 'complaint_answer';
export type LengthUnit = 'working_days' | 'calendar_days' | 'weeks' | 'hours';

export interface PublishedGuarantee {
  clock: ClockKind;
  length: { value: number; unit: LengthUnit };
  label: string;
}

export interface Category {
  code: string;
  label: string;
  kind: 'company_case' | 'complaint';
  unit: UnitCode;
  /** Permit and notification cases under PBL: statutory limits, fee reduction, 9:100 receipt. */
  pbl: boolean;
  guarantees: PublishedGuarantee[];
}

const firstContact: PublishedGuarantee = {
  clock: 'first_contact',
  length: { value: 3, unit: 'working_days' },
  label: 'Du får besked om vem som handlägger ditt ärende inom 3 arbetsdagar',
};

const decision = (value: number, unit: LengthUnit, label: string): PublishedGuarantee => ({ clock: 'decision', length: { value, unit }, label });

// Defaults drawn from published municipal practice (see docs/guarantees.md for sources);
// a municipality sets its own promises.
export const categories: Category[] = [
  { code: 'bygglov', label: 'Bygglov', kind: 'company_case', unit: 'bygglov', pbl: true, guarantees: [firstContact, decision(10, 'weeks', 'Beslut inom 10 veckor från komplett ansökan (PBL 9 kap. 99 §)')] },
  { code: 'anmalan', label: 'Anmälan enligt PBL', kind: 'company_case', unit: 'bygglov', pbl: true, guarantees: [firstContact, decision(4, 'weeks', 'Startbesked eller beslut inom 4 veckor från komplett anmälan')] },
  { code: 'forhandsbesked', label: 'Förhandsbesked', kind: 'company_case', unit: 'bygglov', pbl: true, guarantees: [firstContact, decision(10, 'weeks', 'Beslut inom 10 veckor från komplett ansökan')] },
  { code: 'livsmedel', label: 'Livsmedelsregistrering', kind: 'company_case', unit: 'livsmedel', pbl: false, guarantees: [firstContact, decision(10, 'working_days', 'Registreringsbeslut inom 10 arbetsdagar')] },
  { code: 'miljo-halsoskydd', label: 'Miljö- och hälsoskydd', kind: 'company_case', unit: 'miljo-halsoskydd', pbl: false, guarantees: [firstContact, decision(6, 'weeks', 'Beslut inom 6 veckor från komplett ansökan')] },
  { code: 'serveringstillstand', label: 'Serveringstillstånd', kind: 'company_case', unit: 'serveringstillstand', pbl: false, guarantees: [firstContact, decision(8, 'weeks', 'Beslut om stadigvarande tillstånd inom 8 veckor från komplett ansökan')] },
  { code: 'brandskydd', label: 'Brandskydd och brandfarlig vara', kind: 'company_case', unit: 'raddningstjanst', pbl: false, guarantees: [firstContact, decision(6, 'weeks', 'Beslut inom 6 veckor från komplett ansökan')] },
  { code: 'markupplatelse', label: 'Markupplåtelse', kind: 'company_case', unit: 'mark-exploatering', pbl: false, guarantees: [firstContact, decision(15, 'working_days', 'Beslut inom 15 arbetsdagar')] },
  { code: 'etablering', label: 'Etablering och lokalisering', kind: 'company_case', unit: 'naringsliv', pbl: false, guarantees: [{ ...firstContact, length: { value: 2, unit: 'working_days' }, label: 'En kontaktperson hör av sig inom 2 arbetsdagar' }] },
  { code: 'upphandling', label: 'Upphandling', kind: 'company_case', unit: 'upphandling', pbl: false, guarantees: [firstContact] },
  { code: 'ovrigt', label: 'Övrigt', kind: 'company_case', unit: 'naringsliv', pbl: false, guarantees: [firstContact] },
  {
    code: 'klagomal',
    label: 'Klagomål på service och bemötande',
    kind: 'complaint',
    unit: 'naringsliv',
    pbl: false,
    guarantees: [
      { clock: 'complaint_ack', length: { value: 2, unit: 'working_days' }, label: 'Bekräftelse med namn på den som utreder inom 2 arbetsdagar' },
      { clock: 'complaint_answer', length: { value: 10, unit: 'working_days' }, label: 'Svar inom 10 arbetsdagar' },
    ],
  },
];

export const categoryCodes = categories.map((c) => c.code) as [string, ...string[]];
export const findCategory = (code: string) => categories.find((c) => c.code === code);
