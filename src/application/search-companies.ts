import type { Knex } from 'knex';
import { maskedCompanyId, parseCompanyId, type CompanyIdKind } from '../domain/org-number.js';
import { findCompanies } from '../infra/db/company-repository.js';

export interface CompanyMatch {
  id: string;
  name: string;
  /** The organisation number, or a sole trader's personnummer masked as in every list. */
  shownId: string;
  idKind: CompanyIdKind;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Companies already known, for the desk to pick instead of typing them again: an identifier in
 * any common form matches exactly (parsed by the same rules as registration), anything else is
 * part of a name. At most `limit`, by name.
 */
export async function searchCompanies(db: Knex, query: string, limit = 10): Promise<CompanyMatch[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const parsed = parseCompanyId(q);
  const rows = parsed
    ? await db('companies').where('org_number', parsed.value).limit(limit)
    : await db('companies')
        .where((w) => {
          w.whereRaw(`lower(name) like ? escape '\\'`, [`%${escapeLike(q.toLowerCase())}%`]);
          // SQLite lowers and compares only ASCII without regard to case: "östgöta" must still find
          // "Östgöta Bygg AB", so the usual capitalisations are asked for as typed.
          for (const v of new Set([q, q.toUpperCase(), q.charAt(0).toUpperCase() + q.slice(1).toLowerCase()]))
            w.orWhereRaw(`name like ? escape '\\'`, [`%${escapeLike(v)}%`]);
          // A company renamed since is still found by the name the caller remembers.
          w.orWhereIn(
            'id',
            db('company_name_changes')
              .select('company_id')
              .whereRaw(`lower(old_name) like ? escape '\\'`, [`%${escapeLike(q.toLowerCase())}%`]),
          );
        })
        .orderBy('name')
        .limit(limit);
  return (rows as { id: string; name: string; org_number: string; id_kind: CompanyIdKind }[]).map((r) => ({
    id: r.id,
    name: r.name,
    shownId: maskedCompanyId(r.id_kind, r.org_number),
    idKind: r.id_kind,
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
