import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { answerSurvey } from '../application/survey-answer.js';
import { declineSurvey } from '../application/survey-decline.js';
import { answerFromForm, surveyAnswerSchema } from '../application/survey-input.js';
import { surveyView } from '../application/survey-view.js';
import { zodFieldErrors } from '../application/zod-errors.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';
import { publicRateLimit } from './rate-limit.js';
import {
  surveyCsp,
  surveyDeclinedPage,
  surveyFormPage,
  surveyGonePage,
  surveyThanksPage,
} from './pages/survey-page.js';

const tokenParams = z.object({ token: z.string().meta({ description: 'The one-time token from the survey mail' }) });
const answeredSchema = z.object({ status: z.literal('answered') }).meta({ id: 'SurveyAnswered' });
const declinedSchema = z.object({ status: z.literal('declined') }).meta({ id: 'SurveyDeclined' });

const WINDOW_MS = 15 * 60_000;

/** The token sits in the path; a request log line shows the path without it. */
export const hideSurveyToken = (url: string) => url.replace(/^\/survey\/[^/?#]+/, '/survey/[dold]');

// Pages that carry a live token: never cached, never framed, never sent on as a referrer.
function html(res: Response, status: number, body: string) {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': surveyCsp,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'x-robots-tag': 'noindex',
    })
    .send(body);
}

const wantsJson = (req: Request) => Boolean(req.is('application/json'));
const isGone = (err: unknown) => err instanceof AppError && err.code === 'not_found';

/**
 * The company's survey page. GET shows the form; POST takes the form or JSON. A link that is
 * unknown, answered, declined or closed gets the same 404, so a link reveals nothing.
 */
export function surveyRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(publicRateLimit(ctx, { name: 'survey', windowMs: WINDOW_MS, limit: ctx.config.SURVEY_RATE_LIMIT }));
  router.use(express.urlencoded({ extended: false, limit: ctx.config.BODY_LIMIT, parameterLimit: 50 }));

  router.get('/:token', async (req, res) => {
    const view = await surveyView(ctx, req.params.token);
    if (!view) return html(res, 404, surveyGonePage());
    html(res, 200, surveyFormPage(view, `${req.params.token}/decline`));
  });

  router.post('/:token', async (req, res) => {
    const token = req.params.token;
    if (wantsJson(req)) {
      const input = parse(surveyAnswerSchema, req.body ?? {}, 'body');
      await answerSurvey(ctx, token, input);
      return res.status(200).json({ status: 'answered' });
    }
    const values = answerFromForm((req.body ?? {}) as Record<string, unknown>);
    const parsed = surveyAnswerSchema.safeParse(values);
    if (!parsed.success) {
      // The form comes back with what was chosen and a Swedish message at each wrong answer.
      const view = await surveyView(ctx, token);
      if (!view) return html(res, 404, surveyGonePage());
      return html(res, 400, surveyFormPage(view, `${token}/decline`, { values, errors: zodFieldErrors(parsed.error) }));
    }
    try {
      await answerSurvey(ctx, token, parsed.data);
    } catch (err) {
      if (isGone(err)) return html(res, 404, surveyGonePage());
      throw err;
    }
    html(res, 200, surveyThanksPage());
  });

  router.post('/:token/decline', async (req, res) => {
    try {
      await declineSurvey(ctx, req.params.token);
    } catch (err) {
      if (isGone(err) && !wantsJson(req)) return html(res, 404, surveyGonePage());
      throw err;
    }
    if (wantsJson(req)) return res.status(200).json({ status: 'declined' });
    html(res, 200, surveyDeclinedPage());
  });
  return router;
}

export function describeSurveyRoutes(registry: OpenAPIRegistry): void {
  const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
  registry.registerPath({
    method: 'get',
    path: '/survey/{token}',
    summary: 'The follow-up survey page (HTML, Swedish)',
    request: { params: tokenParams },
    responses: {
      200: htmlPage('The form'),
      404: htmlPage('Unknown, answered, declined or closed: the same page'),
      ...problemResponses(429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/survey/{token}',
    summary: 'Answer the survey once (JSON, or the form from the page)',
    request: {
      params: tokenParams,
      body: {
        content: {
          'application/json': { schema: surveyAnswerSchema },
          'application/x-www-form-urlencoded': {
            schema: z
              .record(z.string(), z.string())
              .meta({ description: 'The same fields as strings; "vet-ej" or empty for a skipped factor' }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Stored, without identity; the link stops working',
        content: { 'application/json': { schema: answeredSchema }, 'text/html': { schema: z.string() } },
      },
      ...problemResponses(400, 404, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/survey/{token}/decline',
    summary: 'Decline the survey: no answer is stored and no more reminders are sent',
    request: { params: tokenParams },
    responses: {
      200: {
        description: 'Declined',
        content: { 'application/json': { schema: declinedSchema }, 'text/html': { schema: z.string() } },
      },
      ...problemResponses(404, 429),
    },
  });
}
