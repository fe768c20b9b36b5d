import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthSpans } from '../../domain/stockholm-months.js';
import { categoryLabels, clockLabels, monthLabel, periodFileName, periodMeta } from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { caseJoin } from './case-join.js';
import { inPeriod, monthOf, nullsLast, num, raw, rawRows, shareTenthsSql, sql, tenthsToPercent } from './report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

export const guaranteeRowSchema = z
  .object({
    month: z.string().nullable().meta({ description: 'YYYY-MM; null on the rows for the whole period' }),
    monthLabel: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    clock: z.string(),
    clockLabel: z.string(),
    met: z.number().int().meta({ description: 'Stopped in time' }),
    metLate: z.number().int().meta({ description: 'Stopped after the deadline' }),
    breached: z.number().int().meta({ description: 'Past the deadline and not yet stopped' }),
    total: z.number().int(),
    keptPercent: z.number().nullable().meta({ description: 'met / total, one decimal' }),
  })
  .meta({ id: 'GuaranteeReportRow' });
export type GuaranteeRow = z.output<typeof guaranteeRowSchema>;

/**
 * Guarantee clocks that ended in the period, by category, clock and month: a clock counts in
 * the Stockholm month it stopped (met_at) or, while it is still open past its deadline, the
 * month it was breached. A clock breached in one month and stopped in a later one counts
 * once, as met late, in the month it stopped.
 */
export async function guaranteeReport(ctx: Pick<AppContext, 'db'>, q: PeriodQuery): Promise<ReportTable<GuaranteeRow>> {
  const spans = monthSpans(q.from, q.to);
  const cases = caseJoin(ctx.db, spans, q);
  const rows = await rawRows(
    ctx.db,
    sql`WITH ${cases.ctes}
    stopped AS MATERIALIZED (
      SELECT ${monthOf('d.met_at', spans)} AS month, d.case_id, d.clock, d.state
      FROM deadlines d WHERE d.state IN ('met', 'met_late') AND ${inPeriod('d.met_at', spans)}
      UNION ALL
      SELECT ${monthOf('d.breached_at', spans)} AS month, d.case_id, d.clock, d.state
      FROM deadlines d WHERE d.state = 'breached' AND ${inPeriod('d.breached_at', spans)}
      ${cases.probeOrder('case_id')}
    ),
    counted AS (
      SELECT s.month, c.category, s.clock,
        SUM(CASE WHEN s.state = 'met' THEN 1 ELSE 0 END) AS met,
        SUM(CASE WHEN s.state = 'met_late' THEN 1 ELSE 0 END) AS met_late,
        SUM(CASE WHEN s.state = 'breached' THEN 1 ELSE 0 END) AS breached
      FROM stopped s ${cases.from}
      WHERE ${cases.match('s.case_id')}
      GROUP BY s.month, c.category, s.clock
    ),
    grouped AS (
      SELECT month, category, clock, met, met_late, breached FROM counted
      UNION ALL
      SELECT NULL, category, clock, CAST(SUM(met) AS bigint), CAST(SUM(met_late) AS bigint), CAST(SUM(breached) AS bigint)
      FROM counted GROUP BY category, clock
    )
    SELECT month, category, clock, met, met_late, breached, met + met_late + breached AS total,
      ${raw(shareTenthsSql('met', 'met + met_late + breached'))} AS kept_tenths
    FROM grouped
    ORDER BY ${raw(nullsLast('month'))}, category, clock`,
  );
  return {
    report: 'guarantees',
    title: 'Servicegarantier: hållna och överskridna',
    fileName: periodFileName('servicegarantier', q),
    meta: periodMeta(q),
    columns: [
      field('monthLabel', 'Månad', 'text'),
      field('categoryLabel', 'Kategori', 'text'),
      field('clockLabel', 'Garanti', 'text'),
      field('met', 'Hållna', 'integer'),
      field('metLate', 'Klara efter utlovad tid', 'integer'),
      field('breached', 'Överskridna, ej klara', 'integer'),
      field('total', 'Totalt', 'integer'),
      field('keptPercent', 'Andel hållna (%)', 'decimal'),
    ],
    rows: rows.map((r) => {
      const month = (r.month as string | null) ?? null;
      return {
        month,
        monthLabel: monthLabel(month),
        category: r.category as string,
        categoryLabel: labelOf(categoryLabels, r.category as string),
        clock: r.clock as string,
        clockLabel: labelOf(clockLabels, r.clock as string),
        met: num(r.met),
        metLate: num(r.met_late),
        breached: num(r.breached),
        total: num(r.total),
        keptPercent: tenthsToPercent(r.kept_tenths),
      };
    }),
  };
}
