import type { Knex } from 'knex';
import type { CompanyIdKind } from '../../domain/org-number.js';
import type { CompanyRow } from './company-repository.js';
import { containsPattern } from './like-pattern.js';

type Row = { id: string; name: string; org_number: string; id_kind: CompanyIdKind };
const toCompany = (r: Row): CompanyRow => ({ id: r.id, orgNumber: r.org_number, idKind: r.id_kind, name: r.name });

/** Up to `limit` companies with this identifier in its stored form. */
export async function companiesByOrgNumber(db: Knex, orgNumber: string, limit: number): Promise<CompanyRow[]> {
  return ((await db('companies').where('org_number', orgNumber).limit(limit)) as Row[]).map(toCompany);
}

/** Up to `limit` companies, by name, whose name or an earlier name holds `text`, whatever its case. */
export async function companiesByName(db: Knex, text: string, limit: number): Promise<CompanyRow[]> {
  const rows = await db('companies')
    .where((w) => {
      w.whereRaw(`lower(name) like ? escape '\\'`, [containsPattern(text.toLowerCase())]);
      // SQLite lowers and compares only ASCII without regard to case: "östgöta" must still find
      // "Östgöta Bygg AB", so the usual capitalisations are asked for as typed.
      for (const v of new Set([text, text.toUpperCase(), text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()]))
        w.orWhereRaw(`name like ? escape '\\'`, [containsPattern(v)]);
      // A company renamed since is still found by the name the caller remembers.
      w.orWhereIn(
        'id',
        db('company_name_changes')
          .select('company_id')
          .whereRaw(`lower(old_name) like ? escape '\\'`, [containsPattern(text.toLowerCase())]),
      );
    })
    .orderBy('name')
    .limit(limit);
  return (rows as Row[]).map(toCompany);
}
