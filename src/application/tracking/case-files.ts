import type { AppContext } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { canSeeCase, type Actor } from '../../domain/roles.js';
import { findCase, type CaseRow } from '../../infra/db/case-repository.js';
import {
  complementFilesOfCase,
  findComplementFile,
  type ComplementFileMeta,
} from '../../infra/db/tracking-repository.js';

async function visibleCase(ctx: AppContext, actor: Actor, idOrReference: string): Promise<CaseRow> {
  const row = await findCase(ctx.db, idOrReference);
  if (!row || !canSeeCase(actor, row)) throw notFound('Ärendet');
  return row;
}

/** The files companies have sent with complements, for whoever may see the case. */
export async function listCaseFiles(
  ctx: AppContext,
  actor: Actor,
  idOrReference: string,
): Promise<{ row: CaseRow; files: ComplementFileMeta[] }> {
  const row = await visibleCase(ctx, actor, idOrReference);
  return { row, files: await complementFilesOfCase(ctx.db, row.id) };
}

export async function readCaseFile(ctx: AppContext, actor: Actor, idOrReference: string, fileId: string) {
  const row = await visibleCase(ctx, actor, idOrReference);
  const file = await findComplementFile(ctx.db, row.id, fileId);
  if (!file) throw notFound('Filen');
  return file;
}
