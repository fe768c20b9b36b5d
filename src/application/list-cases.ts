import type { Knex } from 'knex';
import { z } from 'zod';
import { plainText } from '../domain/text.js';
import type { AppContext } from '../context.js';
import { categoryCodes } from '../domain/categories.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { endOfStockholmDay } from '../domain/working-days.js';
import { caseKinds } from '../../workflows/registry.js';
import { complaintConcerns } from '../../workflows/complaint-events.js';
import { toCaseRow, type CaseRow } from '../infra/db/case-repository.js';
import { parseCompanyId } from '../domain/org-number.js';
import { clientOf } from '../infra/db/knex-factory.js';

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

// The clocks that can still be late: the partial index deadlines_live_due_index holds exactly
// these, in due order. Written as literals so the planner sees the index's own condition.
const LIVE_CLOCK = "d.state in ('running', 'breached') and d.case_id is not null";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

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
  const q = ctx.db('cases').select('cases.*');
  applyFilters(ctx, q, actor, query, options);
  if (query.cursor) {
    const { c, i } = decodeCursor(query.cursor);
    q.where((w) =>
      w.where('cases.created_at', '<', c).orWhere((w2) => w2.where('cases.created_at', c).andWhere('cases.id', '<', i)),
    );
  }
  const raw = await q
    .orderBy([
      { column: 'cases.created_at', order: 'desc' },
      { column: 'cases.id', order: 'desc' },
    ])
    .limit(query.limit + 1);
  const rows = raw.map(toCaseRow);
  const page = rows.slice(0, query.limit);
  return { rows: page, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/**
 * Most late first. The walk starts from the clocks, not the cases: the partial index over live
 * clocks gives them in due order, each case is met through its most urgent clock only (no
 * earlier live clock of the same case), and the walk stops at the page's end. What a page costs
 * is then the late clocks before it, however many cases are open.
 */
async function listMostLate(
  ctx: AppContext,
  actor: Actor,
  query: ListCasesQuery,
  options: { openOnly?: boolean },
): Promise<{ rows: CaseRow[]; nextCursor: string | null }> {
  // SQLite never runs ANALYZE here, and without statistics it prefers deadlines (state, due_at)
  // for the range on due_at, reading every late clock and sorting them; INDEXED BY names the
  // walk in due order. PostgreSQL's planner chooses it from its statistics.
  const clocks =
    clientOf(ctx.db) === 'sqlite'
      ? ctx.db.raw('?? as d indexed by deadlines_live_due_index', ['deadlines'])
      : ctx.db.raw('?? as d', ['deadlines']);
  const q = ctx.db
    .from(clocks)
    .join('cases', 'cases.id', 'd.case_id')
    .select('cases.*', 'd.due_at as urgent_due_at', 'd.id as urgent_deadline_id')
    .whereRaw(LIVE_CLOCK);
  q.whereNotExists((sub) =>
    sub
      .select(ctx.db.raw('1'))
      .from({ e: 'deadlines' })
      .whereRaw('e.case_id = d.case_id')
      .whereIn('e.state', ['running', 'breached'])
      .andWhere((w) =>
        w.whereRaw('e.due_at < d.due_at').orWhere((x) => x.whereRaw('e.due_at = d.due_at').andWhereRaw('e.id < d.id')),
      ),
  );
  // The filters on time are conditions on the most urgent clock itself.
  const nowIso = ctx.clock.now().toISOString();
  if (query.overdue === true) q.where('d.due_at', '<', nowIso);
  // Not overdue: the case's earliest live clock is not yet due, so the walk starts at now
  // instead of passing every late clock first.
  if (query.overdue === false) q.where('d.due_at', '>=', nowIso);
  if (query.dueBefore) q.where('d.due_at', '<=', endOfStockholmDay(query.dueBefore).toISOString());
  applyFilters(
    ctx,
    q,
    actor,
    { ...query, overdue: query.overdue === true ? undefined : query.overdue, dueBefore: undefined },
    options,
  );
  if (query.cursor) {
    const { c, i } = decodeCursor(query.cursor, 'most_late');
    q.where((w) => w.where('d.due_at', '>', c).orWhere((w2) => w2.where('d.due_at', c).andWhere('d.id', '>', i)));
  }
  const raw = (await q
    .orderBy([
      { column: 'd.due_at', order: 'asc' },
      { column: 'd.id', order: 'asc' },
    ])
    .limit(query.limit + 1)) as Record<string, unknown>[];
  const page = raw.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(toCaseRow),
    nextCursor:
      raw.length > query.limit && last
        ? encodeDueCursor(String(last.urgent_due_at), String(last.urgent_deadline_id))
        : null,
  };
}

