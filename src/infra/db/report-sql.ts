import type { Knex } from 'knex';
import type { MonthSpan } from '../../domain/stockholm-months.js';
import { clientOf, type DbClient } from './knex-factory.js';

/** SQL text with its bindings in the order they appear; fragments compose without renumbering. */
export class Sql {
  constructor(
    readonly text: string,
    readonly bindings: readonly unknown[],
  ) {}
}

/** A tagged template: interpolated Sql is inlined, any other value becomes a `?` binding. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const bindings: unknown[] = [];
  values.forEach((v, i) => {
    if (v instanceof Sql) {
      text += v.text;
      bindings.push(...v.bindings);
    } else {
      text += '?';
      bindings.push(v);
    }
    text += strings[i + 1]!;
  });
  return new Sql(text, bindings);
}

/** Trusted SQL text: column names and expressions written in this code, never input. */
export const raw = (text: string) => new Sql(text, []);
export const joinSql = (parts: Sql[], separator: string) =>
  new Sql(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => [...p.bindings]),
  );
export const empty = raw('');

/**
 * The places where SQLite and PostgreSQL need different SQL. Everything else in the reports is
 * written once, so both databases compute each figure from the same definition.
 */
export interface ReportSql {
  client: DbClient;
  /** Whole milliseconds from one ISO 8601 UTC text column to another. */
  msBetween(from: string, to: string): string;
  /**
   * The continuous percentile (linear between the nearest ranks, as PostgreSQL's percentile_cont
   * and Excel's PERCENTIL.INK); `fraction` is 0–1; NULLs are ignored. better-sqlite3 builds SQLite
   * with its percentile extension (SQLITE_ENABLE_PERCENTILE), whose percentile_cont is the same.
   */
  percentileCont(expr: string, fraction: number): string;
  /** A join that yields one row per element of a JSON array of strings, as `alias.value`. */
  eachJsonText(column: string, alias: string): string;
}

const fractionSql = (f: number) => {
  if (!(f >= 0 && f <= 1)) throw new Error(`percentile fraction out of range: ${f}`);
  return String(f);
};

const sqliteSql: ReportSql = {
  client: 'sqlite',
  // julianday keeps milliseconds; rounding removes the float noise of the subtraction.
  msBetween: (from, to) => `CAST(round((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
  percentileCont: (expr, f) => `percentile_cont(${expr}, ${fractionSql(f)})`,
  eachJsonText: (column, alias) => `CROSS JOIN json_each(${column}) AS ${alias}`,
};

const postgresSql: ReportSql = {
  client: 'postgres',
  msBetween: (from, to) =>
    `CAST(round(extract(epoch FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) * 1000) AS bigint)`,
  percentileCont: (expr, f) => `percentile_cont(${fractionSql(f)}) WITHIN GROUP (ORDER BY ${expr})`,
  eachJsonText: (column, alias) => `CROSS JOIN LATERAL jsonb_array_elements_text(${column}) AS ${alias}(value)`,
};

export const reportSql = (db: Knex): ReportSql => (clientOf(db) === 'postgres' ? postgresSql : sqliteSql);

/** The period as instants: the first of its first month and the first after its last. */
export const periodOf = (spans: MonthSpan[]) => ({ startAt: spans[0]!.startAt, endAt: spans[spans.length - 1]!.endAt });

/** `column` within the period; plain constants, whose rows PostgreSQL's planner can estimate. */
export const inPeriod = (column: string, spans: MonthSpan[]) =>
  sql`${raw(column)} >= ${periodOf(spans).startAt} AND ${raw(column)} < ${periodOf(spans).endAt}`;

/**
 * The Stockholm month of an ISO 8601 UTC text column, for rows already limited to the period.
 * Timestamps sort like the instants they name, so the month is found by comparing with each
 * month's first instant (src/domain/stockholm-months.ts works them out, daylight saving
 * included) in a balanced CASE: about log2(months) comparisons a row, the same on SQLite,
 * which knows no time zones, and on PostgreSQL.
 */
export function monthOf(column: string, spans: MonthSpan[]): Sql {
  const tree = (lo: number, hi: number): Sql => {
    if (lo === hi) return sql`${spans[lo]!.month}`;
    const mid = (lo + hi + 1) >> 1;
    return sql`CASE WHEN ${raw(column)} < ${spans[mid]!.startAt} THEN ${tree(lo, mid - 1)} ELSE ${tree(mid, hi)} END`;
  };
  return tree(0, spans.length - 1);
}

/** `AND …` for the optional category and unit filters on the cases alias `c`. */
export function caseFilter(q: { category?: string | undefined; unit?: string | undefined }): Sql {
  return joinSql(
    [q.category ? sql` AND c.category = ${q.category}` : empty, q.unit ? sql` AND c.unit = ${q.unit}` : empty],
    '',
  );
}

/**
 * `AND …` for the optional category and unit filters on a summary table's alias; the
 * summaries keep a case not yet routed under the unit ''.
 */
export function summaryFilter(alias: string, q: { category?: string | undefined; unit?: string | undefined }): Sql {
  return joinSql(
    [
      q.category ? sql` AND ${raw(alias)}.category = ${q.category}` : empty,
      q.unit ? sql` AND ${raw(alias)}.unit = ${q.unit}` : empty,
    ],
    '',
  );
}

/** Ascending with NULLs last on both databases (SQLite puts them first, PostgreSQL last). */
export const nullsLast = (column: string) => `CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END, ${column}`;

/**
 * The rows of a report query; the two drivers wrap them differently. On PostgreSQL the query
 * runs in a read-only transaction of its own with settings for it alone: no JIT compilation,
 * which takes longer (half a second and more) than these queries run; room to hash and sort a
 * year of rows in memory instead of in temporary files; and the cost of a random page read
 * for storage that is SSD or cached (the default, 4, is for spinning disks).
 */
export async function rawRows<T = Record<string, unknown>>(db: Knex, query: Sql): Promise<T[]> {
  const bindings = query.bindings as Knex.RawBinding[];
  if (clientOf(db) === 'postgres') {
    return db.transaction(
      async (trx) => {
        await trx.raw(`SET LOCAL jit = off`);
        await trx.raw(`SET LOCAL work_mem = '64MB'`);
        await trx.raw(`SET LOCAL random_page_cost = 1.1`);
        return ((await trx.raw(query.text, bindings)) as { rows: T[] }).rows;
      },
      { readOnly: true },
    );
  }
  return (await db.raw(query.text, bindings)) as T[];
}

/**
 * A share in per cent with one decimal, rounded half up, as tenths of a per cent. Integer
 * arithmetic on both databases (integer division truncates, and both operands are ≥ 0), so
 * SQLite and PostgreSQL give the same digit where a float would round either way.
 */
export const shareTenthsSql = (part: string, whole: string) =>
  `(CASE WHEN ${whole} = 0 THEN NULL ELSE (2000 * (${part}) + (${whole})) / (2 * (${whole})) END)`;

/** COUNT and SUM come back as strings from pg (bigint, numeric) and as numbers from SQLite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Milliseconds as calendar days with one decimal, rounded half up. */
export const msToDays = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 8_640_000) / 10);

/** Tenths of a per cent from shareTenthsSql, as a number with one decimal. */
export const tenthsToPercent = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v) / 10);
