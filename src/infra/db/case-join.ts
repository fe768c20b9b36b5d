import type { Knex } from 'knex';
import type { MonthSpan } from '../../domain/stockholm-months.js';
import { clientOf } from './knex-factory.js';
import { caseFilter, empty, periodOf, raw, sql, type Sql } from './report-sql.js';

/** The index of migrations/20261124100200_index_for_reports.ts that the SQLite queries name. */
export const sqliteLookupIndexes = {
  case: 'cases_report_lookup_index',
} as const;

/**
 * How the rows of a period (clocks that stopped, decisions) reach their case's category, unit
 * and arrival, and the decision clock's start: a year of rows, each looked up among a million.
 * The two databases do this fastest in different ways, so this is the one place the queries
 * differ in shape; the tests hold both to the same figures.
 *
 * - SQLite joins only by nested loops. The period's rows are sorted by case id and each case
 *   is looked up in that order through a covering index: each index page is read once, and
 *   the wide rows never. SQLite's planner runs without statistics in Handslag and would prefer
 *   the unique key (and then read the table too), so the index is named (INDEXED BY), and
 *   CROSS JOIN keeps the period's rows as the outer loop.
 * - PostgreSQL hashes. A look-up per row would read most of a million-row index through a
 *   small buffer cache; instead the cases and clocks that can belong to the period are read as
 *   two short ranges and joined in memory.
 *
 * Either way only cases still open when the period began, or closed since, are read: a case
 * that closed earlier and stayed closed has no decision and no clock that ends in the period
 * (closing stops or cancels its clocks; reopening empties `closed_at`).
 */
export interface CaseJoin {
  /** Common table expressions for the WITH list, each followed by a comma; empty on SQLite. */
  ctes: Sql;
  /** After the period's rows in FROM: brings in the cases as `c`. */
  from: Sql;
  /** In WHERE: `c` is the case of `caseIdColumn`, and matches the filters. */
  match(caseIdColumn: string): Sql;
  /** At the end of the materialized CTE of the period's rows. */
  probeOrder(caseIdColumn: string): Sql;
}

export function caseJoin(
  db: Knex,
  spans: MonthSpan[],
  q: { category?: string | undefined; unit?: string | undefined },
): CaseJoin {
  const { startAt, endAt } = periodOf(spans);
  if (clientOf(db) === 'sqlite') {
    return {
      ctes: empty,
      from: raw(`CROSS JOIN cases c INDEXED BY ${sqliteLookupIndexes.case}`),
      match: (col) => sql`c.id = ${raw(col)} AND (c.closed_at IS NULL OR c.closed_at >= ${startAt})${caseFilter(q)}`,
      probeOrder: (col) => raw(`ORDER BY ${col}`),
    };
  }
  const active = (closed: Sql) =>
    sql`SELECT c.id, c.category, c.unit, c.received_at FROM cases c WHERE ${closed} AND c.received_at < ${endAt}${caseFilter(q)}`;
  return {
    // Two ranges of one index rather than an OR, so each is read from the index alone.
    ctes: sql`active AS MATERIALIZED (${active(sql`c.closed_at >= ${startAt}`)} UNION ALL ${active(raw('c.closed_at IS NULL'))}),`,
    from: raw('CROSS JOIN active c'),
    match: (col) => sql`c.id = ${raw(col)}`,
    probeOrder: () => empty,
  };
}
