import type { Knex } from 'knex';
import { notFound } from '../domain/errors.js';
import { canSeeCase, type Actor } from '../domain/roles.js';
import { findCase, type CaseRow } from '../infra/db/case-repository.js';

export type { CaseRow };

/**
 * The case as `actor` may see it, by id or reference. A case the actor may not see answers the
 * same 404 as one that does not exist, so nobody learns what exists by guessing references.
 */
export async function getVisibleCase(ctx: { db: Knex }, actor: Actor, idOrReference: string): Promise<CaseRow> {
  return visibleCaseIn(ctx.db, actor, idOrReference);
}

/** The case if `actor` may see it, else undefined: for a linked case shown beside another. */
export async function findVisibleCase(
  ctx: { db: Knex },
  actor: Actor,
  idOrReference: string,
): Promise<CaseRow | undefined> {
  const row = await findCase(ctx.db, idOrReference);
  return row && canSeeCase(actor, row) ? row : undefined;
}

/** The same, read in the caller's transaction, for a use case that goes on to change the case. */
export async function visibleCaseIn(db: Knex, actor: Actor, idOrReference: string): Promise<CaseRow> {
  const row = await findCase(db, idOrReference);
  if (!row || !canSeeCase(actor, row)) throw notFound('Ärendet');
  return row;
}
