import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { addDays, localDateOf } from '../../domain/local-date.js';
import { stockholmInstant } from '../../domain/working-days.js';
import { allStates, currentLifecycle } from '../../../workflows/registry.js';
import { categoryLabels, unitLabels } from './report-labels.js';
import type { OpenCasesQuery } from './report-query.js';
import { openCaseRows } from '../../infra/db/report-queries.js';
import { num } from '../../infra/db/report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

/** Age in whole days since the Stockholm date of arrival: 0 is a case that arrived today. */
export const ageBuckets = [
  { key: 'days0to7', upTo: 7, header: '0–7 dagar' },
  { key: 'days8to30', upTo: 30, header: '8–30 dagar' },
  { key: 'days31to90', upTo: 90, header: '31–90 dagar' },
  { key: 'days91to180', upTo: 180, header: '91–180 dagar' },
] as const;

export const openCasesRowSchema = z
  .object({
    category: z.string().nullable().meta({ description: 'null on the total row' }),
    categoryLabel: z.string(),
    unit: z
      .string()
      .nullable()
      .meta({ description: 'null while a company case is not yet routed, and on the total row' }),
    unitLabel: z.string(),
    days0to7: z.number().int(),
    days8to30: z.number().int(),
    days31to90: z.number().int(),
    days91to180: z.number().int(),
    over180: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'OpenCasesReportRow' });
export type OpenCasesRow = z.output<typeof openCasesRowSchema>;

// Open is what the lifecycle says is open: a decided case not yet closed still counts.
// Company visits are the municipality's own errand, not a company waiting for an answer.
const openStatuses = () => [
  ...new Set(
    (['company_case', 'complaint'] as const).flatMap((kind) =>
      allStates(currentLifecycle(kind))
        .filter((s) => s.open)
        .map((s) => s.value),
    ),
  ),
];

/** Company cases and complaints still open now, by category, unit and age since arrival (received_at). */
export async function openCasesReport(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  q: OpenCasesQuery,
): Promise<ReportTable<OpenCasesRow>> {
  const now = ctx.clock.now();
  const today = localDateOf(now);
  // A case is at most N days old when it arrived on or after the start of the Stockholm day N days ago.
  const buckets = ageBuckets.map((b) => ({
    key: b.key,
    since: stockholmInstant(addDays(today, -b.upTo)).toISOString(),
  }));
  const rows = await openCaseRows(ctx.db, { statuses: openStatuses(), buckets, category: q.category, unit: q.unit });
  const asOf = now.toISOString();
  return {
    report: 'open-cases',
    title: 'Öppna ärenden efter ålder',
    fileName: ['öppna-ärenden', q.category, q.unit, today].filter(Boolean).join('-'),
    meta: { asOf, asOfDate: today, filters: { category: q.category ?? null, unit: q.unit ?? null } },
    columns: [
      field('categoryLabel', 'Kategori', 'text'),
      field('unitLabel', 'Enhet', 'text'),
      ...ageBuckets.map((b) => field<OpenCasesRow>(b.key, b.header, 'integer')),
      field('over180', 'Över 180 dagar', 'integer'),
      field('total', 'Totalt', 'integer'),
    ],
    rows: rows.map((r) => {
      const isTotal = num(r.is_total) === 1;
      const category = (r.category as string | null) ?? null;
      const unit = (r.unit as string | null) ?? null;
      return {
        category,
        categoryLabel: isTotal ? 'Alla' : labelOf(categoryLabels, category),
        unit,
        unitLabel: isTotal ? 'Alla' : labelOf(unitLabels, unit, 'Ej lotsat till enhet'),
        days0to7: num(r.days0to7),
        days8to30: num(r.days8to30),
        days31to90: num(r.days31to90),
        days91to180: num(r.days91to180),
        over180: num(r.over180),
        total: num(r.total),
      };
    }),
  };
}
