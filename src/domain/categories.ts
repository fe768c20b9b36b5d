import type { UnitCode } from './units.js';

export interface Category {
  code: CategoryCode;
  label: string;
  kind: 'company_case' | 'complaint' | 'company_visit';
  unit: UnitCode;
  /** Permit and notification cases under PBL: statutory limits, fee reduction, 9:100 receipt. */
  pbl: boolean;
}

// The guarantees of each category live in the catalogue (database), seeded from default-guarantees.ts.
const categoryList = [
  { code: 'bygglov', label: 'Bygglov', kind: 'company_case', unit: 'bygglov', pbl: true },
  { code: 'anmalan', label: 'Anmälan enligt PBL', kind: 'company_case', unit: 'bygglov', pbl: true },
  { code: 'forhandsbesked', label: 'Förhandsbesked', kind: 'company_case', unit: 'bygglov', pbl: true },
  { code: 'livsmedel', label: 'Livsmedelsregistrering', kind: 'company_case', unit: 'livsmedel', pbl: false },
  {
    code: 'miljo-halsoskydd',
    label: 'Miljö- och hälsoskydd',
    kind: 'company_case',
    unit: 'miljo-halsoskydd',
    pbl: false,
  },
  {
    code: 'serveringstillstand',
    label: 'Serveringstillstånd',
    kind: 'company_case',
    unit: 'serveringstillstand',
    pbl: false,
  },
  {
    code: 'brandskydd',
    label: 'Brandskydd och brandfarlig vara',
    kind: 'company_case',
    unit: 'raddningstjanst',
    pbl: false,
  },
  { code: 'markupplatelse', label: 'Markupplåtelse', kind: 'company_case', unit: 'mark-exploatering', pbl: false },
  { code: 'etablering', label: 'Etablering och lokalisering', kind: 'company_case', unit: 'naringsliv', pbl: false },
  { code: 'upphandling', label: 'Upphandling', kind: 'company_case', unit: 'upphandling', pbl: false },
  { code: 'ovrigt', label: 'Övrigt', kind: 'company_case', unit: 'naringsliv', pbl: false },
  { code: 'foretagsbesok', label: 'Lotsande företagsbesök', kind: 'company_visit', unit: 'naringsliv', pbl: false },
  { code: 'klagomal', label: 'Klagomål på service och bemötande', kind: 'complaint', unit: 'naringsliv', pbl: false },
] as const satisfies readonly (Omit<Category, 'code'> & { code: string })[];

export type CategoryCode = (typeof categoryList)[number]['code'];
export const categories: readonly Category[] = categoryList;

export const categoryCodes = categories.map((c) => c.code) as [CategoryCode, ...CategoryCode[]];
export const findCategory = (code: string) => categories.find((c) => c.code === code);