/** Visibility and every filter of the query but the cursor and the order, on a query over `cases`. */
function applyFilters(
  ctx: AppContext,
  q: Knex.QueryBuilder,
  actor: Actor,
  query: ListCasesQuery,
  options: { openOnly?: boolean },
): void {
  if (options.openOnly) q.whereNull('cases.closed_at');
  // The same rules as canSeeCase (domain/roles.ts), as SQL.
  q.where((w) => w.whereNull('cases.about_user_id').orWhereNot('cases.about_user_id', actor.id));
  if (actor.role === 'manager') {
    q.where((w) =>
      w
        .where('cases.unit', actor.unit ?? '')
        .orWhere('cases.assignee_id', actor.id)
        .orWhere('cases.created_by', actor.id),
    );
  }
  if (actor.role === 'officer') {
    q.where((w) =>
      w
        .where((x) => x.whereNot('cases.kind', 'complaint').andWhere('cases.unit', actor.unit ?? ''))
        .orWhere('cases.assignee_id', actor.id)
        .orWhere('cases.created_by', actor.id),
    );
  }
  if (query.kind) q.where('cases.kind', query.kind);
  if (query.status) q.where('cases.status', query.status);
  if (query.category) q.where('cases.category', query.category);
  if (query.unit) q.where('cases.unit', query.unit);
  if (query.open === 'true') q.whereNull('cases.closed_at');
  if (query.open === 'false') q.whereNotNull('cases.closed_at');
  // Concerns are a JSON array of fixed codes; its text holds each as "code" on both databases.
  if (query.concern) q.whereRaw('cast(cases.concerns as text) like ?', [`%"${query.concern}"%`]);
  if (query.assignee === 'me') q.where('cases.assignee_id', actor.id);
  else if (query.assignee === 'none') q.whereNull('cases.assignee_id');
  else if (query.assignee) q.where('cases.assignee_id', query.assignee);
  if (query.q) {
    // A whole reference or organisation number is looked up through its unique key: a
    // substring search would read every case to find one. The number is compared in its
    // stored form, so 5560360793, 556036-0793 and 16556036-0793 all find the company.
    const companyId = parseCompanyId(query.q);
    const reference = /^\s*hs-\d{4}-\d{6,}\s*$/i.test(query.q) ? query.q.trim().toUpperCase() : null;
    if (companyId) {
      q.whereIn('cases.company_id', ctx.db('companies').select('id').where('org_number', companyId.value));
    } else if (reference) {
      q.where('cases.reference', reference);
    } else {
      const term = `%${escapeLike(query.q.toLowerCase())}%`;
      q.leftJoin('companies', 'companies.id', 'cases.company_id').where((w) =>
        w
          .whereRaw(`lower(cases.reference) like ? escape '\\'`, [term])
          .orWhereRaw(`lower(cases.subject) like ? escape '\\'`, [term])
          .orWhereRaw(`lower(companies.name) like ? escape '\\'`, [term])
          // The name the caller gave with the case, which the company itself may not carry.
          .orWhereRaw(`lower(cases.company_name) like ? escape '\\'`, [term]),
      );
    }
  }
  if (query.overdue !== undefined) {
    const nowIso = ctx.clock.now().toISOString();
    const overdue = (sub: Knex.QueryBuilder) =>
      sub
        .select(ctx.db.raw('1'))
        .from('deadlines')
        .whereRaw('deadlines.case_id = cases.id')
        .andWhere((w) =>
          w
            .where('deadlines.state', 'breached')
            .orWhere((x) => x.where('deadlines.state', 'running').andWhere('deadlines.due_at', '<', nowIso)),
        );
    if (query.overdue) q.whereExists(overdue);
    else q.whereNotExists(overdue);
  }
  if (query.dueBefore) {
    // A day-based clock is due at the end of its Stockholm day; hour-based ones by instant.
    const endOfDay = endOfStockholmDay(query.dueBefore).toISOString();
    q.whereExists((sub) =>
      sub
        .select(ctx.db.raw('1'))
        .from('deadlines')
        .whereRaw('deadlines.case_id = cases.id')
        .whereIn('deadlines.state', ['running', 'breached'])
        .andWhere('deadlines.due_at', '<=', endOfDay),
    );
  }
}
