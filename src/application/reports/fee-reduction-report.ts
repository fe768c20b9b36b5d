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
import { feeReductionRows } from '../../infra/db/report-queries.js';
import { num } from '../../infra/db/report-sql.js';
import { field, type ReportTable } from './report-table.js';

export const feeReductionRowSchema = z
  .object({
    ...monthAndCategoryShape('the late decision'),
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
  const rows = await feeReductionRows(ctx.db, q);
  return {
    report: 'fee-reductions',
    title: 'Avgiftsreduktioner enligt PBL 12 kap. 8 a §',
    fileName: periodFileName('avgiftsreduktioner', q),
    meta: periodMeta(q),
    columns: [
      ...monthAndCategoryColumns<FeeReductionRow>('Beslutsmånad'),
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
