import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { complaintReport } from '../../application/reports/complaint-report.js';
import { feeReductionReport } from '../../application/reports/fee-reduction-report.js';
import { guaranteeReport } from '../../application/reports/guarantee-report.js';
import { leadTimeReport } from '../../application/reports/lead-time-report.js';
import { nkiReport } from '../../application/reports/nki-report.js';
import { openCasesReport } from '../../application/reports/open-cases-report.js';
import {
  complaintQuerySchema,
  openCasesQuerySchema,
  periodQuerySchema,
  visitsQuerySchema,
} from '../../application/reports/report-query.js';
import type { ReportTable } from '../../application/reports/report-table.js';
import { visitReport } from '../../application/reports/visit-report.js';
import { surveyCommentReport } from '../../application/reports/survey-comment-report.js';

/** The period form's values, as typed; empty strings are fields left empty. */
export interface PeriodForm {
  from: string;
  to: string;
  category: string;
  unit: string;
}

export interface WebReport {
  /** The same name as under /api/reports/, so /rapporter/<name>.csv mirrors the API's file. */
  name: string;
  /** The API's query schema for this report: the page and the file accept what the API accepts. */
  schema: z.ZodType;
  /** The report's own query from the period form (complaints take no category, visits a year). */
  query(form: PeriodForm): Record<string, string>;
  run(ctx: AppContext, query: never): Promise<ReportTable<any>>;
}

const period = (f: PeriodForm) => ({
  from: f.from,
  to: f.to,
  ...(f.category ? { category: f.category } : {}),
  ...(f.unit ? { unit: f.unit } : {}),
});

// The use cases and schemas are the API's own (src/http/report-routes.ts): the page draws the
// rows they return and the file is their CSV, so no figure is worked out here.
export const webReports: Record<string, WebReport> = {
  guarantees: {
    name: 'guarantees',
    schema: periodQuerySchema,
    query: period,
    run: (ctx, q) => guaranteeReport(ctx, q),
  },
  'lead-times': {
    name: 'lead-times',
    schema: periodQuerySchema,
    query: period,
    run: (ctx, q) => leadTimeReport(ctx, q),
  },
  complaints: {
    name: 'complaints',
    schema: complaintQuerySchema,
    query: (f) => ({ from: f.from, to: f.to, ...(f.unit ? { unit: f.unit } : {}) }),
    run: (ctx, q) => complaintReport(ctx, q),
  },
  nki: { name: 'nki', schema: periodQuerySchema, query: period, run: (ctx, q) => nkiReport(ctx, q) },
  // The yearly target is per calendar year: the year of the period's last month.
  visits: {
    name: 'visits',
    schema: visitsQuerySchema,
    query: (f) => ({ year: f.to.slice(0, 4) }),
    run: (ctx, q) => visitReport(ctx, q),
  },
  'open-cases': {
    name: 'open-cases',
    schema: openCasesQuerySchema,
    query: (f) => ({ ...(f.category ? { category: f.category } : {}), ...(f.unit ? { unit: f.unit } : {}) }),
    run: (ctx, q) => openCasesReport(ctx, q),
  },
  'fee-reductions': {
    name: 'fee-reductions',
    schema: periodQuerySchema,
    query: period,
    run: (ctx, q) => feeReductionReport(ctx, q),
  },
  'survey-comments': {
    name: 'survey-comments',
    schema: periodQuerySchema,
    query: period,
    run: (ctx, q) => surveyCommentReport(ctx, q),
  },
};

/** The reports the page draws, in this order; the other two are files only. */
export const chartedReports = ['guarantees', 'lead-times', 'complaints', 'nki', 'visits'] as const;

export const csvHref = (r: WebReport, form: PeriodForm) => {
  const q = new URLSearchParams(r.query(form)).toString();
  return `/rapporter/${r.name}.csv${q ? `?${q}` : ''}`;
};
