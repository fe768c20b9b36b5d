import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthSpans } from '../../domain/stockholm-months.js';
import { categoryLabels, monthLabel, periodFileName, periodMeta } from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { caseJoin, decisionClockJoin } from './case-join.js';
import { inPeriod, monthOf, msToDays, nullsLast, num, numOrNull, periodOf, raw, rawRows, reportSql, sql } from './report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

const days = (what: string) => z.number().nullable().meta({ description: `${what}, calendar days with one decimal; null when n is 0` });

export const leadTimeRowSchema = z
  .object({
    month: z.string().nullable().meta({ description: 'Month of the decision, YYYY-MM; null on the rows for the whole period' }),
    monthLabel: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    fromReceived: z.object({ n: z.number().int(), medianDays: days('Median'), p90Days: days('90th percentile') }),
    fromComplete: z.object({ n: z.number().int(), medianDays: days('Median'), p90Days: days('90th percentile') }),
  })
  .meta({ id: 'LeadTimeReportRow' });
export type LeadTimeRow = z.output<typeof leadTimeRowSchema>;

/**
 * Handling times of the decisions made in the period, per category and Stockholm month of
 * decision. A decision is the DECIDE event that took the case to `decided`; a case reopened
 * and decided again counts once, at its first decision, since its clocks stopped there. The
 * complete application is the latest start of the decision clock: registration, or the day a
 * complement restarted it (PBL 9:99). Cases without a decision clock have no such figure.
 */
export async function leadTimeReport(ctx: Pick<AppContext, 'db'>, q: PeriodQuery): Promise<ReportTable<LeadTimeRow>> {
  const dialect = reportSql(ctx.db);
  const spans = monthSpans(q.from, q.to);
  const cases = caseJoin(ctx.db, spans, q);
  const clock = decisionClockJoin(ctx.db, spans);
  const stats = (col: string, alias: string) =>
    raw(`COUNT(${col}) AS ${alias}_n, ${dialect.percentileCont(col, 0.5)} AS ${alias}_p50, ${dialect.percentileCont(col, 0.9)} AS ${alias}_p90`);
  const measures = sql`${stats('from_received', 'rec')}, ${stats('from_complete', 'com')}`;
  const rows = await rawRows(
    ctx.db,
    sql`WITH ${cases.ctes} ${clock.ctes}
    reopened AS MATERIALIZED (
      -- Reopenings of closed cases are few: kept aside, each decision is checked against them
      -- in memory rather than by a look-up in the whole audit trail.
      SELECT r.case_id, r.id FROM case_events r WHERE r.type = 'REOPEN' AND r.from_state = 'closed' AND r.created_at < ${periodOf(spans).endAt}
    ),
    decided AS MATERIALIZED (
      SELECT ${monthOf('e.created_at', spans)} AS month, e.id, e.case_id, e.created_at
      FROM case_events e
      WHERE e.type = 'DECIDE' AND ${inPeriod('e.created_at', spans)}
      ${cases.probeOrder('e.case_id')}
    ),
    decisions AS MATERIALIZED (
      SELECT x.month, c.category,
        ${raw(dialect.msBetween('c.received_at', 'x.created_at'))} AS from_received,
        CASE WHEN d.started_at IS NULL THEN NULL ELSE ${raw(dialect.msBetween('d.started_at', 'x.created_at'))} END AS from_complete
      FROM decided x ${cases.from}
      ${clock.join}
      WHERE ${cases.match('x.case_id')}
        -- Decided again after a reopening: the case was decided and closed before.
        AND NOT EXISTS (SELECT 1 FROM reopened r WHERE r.case_id = x.case_id AND r.id < x.id)
    )
    SELECT * FROM (
      SELECT month, category, ${measures} FROM decisions GROUP BY month, category
      UNION ALL
      SELECT NULL, category, ${measures} FROM decisions GROUP BY category
    ) AS grouped
    ORDER BY ${raw(nullsLast('month'))}, category`,
  );
  return {
    report: 'lead-times',
    title: 'Handläggningstider till beslut',
    fileName: periodFileName('handläggningstider', q),
    meta: periodMeta(q),
    columns: [
      field('monthLabel', 'Beslutsmånad', 'text'),
      field('categoryLabel', 'Kategori', 'text'),
      { header: 'Beslut (antal)', kind: 'integer', value: (r) => r.fromReceived.n },
      { header: 'Från registrering: median (dagar)', kind: 'decimal', value: (r) => r.fromReceived.medianDays },
      { header: 'Från registrering: 90:e percentil (dagar)', kind: 'decimal', value: (r) => r.fromReceived.p90Days },
      { header: 'Med beslutsgaranti (antal)', kind: 'integer', value: (r) => r.fromComplete.n },
      { header: 'Från komplett ansökan: median (dagar)', kind: 'decimal', value: (r) => r.fromComplete.medianDays },
      { header: 'Från komplett ansökan: 90:e percentil (dagar)', kind: 'decimal', value: (r) => r.fromComplete.p90Days },
    ],
    rows: rows.map((r) => {
      const month = (r.month as string | null) ?? null;
      return {
        month,
        monthLabel: monthLabel(month),
        category: r.category as string,
        categoryLabel: labelOf(categoryLabels, r.category as string),
        fromReceived: { n: num(r.rec_n), medianDays: msToDays(numOrNull(r.rec_p50)), p90Days: msToDays(numOrNull(r.rec_p90)) },
        fromComplete: { n: num(r.com_n), medianDays: msToDays(numOrNull(r.com_p50)), p90Days: msToDays(numOrNull(r.com_p90)) },
      };
    }),
  };
}
