import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { complaintConcernLabels } from '../../../workflows/complaint-events.js';
import { periodFileName, unitLabels } from './report-labels.js';
import type { ComplaintQuery } from './report-query.js';
import { complaintReportRows } from '../../infra/db/report-queries.js';
import { msToDays, num, numOrNull } from '../../infra/db/report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

export const complaintGroupings = ['subject', 'unit', 'total'] as const;
const groupingLabels: Record<(typeof complaintGroupings)[number], string> = {
  subject: 'Ämne',
  unit: 'Enhet',
  total: 'Alla klagomål',
};

export const complaintRowSchema = z
  .object({
    groupBy: z
      .enum(complaintGroupings)
      .meta({ description: 'A complaint about two subjects counts under each of them' }),
    groupByLabel: z.string(),
    key: z.string().nullable().meta({ description: 'The concern code or unit; null on the total row' }),
    label: z.string(),
    received: z.number().int(),
    anonymous: z.number().int().meta({ description: 'Anonymous complaints get no answer' }),
    answered: z.number().int(),
    answeredWithinGuarantee: z
      .number()
      .int()
      .meta({ description: 'Named complaints whose complaint_answer clock stopped in time' }),
    medianDays: z.number().nullable().meta({ description: 'Received to first answer, calendar days with one decimal' }),
    p90Days: z.number().nullable(),
  })
  .meta({ id: 'ComplaintReportRow' });
export type ComplaintRow = z.output<typeof complaintRowSchema>;

/**
 * Complaints received in the period, by subject and by unit, with the time to the first
 * answer (a complaint answered again after the complainant's dissatisfaction counts from its
 * first) and how many were answered within the complaint_answer guarantee.
 */
export async function complaintReport(
  ctx: Pick<AppContext, 'db'>,
  q: ComplaintQuery,
): Promise<ReportTable<ComplaintRow>> {
  const rows = await complaintReportRows(ctx.db, { from: q.from, to: q.to, unit: q.unit });
  return {
    report: 'complaints',
    title: 'Klagomål på service och bemötande',
    fileName: periodFileName('klagomål', q),
    meta: { period: { from: q.from, to: q.to }, filters: { unit: q.unit ?? null } },
    columns: [
      field('groupByLabel', 'Indelning', 'text'),
      field('label', 'Ämne eller enhet', 'text'),
      field('received', 'Inkomna', 'integer'),
      field('anonymous', 'Varav anonyma', 'integer'),
      field('answered', 'Besvarade', 'integer'),
      field('answeredWithinGuarantee', 'Besvarade inom garantin', 'integer'),
      field('medianDays', 'Svarstid median (dagar)', 'decimal'),
      field('p90Days', 'Svarstid 90:e percentil (dagar)', 'decimal'),
    ],
    rows: rows
      // An empty period still answers the total row, with nothing in it.
      .filter((r) => num(r.received) > 0)
      .map((r) => {
        const groupBy = r.group_by as ComplaintRow['groupBy'];
        const key = (r.group_key as string | null) ?? null;
        const label =
          groupBy === 'subject'
            ? labelOf(complaintConcernLabels, key)
            : groupBy === 'unit'
              ? labelOf(unitLabels, key, 'Ingen enhet')
              : 'Alla';
        return {
          groupBy,
          groupByLabel: groupingLabels[groupBy],
          key,
          label,
          received: num(r.received),
          anonymous: num(r.anonymous),
          answered: num(r.answered),
          answeredWithinGuarantee: num(r.in_time),
          medianDays: msToDays(numOrNull(r.p50)),
          p90Days: msToDays(numOrNull(r.p90)),
        };
      }),
  };
}
