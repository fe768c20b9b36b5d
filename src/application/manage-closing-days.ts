import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, notFound, type FieldError } from '../domain/errors.js';
import { isValidLocalDate } from '../domain/local-date.js';
import type { Actor } from '../domain/roles.js';
import type { NamedDay } from '../domain/swedish-calendar.js';
import { plainText } from '../domain/text.js';
import {
  closingDays,
  closingDaysForChange,
  replaceClosingDays as writeClosingDays,
} from '../infra/db/closing-days-repository.js';
import { parseInput } from './parse-input.js';
import { zodFieldErrors } from './zod-errors.js';
import { inTransaction } from './tx-context.js';

export const closingDaysSchema = z
  .array(z.object({ date: z.iso.date().refine(isValidLocalDate, 'Ogiltigt datum.'), name: plainText(200) }).strict())
  .max(400)
  .superRefine((days, c) => {
    const seen = new Set<string>();
    days.forEach((d, i) => {
      if (seen.has(d.date)) c.addIssue({ code: 'custom', path: [i, 'date'], message: 'Datumet finns redan i listan.' });
      seen.add(d.date);
    });
  })
  .meta({ id: 'ClosingDays' });

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer har tillgång.');
};

/** The municipality's own closing days, oldest first, as every deadline counts them. */
export const listClosingDays = (ctx: Pick<AppContext, 'db'>): Promise<NamedDay[]> => closingDays(ctx.db);

/**
 * Every change goes through here: the list is read under the writers' lock, checked whole by
 * the schema and written in one transaction, and the cached copy every deadline reads is
 * dropped only once the change has committed.
 */
async function changeClosingDays<T>(
  ctx: AppContext,
  change: (days: NamedDay[]) => { days: NamedDay[]; result: T } | { refused: T },
): Promise<T> {
  const outcome = await inTransaction(ctx, async ({ trx }) => {
    const changed = change(await closingDaysForChange(trx));
    if ('refused' in changed) return changed;
    await writeClosingDays(trx, changed.days);
    return changed;
  });
  if (!('refused' in outcome)) ctx.reference.invalidate();
  return 'refused' in outcome ? outcome.refused : outcome.result;
}

/** Replaces the whole list (PUT /api/admin/closing-days); a refused list changes nothing. */
export async function replaceClosingDays(ctx: AppContext, actor: Actor, input: unknown): Promise<NamedDay[]> {
  requireAdmin(actor);
  const days = parseInput(closingDaysSchema, input);
  await changeClosingDays(ctx, () => ({ days, result: undefined }));
  return listClosingDays(ctx);
}

/**
 * Adds one day to the list. The new day is the list's last entry, so the schema's errors for
 * it come back with their paths relative to the day (`date`, `name`) for the form beside it.
 */
export async function addClosingDay(
  ctx: AppContext,
  actor: Actor,
  day: { date: string; name: string },
): Promise<{ errors: FieldError[] }> {
  requireAdmin(actor);
  return changeClosingDays<{ errors: FieldError[] }>(ctx, (days) => {
    const parsed = closingDaysSchema.safeParse([...days, day]);
    if (parsed.success) return { days: parsed.data, result: { errors: [] } };
    const prefix = `${days.length}.`;
    const errors = zodFieldErrors(parsed.error).map((e) => ({
      ...e,
      path: e.path.startsWith(prefix) ? e.path.slice(prefix.length) : e.path,
    }));
    return { refused: { errors } };
  });
}

/** Removes the day on `date`; a date not in the list is a 404. */
export async function removeClosingDay(ctx: AppContext, actor: Actor, date: string): Promise<void> {
  requireAdmin(actor);
  const removed = await changeClosingDays<boolean>(ctx, (days) => {
    const rest = days.filter((d) => d.date !== date);
    if (rest.length === days.length) return { refused: false };
    return { days: closingDaysSchema.parse(rest), result: true };
  });
  if (!removed) throw notFound('Den stängda dagen');
}
