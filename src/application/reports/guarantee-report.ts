import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  clockLabels,
  monthAndCategory,
  monthAndCategoryColumns,
  monthAndCategoryShape,
  periodFileName,
  periodMeta,
} from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { guaranteeCountRows } from '../../infra/db/report-queries.js';
import { num, tenthsToPercent } from '../../infra/db/report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

export const guaranteeRowSchema = z
  .object({
    ...monthAndCategoryShape(),
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
 * once, as met late, in the month it stopped. The counts come from `guarantee_month_counts`,
 * which the database keeps per month as clocks stop and break
 * (src/infra/db/report-summaries.ts), so a five-year report reads five years of counts.
 */
export async function guaranteeReport(ctx: Pick<AppContext, 'db'>, q: PeriodQuery): Promise<ReportTable<GuaranteeRow>> {
  const rows = await guaranteeCountRows(ctx.db, q);
  return {
    report: 'guarantees',
    title: 'Servicegarantier: hållna och överskridna',
    fileName: periodFileName('servicegarantier', q),
    meta: periodMeta(q),
    columns: [
      ...monthAndCategoryColumns<GuaranteeRow>('Månad'),
      field('clockLabel', 'Garanti', 'text'),
      field('met', 'Hållna', 'integer'),
      field('metLate', 'Klara efter utlovad tid', 'integer'),
      field('breached', 'Överskridna, ej klara', 'integer'),
      field('total', 'Totalt', 'integer'),
      field('keptPercent', 'Andel hållna (%)', 'decimal'),
    ],
    rows: rows.map((r) => ({
      ...monthAndCategory(r),
      clock: r.clock as string,
      clockLabel: labelOf(clockLabels, r.clock as string),
      met: num(r.met),
      metLate: num(r.met_late),
      breached: num(r.breached),
      total: num(r.total),
      keptPercent: tenthsToPercent(r.kept_tenths),
    })),
  };
}
