import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  NKI_MIN_ANSWERS,
  NKI_MIN_ANSWERS_FOR_COMPARISON,
  nkiBand,
  nkiBandLabels,
  serviceFactorLabels,
} from '../../domain/nki.js';
import { addMonths, monthCount } from '../../domain/stockholm-months.js';
import { categoryLabels, periodFileName, periodMeta } from './report-labels.js';
import type { PeriodQuery } from './report-query.js';
import { nkiMeasures, nkiRows } from '../../infra/db/report-queries.js';
import { num, numOrNull } from '../../infra/db/report-sql.js';
import { field, labelOf, type ReportTable } from './report-table.js';

/** The four areas of Insikt's total NKI since 2024; brandskydd and markupplåtelse are reported beside them. */
export const insiktAreas = ['bygglov', 'miljo-halsoskydd', 'livsmedel', 'serveringstillstand'] as const;
const separateAreas = ['brandskydd', 'markupplatelse'];
const TOTAL = 'insikt-total';

const measures = nkiMeasures;
type Measure = (typeof measures)[number];
const measureLabels: Record<Measure, string> = { nki: 'NKI (ungefärligt)', ...serviceFactorLabels };

export const nkiRowSchema = z
  .object({
    area: z.string().meta({ description: `A category code, or "${TOTAL}" for the four Insikt areas together` }),
    areaLabel: z.string(),
    areaGroup: z.enum(['insikt', 'total', 'separate', 'other']),
    measure: z.enum(measures),
    measureLabel: z.string(),
    answers: z.number().int().meta({ description: 'Answers behind the figure (for a factor: those who answered it)' }),
    value: z.number().int().nullable().meta({ description: '0–100, rounded half up; null below 7 answers' }),
    band: z.string().nullable(),
    bandLabel: z.string().nullable(),
    previousAnswers: z.number().int(),
    previousValue: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The same months just before; null unless both periods have 10 answers' }),
    change: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'NkiReportRow' });
export type NkiRow = z.output<typeof nkiRowSchema>;

const groupOf = (area: string): NkiRow['areaGroup'] =>
  area === TOTAL
    ? 'total'
    : (insiktAreas as readonly string[]).includes(area)
      ? 'insikt'
      : separateAreas.includes(area)
        ? 'separate'
        : 'other';
const groupOrder: Record<NkiRow['areaGroup'], number> = { insikt: 0, total: 1, separate: 2, other: 3 };

/**
 * Approximate NKI and the six service factors per area (the closed case's category) for
 * answers about cases closed in the period, with the same months just before for comparison.
 */
export async function nkiReport(ctx: Pick<AppContext, 'db'>, q: PeriodQuery): Promise<ReportTable<NkiRow>> {
  const previousFrom = addMonths(q.from, -monthCount(q.from, q.to));
  const rows = await nkiRows(ctx.db, { ...q, previousFrom, total: { area: TOTAL, of: insiktAreas } });

  const byArea = new Map<string, { current?: Record<string, unknown>; previous?: Record<string, unknown> }>();
  for (const r of rows) {
    const entry = byArea.get(r.area as string) ?? {};
    entry[num(r.is_current) === 1 ? 'current' : 'previous'] = r;
    byArea.set(r.area as string, entry);
  }
  // An area with answers only in the previous period has nothing to report for this one.
  const areas = [...byArea.keys()]
    .filter((a) => byArea.get(a)!.current)
    .sort((a, b) => groupOrder[groupOf(a)] - groupOrder[groupOf(b)] || a.localeCompare(b));

  const out: NkiRow[] = [];
  for (const area of areas) {
    const { current, previous } = byArea.get(area)!;
    for (const m of measures) {
      const answers = num(current?.[`${m}_n`]);
      const previousAnswers = num(previous?.[`${m}_n`]);
      const shown = answers >= NKI_MIN_ANSWERS;
      const value = shown ? numOrNull(current?.[m]) : null;
      const comparable = answers >= NKI_MIN_ANSWERS_FOR_COMPARISON && previousAnswers >= NKI_MIN_ANSWERS_FOR_COMPARISON;
      const previousValue = comparable ? numOrNull(previous?.[m]) : null;
      const band = value === null ? null : nkiBand(value);
      out.push({
        area,
        areaLabel: area === TOTAL ? 'Insikt totalt (fyra områden)' : labelOf(categoryLabels, area),
        areaGroup: groupOf(area),
        measure: m,
        measureLabel: measureLabels[m],
        answers,
        value,
        band,
        bandLabel: band === null ? null : nkiBandLabels[band],
        previousAnswers,
        previousValue,
        change: value !== null && previousValue !== null ? value - previousValue : null,
        note: !shown
          ? `Färre än ${NKI_MIN_ANSWERS} svar: inget resultat visas.`
          : !comparable
            ? `Färre än ${NKI_MIN_ANSWERS_FOR_COMPARISON} svar i denna eller föregående period: ingen jämförelse.`
            : null,
      });
    }
  }
  return {
    report: 'nki',
    title: 'Nöjd-Kund-Index (ungefärligt) per område och serviceaspekt',
    fileName: periodFileName('nki', q),
    meta: {
      ...periodMeta(q),
      previousPeriod: { from: previousFrom, to: addMonths(q.from, -1) },
      minAnswers: NKI_MIN_ANSWERS,
      minAnswersForComparison: NKI_MIN_ANSWERS_FOR_COMPARISON,
      note:
        'Ungefärligt NKI: medelvärdet av tre frågor omräknade till 0–100. SKR:s viktning ' +
        'i Insikt är inte offentlig, så talet kan avvika något från Insikts.',
    },
    columns: [
      field('areaLabel', 'Område', 'text'),
      field('measureLabel', 'Mått', 'text'),
      field('answers', 'Antal svar', 'integer'),
      field('value', 'Värde (0–100)', 'integer'),
      field('bandLabel', 'Nivå', 'text'),
      field('previousAnswers', 'Antal svar föregående period', 'integer'),
      field('previousValue', 'Värde föregående period', 'integer'),
      field('change', 'Förändring', 'integer'),
      field('note', 'Kommentar', 'text'),
    ],
    rows: out,
  };
}
