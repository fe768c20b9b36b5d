import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  monthAndCategory,
  monthAndCategoryColumns,
  monthAndCategoryShape,
  periodFileName,
  periodMeta,
} from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { leadTimeRows } from '../../infra/db/report-queries.js';
import { msToDays, num, numOrNull } from '../../infra/db/report-sql.js';
import type { ReportTable } from './report-table.js';

const days = (what: string) =>
  z
    .number()
    .nullable()
    .meta({ description: `${what}, calendar days with one decimal; null when n is 0` });

export const leadTimeRowSchema = z
  .object({
    ...monthAndCategoryShape('the decision'),
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
 * Each first decision is one narrow row of `decision_lead_times`, written by the database
 * with the decision (src/infra/db/report-summaries.ts); the percentiles are computed here
 * from those rows, exactly, not from buckets.
 */
export async function leadTimeReport(ctx: Pick<AppContext, 'db'>, q: PeriodQuery): Promise<ReportTable<LeadTimeRow>> {
  const rows = await leadTimeRows(ctx.db, q);
  return {
    report: 'lead-times',
    title: 'Handläggningstider till beslut',
    fileName: periodFileName('handläggningstider', q),
    meta: periodMeta(q),
    columns: [
      ...monthAndCategoryColumns<LeadTimeRow>('Beslutsmånad'),
      { header: 'Beslut (antal)', kind: 'integer', value: (r) => r.fromReceived.n },
      { header: 'Från registrering: median (dagar)', kind: 'decimal', value: (r) => r.fromReceived.medianDays },
      { header: 'Från registrering: 90:e percentil (dagar)', kind: 'decimal', value: (r) => r.fromReceived.p90Days },
      { header: 'Med beslutsgaranti (antal)', kind: 'integer', value: (r) => r.fromComplete.n },
      { header: 'Från komplett ansökan: median (dagar)', kind: 'decimal', value: (r) => r.fromComplete.medianDays },
      {
        header: 'Från komplett ansökan: 90:e percentil (dagar)',
        kind: 'decimal',
        value: (r) => r.fromComplete.p90Days,
      },
    ],
    rows: rows.map((r) => ({
      ...monthAndCategory(r),
      fromReceived: {
        n: num(r.rec_n),
        medianDays: msToDays(numOrNull(r.rec_p50)),
        p90Days: msToDays(numOrNull(r.rec_p90)),
      },
      fromComplete: {
        n: num(r.com_n),
        medianDays: msToDays(numOrNull(r.com_p50)),
        p90Days: msToDays(numOrNull(r.com_p90)),
      },
    })),
  };
}
