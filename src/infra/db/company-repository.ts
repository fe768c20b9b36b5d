import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CompanyId, CompanyIdKind } from '../../domain/org-number.js';

export interface CompanyRow {
  id: string;
  orgNumber: string;
  idKind: CompanyIdKind;
  name: string;
}

export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** One row per organisation number; a later registration under a new name renames it. */
export async function upsertCompany(trx: Knex, id: CompanyId, name: string, now: string): Promise<string> {
  const rows = await trx('companies')
    .insert({ id: randomUUID(), org_number: id.value, id_kind: id.kind, name, created_at: now, updated_at: now })
    .onConflict('org_number')
    .merge({ name, updated_at: now })
    .returning('id');
  const first = rows[0] as { id: string } | string;
  return typeof first === 'string' ? first : first.id;
}

export async function insertContact(trx: Knex, c: Omit<ContactRow, 'id'>, companyId: string | null, now: string): Promise<string> {
  const id = randomUUID();
  await trx('contacts').insert({ id, company_id: companyId, name: c.name, email: c.email, phone: c.phone, created_at: now });
  return id;
}

export async function findCompanies(db: Knex, ids: string[]): Promise<Map<string, CompanyRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db('companies').whereIn('id', [...new Set(ids)]);
  return new Map(
    rows.map((r: Record<string, unknown>) => [
      r.id as string,
      { id: r.id as string, orgNumber: r.org_number as string, idKind: r.id_kind as CompanyIdKind, name: r.name as string },
    ]),
  );
}

export async function findContact(db: Knex, id: string): Promise<ContactRow | undefined> {
  const r = await db('contacts').where({ id }).first();
  return r ? { id: r.id, name: r.name, email: r.email ?? null, phone: r.phone ?? null } : undefined;
}
