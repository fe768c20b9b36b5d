import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthOf } from '../../domain/stockholm-months.js';
import type { VisitsQuery } from './report-query.js';
import { visitMonthRows } from '../../infra/db/report-queries.js';
import { num, tenthsToPercent } from '../../infra/db/report-sql.js';
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
  const rows = await visitMonthRows(ctx.db, { year: q.year, months, target });
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
