import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { addDays, localDateOf } from '../../domain/local-date.js';
import { stockholmInstant } from '../../domain/working-days.js';
import { allStates, currentLifecycle } from '../../../workflows/registry.js';
import { categoryLabels, unitLabels } from './report-labels.js';
import type { OpenCasesQuery } from './report-query.js';
import { caseFilter, empty, joinSql, nullsLast, num, raw, rawRows, sql } from './report-sql.js';
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
  const since = ageBuckets.map((b) => stockholmInstant(addDays(today, -b.upTo)).toISOString());
  const buckets = joinSql(
    ageBuckets.map(
      (b, i) =>
        sql`SUM(CASE WHEN c.received_at >= ${since[i]}${i > 0 ? sql` AND c.received_at < ${since[i - 1]}` : empty} THEN 1 ELSE 0 END) AS ${raw(b.key)}`,
    ),
    ',\n      ',
  );
  const rows = await rawRows(
    ctx.db,
    sql`WITH open_cases AS (
      SELECT c.category, c.unit,
      ${buckets},
      SUM(CASE WHEN c.received_at < ${since[since.length - 1]} THEN 1 ELSE 0 END) AS over180,
      COUNT(*) AS total
      FROM cases c
      WHERE c.kind IN ('company_case', 'complaint') AND c.status IN (${joinSql(
        openStatuses().map((st) => sql`${st}`),
        ', ',
      )})${caseFilter(q)}
      GROUP BY c.category, c.unit
    )
    SELECT * FROM (
      SELECT category, unit, days0to7, days8to30, days31to90, days91to180, over180, total, 0 AS is_total FROM open_cases
      UNION ALL
      SELECT NULL, NULL, CAST(SUM(days0to7) AS bigint), CAST(SUM(days8to30) AS bigint), CAST(SUM(days31to90) AS bigint),
        CAST(SUM(days91to180) AS bigint), CAST(SUM(over180) AS bigint), CAST(SUM(total) AS bigint), 1 FROM open_cases
    ) AS grouped
    ORDER BY is_total, category, ${raw(nullsLast('unit'))}`,
  );
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
