import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthOf } from '../../domain/stockholm-months.js';
import type { VisitsQuery } from './report-query.js';
import { joinSql, num, raw, rawRows, shareTenthsSql, sql, tenthsToPercent } from './report-sql.js';
import { field, type ReportTable } from './report-table.js';

export const visitRowSchema = z
  .object({
    month: z.string().meta({ description: 'YYYY-MM' }),
    done: z.number().int().meta({ description: 'Visits carried out that month (by visit date)' }),
    cumulative: z.number().int(),
    targetToDate: z
      .number()
      .int()
      .meta({ description: 'The yearly target spread evenly over the months, up to this one, rounded half up' }),
    cumulativePercent: z.number().nullable().meta({ description: 'cumulative / yearly target, one decimal' }),
  })
  .meta({ id: 'VisitReportRow' });
export type VisitRow = z.output<typeof visitRowSchema>;

/**
 * Guided company visits carried out in a year against the yearly target, month by month. A
 * visit counts in the month of its visit date once it is recorded; a planned or cancelled
 * visit has no date. Months after the current one are left out.
 */
export async function visitReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  q: VisitsQuery,
): Promise<ReportTable<VisitRow>> {
  // A positive integer (src/config.ts), so it goes into the SQL as a literal.
  const target = ctx.config.VISITS_TARGET_PER_YEAR;
  const current = monthOf(ctx.clock.now());
  const months = Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`).filter(
    (m) => m <= current,
  );
  const rows = months.length
    ? await rawRows(
        ctx.db,
        sql`WITH months(month, ordinal) AS (VALUES ${joinSql(
          months.map((m, i) => sql`(${m}, ${i + 1})`),
          ', ',
        )}),
        done AS (
          SELECT substr(v.visited_on, 1, 7) AS month, COUNT(*) AS n
          FROM company_visits v JOIN cases c ON c.id = v.case_id
          WHERE c.kind = 'company_visit' AND v.visited_on >= ${`${q.year}-01-01`} AND v.visited_on <= ${`${q.year}-12-31`}
          GROUP BY substr(v.visited_on, 1, 7)
        ),
        running AS (
          SELECT m.month, m.ordinal, COALESCE(d.n, 0) AS done,
            SUM(COALESCE(d.n, 0)) OVER (ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
          FROM months m LEFT JOIN done d ON d.month = m.month
        )
        SELECT month, done, cumulative,
          (2 * ${raw(String(target))} * CAST(ordinal AS integer) + 12) / 24 AS target_to_date,
          ${raw(shareTenthsSql('CAST(cumulative AS bigint)', String(target)))} AS cumulative_tenths
        FROM running ORDER BY month`,
      )
    : [];
  const last = rows[rows.length - 1];
  const done = last ? num(last.cumulative) : 0;
  return {
    report: 'visits',
    title: 'Lotsande företagsbesök mot årsmålet',
    fileName: `företagsbesök-${q.year}`,
    meta: { year: q.year, target, done, donePercent: last ? tenthsToPercent(last.cumulative_tenths) : 0 },
    columns: [
      field('month', 'Månad', 'text'),
      field('done', 'Genomförda besök', 'integer'),
      field('cumulative', 'Hittills i år', 'integer'),
      field('targetToDate', 'Målet hittills', 'integer'),
      field('cumulativePercent', 'Andel av årsmålet (%)', 'decimal'),
    ],
    rows: rows.map((r) => ({
      month: r.month as string,
      done: num(r.done),
      cumulative: num(r.cumulative),
      targetToDate: num(r.target_to_date),
      cumulativePercent: tenthsToPercent(r.cumulative_tenths),
    })),
  };
}
