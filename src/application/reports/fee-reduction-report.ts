import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthSpans } from '../../domain/stockholm-months.js';
import { monthAndCategory, periodFileName, periodMeta } from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { caseJoin } from './case-join.js';
import { inPeriod, monthOf, nullsLast, num, raw, rawRows, sql } from './report-sql.js';
import { field, type ReportTable } from './report-table.js';

export const feeReductionRowSchema = z
  .object({
    month: z
      .string()
      .nullable()
      .meta({ description: 'Month of the late decision, YYYY-MM; null on the rows for the whole period' }),
    monthLabel: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    reductions: z.number().int().meta({ description: 'Decisions whose fee was reduced' }),
    fifths: z.number().int().meta({ description: 'Fifths of a fee taken off, summed' }),
    wholeFees: z.number().meta({ description: 'The same in whole fees (fifths / 5)' }),
  })
  .meta({ id: 'FeeReductionReportRow' });
export type FeeReductionRow = z.output<typeof feeReductionRowSchema>;

/**
 * Fee reductions granted under PBL 12:8a, per category and the Stockholm month of the late
 * decision: the decision clock records the fifths when it stops after its deadline. A late
 * decision with no reduction (a 9:102 delay) is not counted.
 */
export async function feeReductionReport(
  ctx: Pick<AppContext, 'db'>,
  q: PeriodQuery,
): Promise<ReportTable<FeeReductionRow>> {
  const spans = monthSpans(q.from, q.to);
  const cases = caseJoin(ctx.db, spans, q);
  const rows = await rawRows(
    ctx.db,
    sql`WITH ${cases.ctes}
    reduced AS MATERIALIZED (
      SELECT ${monthOf('d.met_at', spans)} AS month, d.case_id, d.fee_reduction_fifths AS fifths
      FROM deadlines d
      WHERE d.state = 'met_late' AND ${inPeriod('d.met_at', spans)} AND d.fee_reduction_fifths > 0
      ${cases.probeOrder('d.case_id')}
    ),
    counted AS (
      SELECT r.month, c.category, COUNT(*) AS reductions, SUM(r.fifths) AS fifths
      FROM reduced r ${cases.from}
      WHERE ${cases.match('r.case_id')}
      GROUP BY r.month, c.category
    )
    SELECT * FROM (
      SELECT month, category, reductions, fifths FROM counted
      UNION ALL
      SELECT NULL, category, CAST(SUM(reductions) AS bigint), CAST(SUM(fifths) AS bigint) FROM counted GROUP BY category
    ) AS grouped
    ORDER BY ${raw(nullsLast('month'))}, category`,
  );
  return {
    report: 'fee-reductions',
    title: 'Avgiftsreduktioner enligt PBL 12 kap. 8 a §',
    fileName: periodFileName('avgiftsreduktioner', q),
    meta: periodMeta(q),
    columns: [
      field('monthLabel', 'Beslutsmånad', 'text'),
      field('categoryLabel', 'Kategori', 'text'),
      field('reductions', 'Beslut med reducerad avgift', 'integer'),
      field('fifths', 'Summa femtedelar', 'integer'),
      field('wholeFees', 'Motsvarar hela avgifter', 'decimal'),
    ],
    rows: rows.map((r) => ({
      ...monthAndCategory(r),
      reductions: num(r.reductions),
      fifths: num(r.fifths),
      wholeFees: num(r.fifths) / 5,
    })),
  };
}
