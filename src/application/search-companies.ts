import type { Knex } from 'knex';
import { maskedCompanyId, parseCompanyId, type CompanyIdKind } from '../domain/org-number.js';
import { findCompanies } from '../infra/db/company-repository.js';
import { companiesByName, companiesByOrgNumber } from '../infra/db/company-search.js';

export interface CompanyMatch {
  id: string;
  name: string;
  /** The organisation number, or a sole trader's personnummer masked as in every list. */
  shownId: string;
  idKind: CompanyIdKind;
}

/**
 * Companies already known, for the desk to pick instead of typing them again: an identifier in
 * any common form matches exactly (parsed by the same rules as registration), anything else is
 * part of a name. At most `limit`, by name.
 */
export async function searchCompanies(db: Knex, query: string, limit = 10): Promise<CompanyMatch[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const parsed = parseCompanyId(q);
  const rows = parsed ? await companiesByOrgNumber(db, parsed.value, limit) : await companiesByName(db, q, limit);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shownId: maskedCompanyId(r.idKind, r.orgNumber),
    idKind: r.idKind,
  }));
}

/** A company picked from the suggestions, with the identifier registration needs. */
export async function companyById(
  db: Knex,
  id: string,
): Promise<{ orgNumber: string; name: string; idKind: CompanyIdKind } | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const c = (await findCompanies(db, [id])).get(id);
  return c ? { orgNumber: c.orgNumber, name: c.name, idKind: c.idKind } : undefined;
}
