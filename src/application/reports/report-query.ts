import { z } from 'zod';
import { categoryCodes } from '../../domain/categories.js';
import { isYearMonth, monthCount, type YearMonth } from '../../domain/stockholm-months.js';
import { unitCodes } from '../../domain/units.js';

/** A report covers at most this many months: five years side by side is already a wide table. */
export const MAX_MONTHS = 60;

const monthMessage = 'Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.';
const month = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `Obligatoriskt: ${monthMessage}` : monthMessage) })
    .refine(isYearMonth, monthMessage)
    .meta({ description: `${what}, a Stockholm month as YYYY-MM`, example: '2026-01' });

const format = z
  .enum(['json', 'csv'])
  .optional()
  .meta({ description: 'csv gives a semicolon-separated file for Excel; so does `Accept: text/csv`' });
const category = z.enum(categoryCodes).optional();
const unit = z.enum(unitCodes).optional();

function checkPeriod(q: { from: YearMonth; to: YearMonth }, c: z.RefinementCtx): void {
  if (q.to < q.from)
    c.addIssue({ code: 'custom', path: ['to'], message: 'Slutmånaden får inte ligga före startmånaden.' });
  else if (monthCount(q.from, q.to) > MAX_MONTHS)
    c.addIssue({ code: 'custom', path: ['to'], message: `En rapport omfattar högst ${MAX_MONTHS} månader.` });
}

/** From, to (both included), and optionally one category and one unit. */
export const periodQuerySchema = z
  .object({ from: month('First month'), to: month('Last month, included'), category, unit, format })
  .strict()
  .superRefine(checkPeriod)
  .meta({ id: 'ReportPeriodQuery' });
export type PeriodQuery = z.output<typeof periodQuerySchema>;

/** Complaints all have the category klagomål; they are told apart by subject and unit instead. */
export const complaintQuerySchema = z
  .object({ from: month('First month of receipt'), to: month('Last month of receipt, included'), unit, format })
  .strict()
  .superRefine(checkPeriod)
  .meta({ id: 'ComplaintReportQuery' });
export type ComplaintQuery = z.output<typeof complaintQuerySchema>;

export const openCasesQuerySchema = z.object({ category, unit, format }).strict().meta({ id: 'OpenCasesReportQuery' });
export type OpenCasesQuery = z.output<typeof openCasesQuerySchema>;

const yearMessage = 'Ange året med fyra siffror, till exempel 2026.';
export const visitsQuerySchema = z
  .object({
    year: z.coerce
      .number({ error: yearMessage })
      .int(yearMessage)
      .min(2000, 'Året måste vara 2000 eller senare.')
      .max(2100, 'Året måste vara 2100 eller tidigare.')
      .meta({ description: 'Calendar year', example: 2026 }),
    format,
  })
  .strict()
  .meta({ id: 'VisitsReportQuery' });
export type VisitsQuery = z.output<typeof visitsQuerySchema>;
