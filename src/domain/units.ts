// The organisation's units. Kept as data here until the service-group register takes over;
// codes are stable identifiers, labels are what people read.
export const units = {
  medborgarcenter: 'Medborgarcenter',
  bygglov: 'Bygglov',
  'miljo-halsoskydd': 'Miljö- och hälsoskydd',
  livsmedel: 'Livsmedelskontroll',
  serveringstillstand: 'Serveringstillstånd',
  raddningstjanst: 'Räddningstjänst',
  'mark-exploatering': 'Mark och exploatering',
  naringsliv: 'Näringsliv',
  upphandling: 'Upphandling',
} as const;

export type UnitCode = keyof typeof units;
export const unitCodes = Object.keys(units) as [UnitCode, ...UnitCode[]];
export const isUnit = (code: string): code is UnitCode => code in units;
