import type { Knex } from 'knex';
import type { CategoryCode } from '../../domain/categories.js';
import type { UnitCode } from '../../domain/units.js';
import type { CaseKind, CaseStatus } from '../../../workflows/registry.js';
import { clientOf } from './knex-factory.js';
import { parseJson, toBool, toJson } from './rows.js';

export interface CaseRow {
  id: string;
  reference: string;
  kind: CaseKind;
  category: CategoryCode;
  channel: string;
  status: CaseStatus;
  machineId: string;
  machineVersion: string;
  snapshot: unknown;
  version: number;
  unit: UnitCode | null;
  assigneeId: string | null;
  companyId: string | null;
  /** The company's name as given with this case; the company's own name may differ. */
  companyName: string | null;
  contactId: string | null;
  relatedCaseId: string | null;
  subject: string;
  description: string;
  concerns: string[] | null;
  /** Units the case is flagged as touching besides its own; two or more propose a "dukat bord". */
  involvedUnits: string[] | null;
  anonymous: boolean;
  /** A complaint's: the member of staff it is about, who never sees or handles it. */
  aboutUserId?: string | null;
  createdBy: string;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

const referencePattern = /^HS-\d{4}-\d{6}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toCaseRow(r: Record<string, unknown>): CaseRow {
  return {
    id: r.id as string,
    reference: r.reference as string,
    kind: r.kind as CaseKind,
    category: r.category as CategoryCode,
    channel: r.channel as string,
    status: r.status as CaseStatus,
    machineId: r.machine_id as string,
    machineVersion: r.machine_version as string,
    snapshot: parseJson(r.snapshot),
    version: Number(r.version),
    unit: (r.unit as UnitCode | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    companyId: (r.company_id as string | null) ?? null,
    companyName: (r.company_name as string | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    relatedCaseId: (r.related_case_id as string | null) ?? null,
    subject: r.subject as string,
    description: r.description as string,
    concerns: r.concerns == null ? null : parseJson<string[]>(r.concerns),
    involvedUnits: r.involved_units == null ? null : parseJson<string[]>(r.involved_units),
    anonymous: toBool(r.anonymous),
    aboutUserId: (r.about_user_id as string | null) ?? null,
    createdBy: r.created_by as string,
    receivedAt: r.received_at as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    closedAt: (r.closed_at as string | null) ?? null,
  };
}

/** By id or by reference (HS-2026-000123); anything else finds nothing rather than erring. */
export async function findCase(db: Knex, idOrReference: string): Promise<CaseRow | undefined> {
  let r;
  if (referencePattern.test(idOrReference)) r = await db('cases').where({ reference: idOrReference }).first();
  else if (uuidPattern.test(idOrReference)) r = await db('cases').where({ id: idOrReference.toLowerCase() }).first();
  return r ? toCaseRow(r) : undefined;
}

export async function insertCase(trx: Knex, c: CaseRow): Promise<void> {
  await trx('cases').insert({
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    category: c.category,
    channel: c.channel,
    status: c.status,
    machine_id: c.machineId,
    machine_version: c.machineVersion,
    snapshot: toJson(c.snapshot),
    version: c.version,
    unit: c.unit,
    assignee_id: c.assigneeId,
    company_id: c.companyId,
    company_name: c.companyName,
    contact_id: c.contactId,
    related_case_id: c.relatedCaseId,
    subject: c.subject,
    description: c.description,
    concerns: c.concerns ? toJson(c.concerns) : null,
    involved_units: c.involvedUnits ? toJson(c.involvedUnits) : null,
    anonymous: c.anonymous,
    about_user_id: c.aboutUserId ?? null,
    created_by: c.createdBy,
    received_at: c.receivedAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    closed_at: c.closedAt,
  });
}

export interface CaseTransitionChange {
  status: CaseStatus;
  snapshot: unknown;
  unit: UnitCode | null;
  assigneeId: string | null;
  updatedAt: string;
  closedAt: string | null;
}

/** Optimistic write: true only if the row still had `expectedVersion`. */
export async function updateCaseIfVersion(
  trx: Knex,
  id: string,
  expectedVersion: number,
  ch: CaseTransitionChange,
): Promise<boolean> {
  const count = await trx('cases')
    .where({ id, version: expectedVersion })
    .update({
      status: ch.status,
      snapshot: toJson(ch.snapshot),
      unit: ch.unit,
      assignee_id: ch.assigneeId,
      updated_at: ch.updatedAt,
      closed_at: ch.closedAt,
      version: expectedVersion + 1,
    });
  return count === 1;
}

/**
 * Takes the rows of these cases for the rest of the transaction, in id order so two writers
 * never wait on each other crosswise. PostgreSQL only: SQLite already runs one writer at a time.
 */
export async function lockCases(trx: Knex, ids: string[]): Promise<void> {
  if (ids.length === 0 || clientOf(trx) !== 'postgres') return;
  await trx('cases')
    .whereIn('id', [...new Set(ids)].sort())
    .orderBy('id')
    .forUpdate()
    .select('id');
}
