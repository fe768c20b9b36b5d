import { z } from 'zod';
import { plainText } from '../domain/text.js';
import type { AppContext } from '../context.js';
import { categoryCodes } from '../domain/categories.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { caseKinds } from '../../workflows/registry.js';
import { complaintConcerns } from '../../workflows/complaint-events.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { mostLateCases, newestCases } from '../infra/db/case-list-query.js';

export const listCasesQuerySchema = z
  .object({
    kind: z.enum(caseKinds).optional(),
    status: z
      .string()
      .regex(/^[a-z_]{2,40}$/)
      .optional(),
    category: z.enum(categoryCodes).optional(),
    unit: z.enum(unitCodes).optional(),
    assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
    q: plainText(100).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    dueBefore: z.iso
      .date()
      .optional()
      .meta({ description: 'Cases with a live guarantee clock due on or before this Stockholm date' }),
    open: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'true: cases not yet closed (no closedAt); false: closed ones' }),
    concern: z.enum(complaintConcerns).optional().meta({ description: 'Complaints about this concern' }),
    order: z.enum(['newest', 'most_late']).default('newest').meta({
      description:
        'newest: newest first. most_late: cases with a live guarantee clock (running or breached), the earliest due first, so the latest cases lead',
    }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'ListCasesQuery' });

export type ListCasesQuery = z.output<typeof listCasesQuerySchema>;

/** Where a page ended: the sort key (created_at, or the most urgent clock's due_at) and a unique id. */
interface Cursor {
  c: string;
  i: string;
}

export const encodeCursor = (row: { createdAt: string; id: string }) =>
  Buffer.from(JSON.stringify({ c: row.createdAt, i: row.id })).toString('base64url');
const encodeDueCursor = (dueAt: string, deadlineId: string) =>
  Buffer.from(JSON.stringify({ c: dueAt, i: deadlineId, o: 'most_late' })).toString('base64url');

export function decodeCursor(cursor: string, order: ListCasesQuery['order'] = 'newest'): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor & { o?: string };
    // Both halves go into a comparison with typed columns: accept only what we ever issue, and
    // only for the order it was issued in.
    const sameOrder = (parsed.o ?? 'newest') === order;
    if (
      sameOrder &&
      typeof parsed.c === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(parsed.c) &&
      typeof parsed.i === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed.i)
    )
      return parsed;
  } catch {
    // fall through to the field error
  }
  throw new AppError('invalid_input', 'Ogiltig markör.', [
    { path: 'query.cursor', message: 'Markören känns inte igen; börja om från första sidan.' },
  ]);
}

/**
 * Newest first, keyset-paginated on (created_at, id) so a page never skips or repeats a case;
 * or, with `order: most_late`, by the case's most urgent live clock, the earliest due first.
 * `openOnly` keeps to cases not yet closed, as a work queue shows them.
 */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  query: ListCasesQuery,
  options: { openOnly?: boolean } = {},
): Promise<{ rows: CaseRow[]; nextCursor: string | null }> {
  if (query.order === 'most_late') return listMostLate(ctx, actor, query, options);
  const rows = await newestCases(
    ctx.db,
    actor,
    { ...query, openOnly: options.openOnly },
    { now: ctx.clock.now(), after: query.cursor ? decodeCursor(query.cursor) : undefined, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  return { rows: page, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** Most late first: a page costs the late clocks before it, however many cases are open (see mostLateCases). */
async function listMostLate(
  ctx: AppContext,
  actor: Actor,
  query: ListCasesQuery,
  options: { openOnly?: boolean },
): Promise<{ rows: CaseRow[]; nextCursor: string | null }> {
  const raw = await mostLateCases(
    ctx.db,
    actor,
    { ...query, openOnly: options.openOnly },
    {
      now: ctx.clock.now(),
      after: query.cursor ? decodeCursor(query.cursor, 'most_late') : undefined,
      limit: query.limit + 1,
    },
  );
  const page = raw.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => r.row),
    nextCursor: raw.length > query.limit && last ? encodeDueCursor(last.urgentDueAt, last.urgentDeadlineId) : null,
  };
}
