import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../domain/errors.js';
import { mayRenameCompany, type Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import {
  findCompanies,
  listCompanyNameChanges,
  lockCompany,
  renameCompanyRow,
} from '../infra/db/company-repository.js';
import { countCasesOfCompany } from '../infra/db/case-queries.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import { iso } from '../infra/db/rows.js';
import { inTransaction } from './tx-context.js';

export const renameCompanySchema = z
  .object({
    name: plainText(300).meta({
      description: 'The company’s new name, as registered (Bolagsverket)',
      example: 'Krogen Hörnet AB',
    }),
    reason: plainText(1000).meta({
      description: 'Why the name changes; kept with the earlier name',
      example: 'Namnbyte registrerat hos Bolagsverket.',
    }),
    expectedName: plainText(300)
      .optional()
      .meta({ description: 'The name the caller saw; if the company has been renamed since, 409 and nothing changes' }),
  })
  .strict()
  .meta({ id: 'RenameCompany' });
export type RenameCompanyInput = z.output<typeof renameCompanySchema>;

export const companyViewSchema = z
  .object({
    id: z.uuid(),
    orgNumber: z.string(),
    idKind: z.enum(['organisation', 'sole_trader']),
    name: z.string(),
    caseCount: z.number().int().meta({ description: 'Cases registered for the company; every one shows this name' }),
    nameChanges: z
      .array(
        z.object({
          oldName: z.string(),
          newName: z.string(),
          reason: z.string(),
          changedBy: z.object({ id: z.uuid(), name: z.string() }),
          changedAt: z.string(),
        }),
      )
      .meta({ description: 'Every deliberate change of the name, newest first' }),
  })
  .meta({ id: 'Company' });
export type CompanyView = z.output<typeof companyViewSchema>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The role is checked before the input, so a role that may not gets 403 whatever it sent. */
export function assertMayRenameCompany(actor: Actor): void {
  if (!mayRenameCompany(actor)) throw new AppError('forbidden', 'Din roll får inte se eller ändra företagsregistret.');
}

/** A company with its earlier names, for those who may rename it. */
export async function companyView(ctx: Pick<AppContext, 'db'>, actor: Actor, id: string): Promise<CompanyView> {
  assertMayRenameCompany(actor);
  const company = uuid.test(id) ? (await findCompanies(ctx.db, [id.toLowerCase()])).get(id.toLowerCase()) : undefined;
  if (!company) throw notFound('Företaget');
  const changes = await listCompanyNameChanges(ctx.db, company.id);
  const people = await findUsersByIds(
    ctx.db,
    changes.map((c) => c.actorId),
  );
  const caseCount = await countCasesOfCompany(ctx.db, company.id);
  return {
    id: company.id,
    orgNumber: company.orgNumber,
    idKind: company.idKind,
    name: company.name,
    caseCount,
    nameChanges: changes.map((c) => ({
      oldName: c.oldName,
      newName: c.newName,
      reason: c.reason,
      changedBy: { id: c.actorId, name: people.get(c.actorId)?.name ?? 'Okänd användare' },
      changedAt: c.createdAt,
    })),
  };
}

/**
 * Changes a company's name on purpose: every case, tracking page and table shows the new name
 * from now on, while each case keeps the name given when it was registered. The earlier name,
 * who changed it, when and why commit together with the change.
 */
export async function renameCompany(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RenameCompanyInput,
): Promise<CompanyView> {
  assertMayRenameCompany(actor);
  if (!uuid.test(id)) throw notFound('Företaget');
  await inTransaction(ctx, async ({ trx }) => {
    const company = await lockCompany(trx, id.toLowerCase());
    if (!company) throw notFound('Företaget');
    if (input.expectedName !== undefined && input.expectedName !== company.name) {
      throw new AppError(
        'conflict',
        `Företaget har redan bytt namn till ${company.name}. Kontrollera namnet och försök igen.`,
        [{ path: 'expectedName', message: `Företaget heter nu ${company.name}.` }],
        { currentName: company.name },
      );
    }
    if (input.name === company.name)
      throw new AppError('invalid_input', 'Företaget heter redan så.', [
        { path: 'name', message: 'Det nya namnet är detsamma som det nuvarande.' },
      ]);
    await renameCompanyRow(trx, company.id, {
      oldName: company.name,
      newName: input.name,
      reason: input.reason,
      actorId: actor.id,
      createdAt: iso(ctx.clock.now()),
    });
  });
  return companyView(ctx, actor, id);
}
