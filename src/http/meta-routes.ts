import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { nonWorkingWeekdays } from '../domain/swedish-calendar.js';
import { dependencyHealth } from '../application/health.js';
import { listCategories } from '../application/list-categories.js';
import { listClosingDays } from '../application/manage-closing-days.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const healthSchema = z
  .object({ status: z.enum(['ok', 'unavailable']), db: z.enum(['ok', 'down']), redis: z.enum(['ok', 'down']) })
  .meta({ id: 'Health' });

const calendarQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100) }).strict();
const nonWorkingDaySchema = z.object({ date: z.iso.date(), name: z.string() }).meta({ id: 'NonWorkingDay' });

const guaranteeSchema = z.object({
  code: z.string(),
  clock: z.string(),
  length: z.object({ value: z.number(), unit: z.enum(['working_days', 'calendar_days', 'weeks', 'hours']) }),
  label: z.string(),
});
const categorySchema = z
  .object({
    code: z.string(),
    label: z.string(),
    kind: z.enum(['company_case', 'complaint']),
    unit: z.string(),
    pbl: z.boolean(),
    guarantees: z.array(guaranteeSchema),
  })
  .meta({ id: 'Category' });

export function healthRoute(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const { db, redis } = await dependencyHealth(ctx);
    // The database is the truth: without it we cannot serve; without Redis only reminders wait.
    res.status(db === 'ok' ? 200 : 503).json({ status: db === 'ok' ? 'ok' : 'unavailable', db, redis });
  });
  return router;
}

export function publicApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/categories', async (_req, res) => {
    res.json({ items: await listCategories(ctx) });
  });
  router.get('/calendar/non-working-days', async (req, res) => {
    const { year } = parse(calendarQuery, req.query, 'query');
    res.json(nonWorkingWeekdays(year, await listClosingDays(ctx)));
  });
  return router;
}

export function describeMetaRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Liveness and dependencies',
    responses: {
      200: { description: 'The database answers', content: { 'application/json': { schema: healthSchema } } },
      503: { description: 'The database does not answer', content: { 'application/json': { schema: healthSchema } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/categories',
    summary: 'Case categories with their service guarantees',
    responses: {
      200: {
        description: 'Categories',
        content: { 'application/json': { schema: z.object({ items: z.array(categorySchema) }) } },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/calendar/non-working-days',
    summary: 'Every non-working Monday–Friday of a year (public holidays, midsommarafton, julafton, nyårsafton)',
    request: { query: calendarQuery },
    responses: {
      200: { description: 'Days', content: { 'application/json': { schema: z.array(nonWorkingDaySchema) } } },
      ...problemResponses(400),
    },
  });
}
