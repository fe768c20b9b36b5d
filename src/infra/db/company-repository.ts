import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CompanyId, CompanyIdKind } from '../../domain/org-number.js';
import { clientOf } from './knex-factory.js';

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

/**
 * The company with this organisation number, created under `name` when it is new. An existing
 * company keeps its name whatever name a registration gives: other cases, tracking pages and
 * tables show it, and only a deliberate change (renameCompany) changes it. The name given is
 * kept on the case instead.
 */
export async function companyFor(trx: Knex, id: CompanyId, name: string, now: string): Promise<string> {
  // Insert-or-nothing, then read: two registrations of a new company at once both end on one row.
  await trx('companies')
    .insert({ id: randomUUID(), org_number: id.value, id_kind: id.kind, name, created_at: now, updated_at: now })
    .onConflict('org_number')
    .ignore();
  const row = (await trx('companies').where({ org_number: id.value }).first('id')) as { id: string };
  return row.id;
}

export interface CompanyNameChange {
  oldName: string;
  newName: string;
  reason: string;
  actorId: string;
  createdAt: string;
}

/** Renames a company and records the earlier name, who changed it, when and why, in the caller's transaction. */
export async function renameCompanyRow(trx: Knex, companyId: string, change: CompanyNameChange): Promise<void> {
  await trx('companies').where({ id: companyId }).update({ name: change.newName, updated_at: change.createdAt });
  await trx('company_name_changes').insert({
    id: randomUUID(),
    company_id: companyId,
    old_name: change.oldName,
    new_name: change.newName,
    reason: change.reason,
    actor_id: change.actorId,
    created_at: change.createdAt,
  });
}

/** A company's name changes, newest first. */
export async function listCompanyNameChanges(db: Knex, companyId: string): Promise<CompanyNameChange[]> {
  const rows = (await db('company_name_changes')
    .where({ company_id: companyId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as Record<string, string>[];
  return rows.map((r) => ({
    oldName: r.old_name!,
    newName: r.new_name!,
    reason: r.reason!,
    actorId: r.actor_id!,
    createdAt: r.created_at!,
  }));
}

/** Locks the company's row until the transaction ends (PostgreSQL; SQLite writes one at a time). */
export async function lockCompany(trx: Knex, companyId: string): Promise<CompanyRow | undefined> {
  const q = trx('companies').where({ id: companyId });
  const r = await (clientOf(trx) === 'postgres' ? q.forUpdate() : q).first();
  return r ? { id: r.id, orgNumber: r.org_number, idKind: r.id_kind, name: r.name } : undefined;
}

export async function insertContact(
  trx: Knex,
  c: Omit<ContactRow, 'id'>,
  companyId: string | null,
  now: string,
): Promise<string> {
  const id = randomUUID();
  await trx('contacts').insert({
    id,
    company_id: companyId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    created_at: now,
  });
  return id;
}

export async function findCompanies(db: Knex, ids: string[]): Promise<Map<string, CompanyRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db('companies').whereIn('id', [...new Set(ids)]);
  return new Map(
    rows.map((r: Record<string, unknown>) => [
      r.id as string,
      {
        id: r.id as string,
        orgNumber: r.org_number as string,
        idKind: r.id_kind as CompanyIdKind,
        name: r.name as string,
      },
    ]),
  );
}

/** The contacts with these ids that have an e-mail address, in no particular order. */
export async function contactsWithEmail(
  db: Knex,
  ids: string[],
): Promise<{ id: string; name: string; email: string }[]> {
  return (await db('contacts').whereIn('id', ids).whereNotNull('email')) as {
    id: string;
    name: string;
    email: string;
  }[];
}

export async function findContact(db: Knex, id: string): Promise<ContactRow | undefined> {
  const r = await db('contacts').where({ id }).first();
  return r ? { id: r.id, name: r.name, email: r.email ?? null, phone: r.phone ?? null } : undefined;
}
