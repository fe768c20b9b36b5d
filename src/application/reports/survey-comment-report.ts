import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { categoryLabels, periodFileName, periodMeta, unitLabels } from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { surveyComments } from '../../infra/db/report-queries.js';
import { field, labelOf, type ReportTable } from './report-table.js';

export const surveyCommentRowSchema = z
  .object({
    month: z.string().meta({
      description: 'The month the case closed, YYYY-MM (the answer row keeps no finer time that could point at a case)',
    }),
    area: z.string(),
    areaLabel: z.string(),
    unit: z.string().nullable(),
    unitLabel: z.string(),
    comment: z.string(),
  })
  .meta({ id: 'SurveyCommentRow' });
export type SurveyCommentRow = z.output<typeof surveyCommentRowSchema>;

/**
 * The free-text answers of the follow-up survey, exactly as stored: the area, the unit and the
 * month the case closed beside each comment, nothing more, since the answer row holds nothing
 * more (docs/survey.md). They are listed newest month first and, within a month and area, in
 * the order of the answers' random ids, so the order says nothing about when each was given.
 */
export async function surveyCommentReport(
  ctx: Pick<AppContext, 'db'>,
  q: PeriodQuery,
): Promise<ReportTable<SurveyCommentRow>> {
  const rows = (await surveyComments(ctx.db, q))
    .filter((r) => r.comment.trim() !== '')
    .map((r) => ({
      month: r.closed_month,
      area: r.area,
      areaLabel: labelOf(categoryLabels, r.area),
      unit: r.unit,
      unitLabel: labelOf(unitLabels, r.unit, 'Ingen enhet'),
      comment: r.comment,
    }));
  return {
    report: 'survey-comments',
    title: 'Synpunkter i uppföljningsenkäten',
    fileName: periodFileName('enkatsynpunkter', q),
    meta: periodMeta(q),
    columns: [
      field('month', 'Månad då ärendet avslutades', 'text'),
      field('areaLabel', 'Område', 'text'),
      field('unitLabel', 'Enhet', 'text'),
      field('comment', 'Synpunkt', 'text'),
    ],
    rows,
  };
}
