import type { Knex } from 'knex';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { categories } from '../domain/categories.js';
import { AppError, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { unitCodes, units as unitLabels } from '../domain/units.js';
import { iso } from '../infra/db/rows.js';
import {
  categoryUnits,
  listMembers,
  removeMember,
  replaceCategoryUnits,
  upsertMember,
} from '../infra/db/service-group-repository.js';
import { findUserById } from '../infra/db/user-repository.js';
import { inTransaction } from './tx-context.js';

export const unitParams = z.object({ unit: z.enum(unitCodes) });
export const memberParams = z.object({ unit: z.enum(unitCodes), userId: z.uuid() });
export const categoryParams = z.object({
  category: z.enum(categories.filter((c) => c.kind === 'company_case').map((c) => c.code) as [string, ...string[]]),
});
export const memberInputSchema = z
  .object({ title: plainText(120).meta({ example: 'Bygglovshandläggare' }) })
  .strict()
  .meta({ id: 'ServiceGroupMemberInput' });
export const categoryUnitsInputSchema = z
  .object({ units: z.array(z.enum(unitCodes)).min(1).max(unitCodes.length) })
  .strict()
  .meta({ id: 'CategoryUnitsInput' });

export const registerViewSchema = z
  .object({
    units: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        members: z.array(
          z.object({
            userId: z.uuid(),
            name: z.string(),
            email: z.string(),
            role: z.string(),
            title: z.string(),
            active: z.boolean(),
          }),
        ),
        categories: z.array(z.string()),
      }),
    ),
    categories: z.array(z.object({ code: z.string(), label: z.string(), units: z.array(z.string()) })),
  })
  .meta({ id: 'ServiceGroupRegister' });

export const requireRegisterEditor = (actor: Actor) => {
  if (actor.role !== 'coordinator' && actor.role !== 'admin')
    throw new AppError('forbidden', 'Bara samordnaren och administratörer ändrar servicegruppens register.');
};

/** Units, who can sit at the table for each, and which units each category usually involves. */
export async function serviceGroupRegister(db: Knex): Promise<z.output<typeof registerViewSchema>> {
  const members = await listMembers(db);
  const byCategory = await categoryUnits(db);
  return {
    units: unitCodes.map((code) => ({
      code,
      label: unitLabels[code],
      members: members
        .filter((m) => m.unit === code)
        .map((m) => ({
          userId: m.userId,
          name: m.name,
          email: m.email,
          role: m.role,
          title: m.title,
          active: m.active,
        })),
      categories: [...byCategory.entries()].filter(([, u]) => u.includes(code)).map(([c]) => c),
    })),
    categories: categories
      .filter((c) => c.kind === 'company_case')
      .map((c) => ({ code: c.code, label: c.label, units: byCategory.get(c.code) ?? [] })),
  };
}

export async function putMember(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  userId: string,
  input: z.output<typeof memberInputSchema>,
): Promise<void> {
  requireRegisterEditor(actor);
  const user = await findUserById(ctx.db, userId);
  if (!user || !user.active) throw notFound('Användaren');
  await upsertMember(ctx.db, unit, userId, input.title, iso(ctx.clock.now()));
}

export async function deleteMember(ctx: AppContext, actor: Actor, unit: string, userId: string): Promise<void> {
  requireRegisterEditor(actor);
  if ((await removeMember(ctx.db, unit, userId)) === 0) throw notFound('Medlemmen');
}

export async function putCategoryUnits(
  ctx: AppContext,
  actor: Actor,
  category: string,
  input: z.output<typeof categoryUnitsInputSchema>,
): Promise<void> {
  requireRegisterEditor(actor);
  await inTransaction(ctx, ({ trx }) => replaceCategoryUnits(trx, category, [...new Set(input.units)]));
}
