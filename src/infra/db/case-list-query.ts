import type { Knex } from 'knex';
import type { Actor } from '../../domain/roles.js';
import { parseCompanyId } from '../../domain/org-number.js';
import { endOfStockholmDay } from '../../domain/working-days.js';
import { toCaseRow, type CaseRow } from './case-repository.js';
import { clientOf } from './knex-factory.js';
import { containsPattern } from './like-pattern.js';

/** The filters of a case list (src/application/list-cases.ts validates them). */
export interface CaseListFilter {
  kind?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  unit?: string | undefined;
  /** A user id, `me` (the actor) or `none` (unassigned). */
  assignee?: string | undefined;
  q?: string | undefined;
  overdue?: boolean | undefined;
  /** A Stockholm date, YYYY-MM-DD. */
  dueBefore?: string | undefined;
  open?: 'true' | 'false' | undefined;
  concern?: string | undefined;
  /** Only cases not yet closed, as a work queue shows them. */
  openOnly?: boolean | undefined;
}

/** Where the previous page ended: its last sort key and id. */
export interface CaseListAfter {
  c: string;
  i: string;
}

// The clocks that can still be late: the partial index deadlines_live_due_index holds exactly
// these, in due order. Written as literals so the planner sees the index's own condition.
const LIVE_CLOCK = "d.state in ('running', 'breached') and d.case_id is not null";

/** Up to `limit` cases the actor may see, newest first by (created_at, id), after `after`. */
export async function newestCases(
  db: Knex,
  actor: Actor,
  filter: CaseListFilter,
  page: { now: Date; after?: CaseListAfter | undefined; limit: number },
): Promise<CaseRow[]> {
  const q = db('cases').select('cases.*');
  applyFilters(db, q, actor, filter, page.now);
  if (page.after) {
    const { c, i } = page.after;
    q.where((w) =>
      w.where('cases.created_at', '<', c).orWhere((w2) => w2.where('cases.created_at', c).andWhere('cases.id', '<', i)),
    );
  }
  const raw = await q
    .orderBy([
      { column: 'cases.created_at', order: 'desc' },
      { column: 'cases.id', order: 'desc' },
    ])
    .limit(page.limit);
  return raw.map(toCaseRow);
}

/**
 * Up to `limit` cases the actor may see, each with its most urgent live clock, the earliest due
 * first by (due_at, deadline id), after `after`. The walk starts from the clocks, not the cases:
 * the partial index over live clocks gives them in due order, each case is met through its most
 * urgent clock only (no earlier live clock of the same case), and the walk stops at the page's
 * end. What a page costs is then the late clocks before it, however many cases are open.
 */
export async function mostLateCases(
  db: Knex,
  actor: Actor,
  filter: CaseListFilter,
  page: { now: Date; after?: CaseListAfter | undefined; limit: number },
): Promise<{ row: CaseRow; urgentDueAt: string; urgentDeadlineId: string }[]> {
  // SQLite never runs ANALYZE here, and without statistics it prefers deadlines (state, due_at)
  // for the range on due_at, reading every late clock and sorting them; INDEXED BY names the
  // walk in due order. PostgreSQL's planner chooses it from its statistics.
  const clocks =
    clientOf(db) === 'sqlite'
      ? db.raw('?? as d indexed by deadlines_live_due_index', ['deadlines'])
      : db.raw('?? as d', ['deadlines']);
  const q = db
    .from(clocks)
    .join('cases', 'cases.id', 'd.case_id')
    .select('cases.*', 'd.due_at as urgent_due_at', 'd.id as urgent_deadline_id')
    .whereRaw(LIVE_CLOCK);
  q.whereNotExists((sub) =>
    sub
      .select(db.raw('1'))
      .from({ e: 'deadlines' })
      .whereRaw('e.case_id = d.case_id')
      .whereIn('e.state', ['running', 'breached'])
      .andWhere((w) =>
        w.whereRaw('e.due_at < d.due_at').orWhere((x) => x.whereRaw('e.due_at = d.due_at').andWhereRaw('e.id < d.id')),
      ),
  );
  // The filters on time are conditions on the most urgent clock itself.
  const nowIso = page.now.toISOString();
  if (filter.overdue === true) q.where('d.due_at', '<', nowIso);
  // Not overdue: the case's earliest live clock is not yet due, so the walk starts at now
  // instead of passing every late clock first.
  if (filter.overdue === false) q.where('d.due_at', '>=', nowIso);
  if (filter.dueBefore) q.where('d.due_at', '<=', endOfStockholmDay(filter.dueBefore).toISOString());
  applyFilters(
    db,
    q,
    actor,
    { ...filter, overdue: filter.overdue === true ? undefined : filter.overdue, dueBefore: undefined },
    page.now,
  );
  if (page.after) {
    const { c, i } = page.after;
    q.where((w) => w.where('d.due_at', '>', c).orWhere((w2) => w2.where('d.due_at', c).andWhere('d.id', '>', i)));
  }
  const raw = (await q
    .orderBy([
      { column: 'd.due_at', order: 'asc' },
      { column: 'd.id', order: 'asc' },
    ])
    .limit(page.limit)) as Record<string, unknown>[];
  return raw.map((r) => ({
    row: toCaseRow(r),
    urgentDueAt: String(r.urgent_due_at),
    urgentDeadlineId: String(r.urgent_deadline_id),
  }));
}

/** Visibility and every filter of the query but the cursor and the order, on a query over `cases`. */
function applyFilters(db: Knex, q: Knex.QueryBuilder, actor: Actor, query: CaseListFilter, now: Date): void {
  if (query.openOnly) q.whereNull('cases.closed_at');
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
      q.whereIn('cases.company_id', db('companies').select('id').where('org_number', companyId.value));
    } else if (reference) {
      q.where('cases.reference', reference);
    } else {
      const term = containsPattern(query.q.toLowerCase());
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
    const nowIso = now.toISOString();
    const overdue = (sub: Knex.QueryBuilder) =>
      sub
        .select(db.raw('1'))
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
        .select(db.raw('1'))
        .from('deadlines')
        .whereRaw('deadlines.case_id = cases.id')
        .whereIn('deadlines.state', ['running', 'breached'])
        .andWhere('deadlines.due_at', '<=', endOfDay),
    );
  }
}
