import OrganisationsnummerModule from 'organisationsnummer';
import PersonnummerModule from 'personnummer';

// Both packages are CommonJS whose typings describe an ES default export; under Node's ESM
// interop the class is the module itself. Accept either shape.
const interop = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;
const Organisationsnummer = interop<(typeof OrganisationsnummerModule)['default']>(OrganisationsnummerModule);
const Personnummer = interop<(typeof PersonnummerModule)['default']>(PersonnummerModule);

export type CompanyIdKind = 'organisation' | 'sole_trader';

export interface CompanyId {
  kind: CompanyIdKind;
  /** What is stored and compared: NNNNNN-NNNN for organisations, YYYYMMDD-NNNN for a sole trader's personnummer. */
  value: string;
  /** What may be shown in lists and logs. */
  masked: string;
}

/**
 * Accepts an organisation number in any common form (with or without hyphen, with the 16 prefix)
 * or a sole trader's personnummer (also samordningsnummer, and '+' for age 100 or more).
 * The packages check Luhn, the third digit ≥ 2 rule and the dates.
 */
export function parseCompanyId(input: string): CompanyId | null {
  const raw = input.trim().replace(/\s+/g, '');
  if (!/^[0-9+-]{10,13}$/.test(raw)) return null;
  let org;
  try {
    org = Organisationsnummer.parse(raw);
  } catch {
    return null;
  }
  if (!org.isPersonnummer()) {
    const value = org.format(true);
    return { kind: 'organisation', value, masked: value };
  }
  let person;
  try {
    person = Personnummer.parse(raw);
  } catch {
    return null;
  }
  const long = person.format(true); // YYYYMMDDNNNN
  const value = `${long.slice(0, 8)}-${long.slice(8)}`;
  return { kind: 'sole_trader', value, masked: maskPersonnummer(value) };
}

/** IMY counts personnummer as especially protected: lists and logs show the birth date only. */
export function maskPersonnummer(value: string): string {
  return `${value.slice(0, 8)}-****`;
}

export function maskedCompanyId(kind: CompanyIdKind, value: string): string {
  return kind === 'sole_trader' ? maskPersonnummer(value) : value;
}
