import type { AppContext } from '../context.js';
import { notFound } from '../domain/errors.js';
import type { Guarantee } from '../domain/guarantee.js';
import { findGuarantee, guaranteeHistory } from '../infra/db/guarantee-repository.js';

/** The guarantee catalogue at its current versions, as new cases get it. */
export const listGuarantees = (ctx: Pick<AppContext, 'db' | 'reference'>): Promise<Guarantee[]> =>
  ctx.reference.currentGuarantees(ctx.db);

/** One guarantee at its current version; an unknown code is a 404. */
export async function getGuarantee(ctx: Pick<AppContext, 'db'>, code: string): Promise<Guarantee> {
  const g = await findGuarantee(ctx.db, code);
  if (!g) throw notFound('Servicegarantin');
  return g;
}

/** One guarantee with every version it has had, oldest first. */
export async function guaranteeWithVersions(ctx: Pick<AppContext, 'db'>, code: string) {
  const g = await getGuarantee(ctx, code);
  return { ...g, versions: await guaranteeHistory(ctx.db, code) };
}
