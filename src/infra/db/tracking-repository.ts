import type { Knex } from 'knex';
import { toCaseRow, type CaseRow } from './case-repository.js';

export interface TrackedCase {
  row: CaseRow;
  generation: number;
  revokedAt: string | null;
}

/** One read by id, the same statement whether or not the case exists. */
export async function findTrackedCase(db: Knex, caseId: string): Promise<TrackedCase | undefined> {
  const r = await db('cases').where({ id: caseId }).first();
  return r
    ? {
        row: toCaseRow(r),
        generation: Number(r.tracking_generation),
        revokedAt: (r.tracking_revoked_at as string | null) ?? null,
      }
    : undefined;
}

export async function trackingGeneration(db: Knex, caseId: string): Promise<number> {
  const r = await db('cases').where({ id: caseId }).first('tracking_generation');
  return r ? Number(r.tracking_generation) : 1;
}

/** Raises the generation by one; every link of an older generation stops working. */
export async function bumpTrackingGeneration(trx: Knex, caseId: string, now: string): Promise<number> {
  await trx('cases')
    .where({ id: caseId })
    .update({ tracking_generation: trx.raw('tracking_generation + 1'), tracking_revoked_at: now });
  return trackingGeneration(trx, caseId);
}

export async function readSetting(db: Knex, key: string): Promise<string | undefined> {
  const r = await db('settings').where({ key }).first('value');
  return r ? (r.value as string) : undefined;
}

export interface ComplementFileMeta {
  id: string;
  caseId: string;
  caseVersion: number;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface NewComplementFile extends ComplementFileMeta {
  content: Buffer;
}

const metaColumns = ['id', 'case_id', 'case_version', 'name', 'media_type', 'size_bytes', 'sha256', 'created_at'];
const toMeta = (r: Record<string, unknown>): ComplementFileMeta => ({
  id: r.id as string,
  caseId: r.case_id as string,
  caseVersion: Number(r.case_version),
  name: r.name as string,
  mediaType: r.media_type as string,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256 as string,
  createdAt: r.created_at as string,
});

export async function insertComplementFiles(trx: Knex, files: NewComplementFile[]): Promise<void> {
  for (const f of files) {
    await trx('complement_files').insert({
      id: f.id,
      case_id: f.caseId,
      case_version: f.caseVersion,
      name: f.name,
      media_type: f.mediaType,
      size_bytes: f.sizeBytes,
      sha256: f.sha256,
      content: f.content,
      created_at: f.createdAt,
    });
  }
}

/** The files of a case, oldest first, without their content. */
export async function complementFilesOfCase(db: Knex, caseId: string): Promise<ComplementFileMeta[]> {
  const rows = await db('complement_files')
    .where({ case_id: caseId })
    .orderBy('created_at')
    .orderBy('name')
    .select(metaColumns);
  return rows.map(toMeta);
}

export async function findComplementFile(
  db: Knex,
  caseId: string,
  fileId: string,
): Promise<(ComplementFileMeta & { content: Buffer }) | undefined> {
  const r = await db('complement_files').where({ case_id: caseId, id: fileId }).first();
  return r ? { ...toMeta(r), content: Buffer.from(r.content as Buffer) } : undefined;
}
