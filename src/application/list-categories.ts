import { categories } from '../domain/categories.js';
import type { AppContext } from '../context.js';

/** The categories with the guarantees the catalogue holds for each, as the public sees them. */
export async function listCategories(ctx: Pick<AppContext, 'db' | 'reference'>) {
  const guarantees = (await ctx.reference.currentGuarantees(ctx.db)).filter((g) => g.active);
  return categories.map((c) => ({
    ...c,
    guarantees: guarantees
      .filter(
        (g) => g.definition.kind === c.kind && (g.definition.category === null || g.definition.category === c.code),
      )
      .map((g) => ({
        code: g.code,
        clock: g.definition.clock,
        label: g.definition.label,
        length: g.definition.length,
      })),
  }));
}
