import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../domain/errors.js';
import { monthOf } from '../../domain/stockholm-months.js';
import { attachmentHeader, toCsv } from '../../application/reports/csv.js';
import { periodQuerySchema } from '../../application/reports/report-query.js';
import { zodFieldErrors } from '../../application/zod-errors.js';
import { parseInput } from '../../application/parse-input.js';
import { csrfToken } from '../csrf.js';
import { requireStaff, requireStaffRole } from '../staff-session.js';
import { chartedReports, webReports, type PeriodForm } from './report-catalogue.js';
import { REPORT_CSS_PATH, reportCss } from './report-css.js';
import { reportPage, type ReportResults } from './report-page.js';
import { surveyCommentsPage } from './survey-comments-page.js';
import { surveyCommentReport } from '../../application/reports/survey-comment-report.js';

const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The period form as typed; without a period, this year up to this month in Stockholm. */
function formOf(req: Request, now: Date): PeriodForm {
  const q = req.query as Record<string, unknown>;
  const current = monthOf(now);
  const fresh = q.from === undefined && q.to === undefined;
  return {
    from: fresh ? `${current.slice(0, 4)}-01` : one(q.from),
    to: fresh ? current : one(q.to),
    category: one(q.category),
    unit: one(q.unit),
  };
}

/**
 * /rapporter: the reports as charts for managers, the service group and admins, and each
 * report's CSV file for the session (the API's files need a bearer token). Both run the API's
 * report use cases with the API's query schemas, and the file is the API's CSV writer's.
 */
export function reportPages(ctx: AppContext, page: RequestHandler[], _form: RequestHandler[]): Router {
  const router = Router();
  const readers = [...page, requireStaff, requireStaffRole('manager', 'coordinator', 'admin')];

  router.get(REPORT_CSS_PATH, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css').send(reportCss);
  });

  router.get('/rapporter', ...readers, async (req, res) => {
    const form = formOf(req, ctx.clock.now());
    // The period schema is the API's; its messages are Swedish and name the field.
    const checked = periodQuerySchema.safeParse({
      from: form.from,
      to: form.to,
      ...(form.category ? { category: form.category } : {}),
      ...(form.unit ? { unit: form.unit } : {}),
    });
    const base = { user: req.staff!, csrfToken: csrfToken(req), form };
    if (!checked.success)
      return void res
        .status(400)
        .type('html')
        .send(reportPage({ ...base, errors: zodFieldErrors(checked.error), results: null }));
    const results = Object.fromEntries(
      await Promise.all(
        chartedReports.map(
          async (name) =>
            [
              name,
              await webReports[name]!.run(
                ctx,
                parseInput(webReports[name]!.schema, webReports[name]!.query(form), 'query') as never,
              ),
            ] as const,
        ),
      ),
    ) as unknown as ReportResults;
    res.type('html').send(reportPage({ ...base, errors: [], results }));
  });

  // The survey's free-text answers, on the API's own report (GET /api/reports/survey-comments).
  router.get('/rapporter/synpunkter', ...readers, async (req, res) => {
    const form = formOf(req, ctx.clock.now());
    const checked = periodQuerySchema.safeParse({
      from: form.from,
      to: form.to,
      ...(form.category ? { category: form.category } : {}),
      ...(form.unit ? { unit: form.unit } : {}),
    });
    const base = { user: req.staff!, csrfToken: csrfToken(req), form };
    if (!checked.success)
      return void res
        .status(400)
        .type('html')
        .send(surveyCommentsPage({ ...base, errors: zodFieldErrors(checked.error), rows: null }));
    const table = await surveyCommentReport(ctx, checked.data);
    res.type('html').send(surveyCommentsPage({ ...base, errors: [], rows: table.rows }));
  });

  router.get('/rapporter/:report.csv', ...readers, async (req, res) => {
    const report = webReports[String(req.params.report)];
    if (!report || !Object.hasOwn(webReports, String(req.params.report))) throw notFound('Rapporten');
    const checked = report.schema.safeParse(req.query);
    // A link is only wrong when edited by hand; the page then says what was wrong with it.
    if (!checked.success)
      throw new AppError(
        'invalid_input',
        `Filen kunde inte skapas. ${zodFieldErrors(checked.error)
          .map((e) => `${e.path}: ${e.message}`)
          .join(' ')}`,
      );
    const table = await report.run(ctx, checked.data as never);
    // Byte for byte the API's file: the same writer, headers and file name.
    res.setHeader('content-disposition', attachmentHeader(`${table.fileName}.csv`));
    res.type('text/csv; charset=utf-8').send(toCsv(table.columns, table.rows));
  });

  return router;
}
