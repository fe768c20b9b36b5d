import type { Knex } from 'knex';
import type { MonthSpan } from '../../domain/stockholm-months.js';
import { clientOf, type DbClient } from '../../infra/db/knex-factory.js';

/**
 * The few places where the report queries need different SQL on SQLite and PostgreSQL. All
 * else in them is shared, so the two databases compute each figure from the same definition.
 */
export interface ReportSql {
  client: DbClient;
  /** Whole milliseconds from one ISO 8601 UTC text column to another. */
  msBetween(from: string, to: string): string;
  /**
   * The continuous percentile (linear interpolation between the nearest ranks, as
   * PostgreSQL's percentile_cont and Excel's PERCENTILE.INC); `fraction` is 0–1. NULLs are ignored.
   * better-sqlite3 builds SQLite with its percentile extension (SQLITE_ENABLE_PERCENTILE),
   * whose percentile_cont has the same definition.
   */
  percentileCont(expr: string, fraction: number): string;
  /** A join that yields one row per element of a JSON array of strings, as `alias.value`. */
  eachJsonText(column: string, alias: string): string;
  /**
   * After a table in FROM: look rows up through this covering index. SQLite's planner, which
   * Handslag runs without ANALYZE statistics, otherwise prefers the unique key and then reads
   * every row from the table as well. PostgreSQL chooses for itself.
   */
  indexedBy(index: string): string;
  /**
   * In a materialized CTE whose rows are then looked up one by one in other tables: SQLite
   * joins only by nested loops, and probing in key order reads each index page once instead
   * of once per row. PostgreSQL picks hash or merge joins and needs no order. The queries
   * join such a CTE with CROSS JOIN … WHERE, which SQLite keeps in the written order (the
   * CTE outside) and PostgreSQL plans like any inner join.
   */
  probeOrder(column: string): string;
}

const fractionSql = (f: number) => {
  if (!(f >= 0 && f <= 1)) throw new Error(`percentile fraction out of range: ${f}`);
  return String(f);
};

const sqlite: ReportSql = {
  client: 'sqlite',
  // julianday keeps milliseconds; rounding removes the float noise of the subtraction.
  msBetween: (from, to) => `CAST(round((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
  percentileCont: (expr, f) => `percentile_cont(${expr}, ${fractionSql(f)})`,
  eachJsonText: (column, alias) => `CROSS JOIN json_each(${column}) AS ${alias}`,
  indexedBy: (index) => `INDEXED BY ${index}`,
  probeOrder: (column) => `ORDER BY ${column}`,
};

const postgres: ReportSql = {
  client: 'postgres',
  msBetween: (from, to) => `CAST(round(extract(epoch FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) * 1000) AS bigint)`,
  percentileCont: (expr, f) => `percentile_cont(${fractionSql(f)}) WITHIN GROUP (ORDER BY ${expr})`,
  eachJsonText: (column, alias) => `CROSS JOIN LATERAL jsonb_array_elements_text(${column}) AS ${alias}(value)`,
  indexedBy: () => '',
  probeOrder: () => '',
};

/** The covering indexes of migrations/20261124100200_index_for_reports.ts the queries name. */
export const reportIndexes = {
  caseLookup: 'cases_report_lookup_index',
  caseClock: 'deadlines_case_clock_report_index',
} as const;

export const reportSql = (db: Knex): ReportSql => (clientOf(db) === 'postgres' ? postgres : sqlite);

/**
 * The Stockholm month of an ISO 8601 UTC text column, for rows already limited to the period
 * (`period.sql`). Timestamps sort like the instants they name, so the month is found by
 * comparing with the months' first instants (worked out in src/domain/stockholm-months.ts,
 * daylight saving included) in a balanced CASE: about log2(months) comparisons a row, the
 * same on SQLite, which knows no time zones, and PostgreSQL. The period's ends are plain
 * constants, which PostgreSQL's planner can estimate the rows of.
 */
export function monthOfSql(column: string, spans: MonthSpan[]): { month: string; period: string; bindings: string[]; periodBindings: string[] } {
  const bindings: string[] = [];
  const tree = (lo: number, hi: number): string => {
    if (lo === hi) {
      bindings.push(spans[lo]!.month);
      return '?';
    }
    const mid = (lo + hi + 1) >> 1;
    bindings.push(spans[mid]!.startAt);
    const cond = `${column} < ?`;
    const left = tree(lo, mid - 1);
    const right = tree(mid, hi);
    return `CASE WHEN ${cond} THEN ${left} ELSE ${right} END`;
  };
  const month = tree(0, spans.length - 1);
  return { month, period: `${column} >= ? AND ${column} < ?`, bindings, periodBindings: [spans[0]!.startAt, spans[spans.length - 1]!.endAt] };
}

/**
 * A share in per cent with one decimal, rounded half up, as tenths of a per cent. Integer
 * arithmetic on both databases (integer division truncates, and both operands are ≥ 0), so
 * SQLite and PostgreSQL give the same digit where a float would round either way.
 */
export const shareTenthsSql = (part: string, whole: string) => `(CASE WHEN ${whole} = 0 THEN NULL ELSE (2000 * (${part}) + (${whole})) / (2 * (${whole})) END)`;

/**
 * The rows of a report query; the two drivers wrap them differently. On PostgreSQL the query
 * runs in a read-only transaction of its own with settings for it alone: no JIT compilation,
 * which takes longer (half a second and more) than these queries run; room to hash and sort a
 * year of rows in memory instead of in temporary files; and the cost of a random page read
 * for storage that is SSD or cached, so that a year's cases are looked up by index rather
 * than the whole table hashed (the default, 4, is for spinning disks).
 */
export async function rawRows<T = Record<string, unknown>>(db: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  if (clientOf(db) === 'postgres') {
    return db.transaction(
      async (trx) => {
        await trx.raw(`SET LOCAL jit = off`);
        await trx.raw(`SET LOCAL work_mem = '64MB'`);
        await trx.raw(`SET LOCAL random_page_cost = 1.1`);
        return ((await trx.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] }).rows;
      },
      { readOnly: true },
    );
  }
  return (await db.raw(sql, bindings as Knex.RawBinding[])) as T[];
}

/** COUNT and SUM come back as strings from pg (bigint, numeric) and as numbers from SQLite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Milliseconds as calendar days with one decimal, rounded half up. */
export const msToDays = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 8_640_000) / 10);

/** Tenths of a per cent from shareTenthsSql, as a number with one decimal. */
export const tenthsToPercent = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v) / 10);

/** `AND …` for the optional category and unit filters on the cases alias `c`. */
export function caseFilterSql(q: { category?: string | undefined; unit?: string | undefined }): { sql: string; bindings: string[] } {
  const parts: string[] = [];
  const bindings: string[] = [];
  if (q.category) {
    parts.push('AND c.category = ?');
    bindings.push(q.category);
  }
  if (q.unit) {
    parts.push('AND c.unit = ?');
    bindings.push(q.unit);
  }
  return { sql: parts.join(' '), bindings };
}

/** Ascending with NULLs last on both databases (SQLite puts them first, PostgreSQL last). */
export const nullsLastSql = (column: string) => `CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END, ${column}`;

/** Period totals (month NULL) sort after the months. */
export const monthOrderSql = nullsLastSql;
