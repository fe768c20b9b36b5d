import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { monthSpans } from '../../domain/stockholm-months.js';
import { complaintConcernLabels } from '../../../workflows/complaint-events.js';
import { periodFileName, unitLabels } from './report-labels.js';
import type { ComplaintQuery } from './report-query.js';
import {
  caseFilter,
  inPeriod,
  msToDays,
  num,
  numOrNull,
  periodOf,
  raw,
  rawRows,
  reportSql,
  sql,
} from './report-sql.js';
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
  const dialect = reportSql(ctx.db);
  const spans = monthSpans(q.from, q.to);
  const measures = raw(`COUNT(*) AS received, SUM(anonymous) AS anonymous, COUNT(answer_ms) AS answered,
      SUM(CASE WHEN anonymous = 0 AND answer_state = 'met' THEN 1 ELSE 0 END) AS in_time,
      ${dialect.percentileCont('answer_ms', 0.5)} AS p50, ${dialect.percentileCont('answer_ms', 0.9)} AS p90`);
  const rows = await rawRows(
    ctx.db,
    sql`WITH answers AS MATERIALIZED (
      -- An answer never comes before its complaint: answers from the period's start on are all that can belong to it.
      SELECT e.case_id, MIN(e.created_at) AS answered_at
      FROM case_events e WHERE e.type = 'ANSWER' AND e.created_at >= ${periodOf(spans).startAt}
      GROUP BY e.case_id
    ),
    complaints AS MATERIALIZED (
      SELECT c.unit, c.concerns, CASE WHEN c.anonymous THEN 1 ELSE 0 END AS anonymous, d.state AS answer_state,
        CASE WHEN a.answered_at IS NULL THEN NULL ELSE ${raw(dialect.msBetween('c.received_at', 'a.answered_at'))} END AS answer_ms
      FROM cases c
      LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'complaint_answer'
      LEFT JOIN answers a ON a.case_id = c.id
      WHERE c.kind = 'complaint' AND ${inPeriod('c.received_at', spans)}${caseFilter({ unit: q.unit })}
    )
    SELECT 1 AS grouping_order, 'subject' AS group_by, j.value AS group_key, ${measures}
    FROM complaints ${raw(dialect.eachJsonText('complaints.concerns', 'j'))} GROUP BY j.value
    UNION ALL
    SELECT 2, 'unit', unit, ${measures} FROM complaints GROUP BY unit
    UNION ALL
    SELECT 3, 'total', NULL, ${measures} FROM complaints
    ORDER BY grouping_order, group_key`,
  );
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
