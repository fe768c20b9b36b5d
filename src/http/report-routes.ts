import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { attachmentHeader, toCsv } from '../application/reports/csv.js';
import { complaintReport, complaintRowSchema } from '../application/reports/complaint-report.js';
import { feeReductionReport, feeReductionRowSchema } from '../application/reports/fee-reduction-report.js';
import { guaranteeReport, guaranteeRowSchema } from '../application/reports/guarantee-report.js';
import { leadTimeReport, leadTimeRowSchema } from '../application/reports/lead-time-report.js';
import { nkiReport, nkiRowSchema } from '../application/reports/nki-report.js';
import { openCasesReport, openCasesRowSchema } from '../application/reports/open-cases-report.js';
import {
  complaintQuerySchema,
  openCasesQuerySchema,
  periodQuerySchema,
  visitsQuerySchema,
} from '../application/reports/report-query.js';
import type { ReportTable } from '../application/reports/report-table.js';
import { visitReport, visitRowSchema } from '../application/reports/visit-report.js';
import { surveyCommentReport, surveyCommentRowSchema } from '../application/reports/survey-comment-report.js';
import { requireRole } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

interface ReportRoute {
  path: string;
  summary: string;
  query: z.ZodType<{ format?: 'json' | 'csv' | undefined }>;
  row: z.ZodType;
  run(ctx: AppContext, query: unknown): Promise<ReportTable<any>>;
}

// The order is the order of the list at GET /api/reports.
const reportRoutesList: ReportRoute[] = [
  {
    path: 'guarantees',
    summary: 'Guarantee clocks met, met late and breached, per category, clock and month',
    query: periodQuerySchema,
    row: guaranteeRowSchema,
    run: (ctx, q) => guaranteeReport(ctx, q as never),
  },
  {
    path: 'lead-times',
    summary: 'Median and 90th percentile days to decision, per category and month of decision',
    query: periodQuerySchema,
    row: leadTimeRowSchema,
    run: (ctx, q) => leadTimeReport(ctx, q as never),
  },
  {
    path: 'open-cases',
    summary: 'Open cases now, per category and unit, by age since arrival',
    query: openCasesQuerySchema,
    row: openCasesRowSchema,
    run: (ctx, q) => openCasesReport(ctx, q as never),
  },
  {
    path: 'complaints',
    summary: 'Complaints per subject and unit, with answer times and answers within the guarantee',
    query: complaintQuerySchema,
    row: complaintRowSchema,
    run: (ctx, q) => complaintReport(ctx, q as never),
  },
  {
    path: 'nki',
    summary: 'Approximate NKI and the six service factors per area, with the Insikt total',
    query: periodQuerySchema,
    row: nkiRowSchema,
    run: (ctx, q) => nkiReport(ctx, q as never),
  },
  {
    path: 'fee-reductions',
    summary: 'PBL 12:8a fee reductions per category and month',
    query: periodQuerySchema,
    row: feeReductionRowSchema,
    run: (ctx, q) => feeReductionReport(ctx, q as never),
  },
  {
    path: 'survey-comments',
    summary:
      'Free-text answers of the follow-up survey, as stored: area, unit and the month the case closed beside each, nothing that identifies',
    query: periodQuerySchema,
    row: surveyCommentRowSchema,
    run: (ctx, q) => surveyCommentReport(ctx, q as never),
  },
  {
    path: 'visits',
    summary: 'Guided company visits against the yearly target, month by month',
    query: visitsQuerySchema,
    row: visitRowSchema,
    run: (ctx, q) => visitReport(ctx, q as never),
  },
];

function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  // `Accept: */*` and no Accept at all get JSON, the first offered.
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function send(
  req: Request,
  res: Response,
  table: ReportTable<unknown>,
  format: 'json' | 'csv' | undefined,
  now: Date,
): void {
  res.setHeader('cache-control', 'no-store');
  res.vary('Accept');
  if (wantsCsv(req, format)) {
    res.setHeader('content-disposition', attachmentHeader(`${table.fileName}.csv`));
    res.type('text/csv; charset=utf-8').send(toCsv(table.columns, table.rows));
    return;
  }
  res.json({
    report: table.report,
    title: table.title,
    generatedAt: now.toISOString(),
    ...table.meta,
    rows: table.rows,
  });
}

/**
 * Figures for managers, the service group and the business council. They are aggregates that
 * name no case or company, so every manager sees every unit's figures, to compare.
 */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireRole('manager', 'coordinator', 'admin'));
  router.get('/', (_req, res) => {
    res.json({
      items: reportRoutesList.map((r) => ({ report: r.path, path: `/api/reports/${r.path}`, summary: r.summary })),
    });
  });
  for (const r of reportRoutesList) {
    router.get(`/${r.path}`, async (req, res) => {
      const query = parse(r.query, req.query, 'query');
      send(req, res, await r.run(ctx, query), query.format, ctx.clock.now());
    });
  }
  return router;
}

export function describeReportRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const csv = {
    'text/csv': {
      schema: z.string().meta({ description: 'UTF-8 with BOM, `;` between fields, decimal comma, Swedish headers' }),
    },
  };
  registry.registerPath({
    method: 'get',
    path: '/api/reports',
    summary: 'The reports (manager, coordinator, admin)',
    security,
    responses: {
      200: {
        description: 'The list',
        content: {
          'application/json': {
            schema: z.object({
              items: z.array(z.object({ report: z.string(), path: z.string(), summary: z.string() })),
            }),
          },
        },
      },
      ...problemResponses(401, 403),
    },
  });
  for (const r of reportRoutesList) {
    registry.registerPath({
      method: 'get',
      path: `/api/reports/${r.path}`,
      summary: r.summary,
      description:
        'For managers, coordinators and admins. JSON by default; CSV with `format=csv` or `Accept: text/csv`. See docs/reports.md for the definitions.',
      security,
      request: { query: r.query as z.ZodObject },
      responses: {
        200: {
          description: 'The report',
          content: {
            'application/json': {
              schema: z
                .object({ report: z.string(), title: z.string(), generatedAt: z.string(), rows: z.array(r.row) })
                .catchall(z.unknown()),
            },
            ...csv,
          },
        },
        ...problemResponses(400, 401, 403),
      },
    });
  }
}
