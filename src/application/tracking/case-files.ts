import type { AppContext } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { CaseRow } from '../../infra/db/case-repository.js';
import {
  complementFilesOfCase,
  findComplementFile,
  type ComplementFileMeta,
} from '../../infra/db/tracking-repository.js';
import { getVisibleCase } from '../get-visible-case.js';

export type { ComplementFileMeta };

/** The files companies have sent with complements, for whoever may see the case. */
export async function listCaseFiles(
  ctx: AppContext,
  actor: Actor,
  idOrReference: string,
): Promise<{ row: CaseRow; files: ComplementFileMeta[] }> {
  const row = await getVisibleCase(ctx, actor, idOrReference);
  return { row, files: await complementFilesOfCase(ctx.db, row.id) };
}

export async function readCaseFile(ctx: AppContext, actor: Actor, idOrReference: string, fileId: string) {
  const row = await getVisibleCase(ctx, actor, idOrReference);
  const file = await findComplementFile(ctx.db, row.id, fileId);
  if (!file) throw notFound('Filen');
  return file;
}
