import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { guaranteeDefinitionSchema } from '../domain/guarantee.js';
import {
  createGuarantee,
  createGuaranteeSchema,
  guaranteeCodeSchema,
  recomputeGuarantee,
  requireGuaranteeAdmin,
  updateGuarantee,
  updateGuaranteeSchema,
} from '../application/manage-guarantees.js';
import { closingDaysSchema, listClosingDays, replaceClosingDays } from '../application/manage-closing-days.js';
import { confirmUncertainMail, retryFailedMail } from '../application/retry-mail.js';
import { guaranteeWithVersions, listGuarantees } from '../application/read-guarantees.js';
import { mailByStatus, notificationStatuses } from '../application/mail-status.js';
import { actorOf, permit } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const codeParams = z.object({ code: guaranteeCodeSchema });
const guaranteeSchema = z
  .object({ code: z.string(), version: z.number().int(), active: z.boolean(), definition: guaranteeDefinitionSchema })
  .meta({ id: 'Guarantee' });
const notificationParams = z.object({ id: z.coerce.number().int().positive() });
const failedQuery = z
  .object({
    status: z.enum(notificationStatuses).default('failed'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const requireAdmin = (req: Parameters<typeof actorOf>[0]) => {
  const actor = actorOf(req);
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Bara administratörer har tillgång.');
  return actor;
};

/** The guarantee catalogue: every staff member reads it, only admins change it. */
export function guaranteeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    actorOf(req);
    res.json({ items: await listGuarantees(ctx) });
  });
  router.get('/:code', async (req, res) => {
    actorOf(req);
    const { code } = parse(codeParams, req.params, 'params');
    res.json(await guaranteeWithVersions(ctx, code));
  });
  router.post('/', permit(requireGuaranteeAdmin), async (req, res) => {
    const actor = actorOf(req);
    const input = parse(createGuaranteeSchema, req.body ?? {}, 'body');
    const g = await createGuarantee(ctx, actor, input);
    res.status(201).location(`/api/guarantees/${g.code}`).json(g);
  });
  router.put('/:code', permit(requireGuaranteeAdmin), async (req, res) => {
    const actor = actorOf(req);
    const { code } = parse(codeParams, req.params, 'params');
    const input = parse(updateGuaranteeSchema, req.body ?? {}, 'body');
    res.json(await updateGuarantee(ctx, actor, code, input));
  });
  router.post('/:code/recompute', permit(requireGuaranteeAdmin), async (req, res) => {
    const actor = actorOf(req);
    const { code } = parse(codeParams, req.params, 'params');
    res.json(await recomputeGuarantee(ctx, actor, code));
  });
  return router;
}

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/closing-days', async (req, res) => {
    actorOf(req);
    res.json(await listClosingDays(ctx));
  });
  router.put('/closing-days', async (req, res) => {
    const actor = requireAdmin(req);
    res.json(await replaceClosingDays(ctx, actor, req.body ?? []));
  });
  router.get('/notifications', async (req, res) => {
    requireAdmin(req);
    const q = parse(failedQuery, req.query, 'query');
    res.json({ items: await mailByStatus(ctx, q.status, q.limit) });
  });
  router.post('/notifications/:id/retry', async (req, res) => {
    const actor = requireAdmin(req);
    const { id } = parse(notificationParams, req.params, 'params');
    await retryFailedMail(ctx, actor, id);
    res.status(204).end();
  });
  router.post('/notifications/:id/delivered', async (req, res) => {
    const actor = requireAdmin(req);
    const { id } = parse(notificationParams, req.params, 'params');
    await confirmUncertainMail(ctx, actor, id);
    res.status(204).end();
  });
  return router;
}

export function describeAdminRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/api/guarantees',
    summary: 'The guarantee catalogue at its current versions',
    security,
    responses: {
      200: { description: 'Guarantees', ...json(z.object({ items: z.array(guaranteeSchema) })) },
      ...problemResponses(401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/guarantees/{code}',
    summary: 'One guarantee with all its versions',
    security,
    request: { params: codeParams },
    responses: { 200: { description: 'Guarantee', ...json(guaranteeSchema) }, ...problemResponses(401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/guarantees',
    summary: 'Add a guarantee (admin)',
    security,
    request: { body: json(createGuaranteeSchema) },
    responses: { 201: { description: 'Created', ...json(guaranteeSchema) }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/guarantees/{code}',
    summary: 'Change a guarantee: a new version; running clocks keep theirs (admin)',
    security,
    request: { params: codeParams, body: json(updateGuaranteeSchema) },
    responses: {
      200: { description: 'The new version', ...json(guaranteeSchema) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/guarantees/{code}/recompute',
    summary: 'Move running clocks onto the current version, audited on each case (admin)',
    security,
    request: { params: codeParams },
    responses: {
      200: { description: 'How many clocks moved', ...json(z.object({ recomputed: z.number().int() })) },
      ...problemResponses(401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/admin/closing-days',
    summary: 'Local closing days',
    security,
    responses: { 200: { description: 'Days', ...json(closingDaysSchema) }, ...problemResponses(401) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/admin/closing-days',
    summary: 'Replace the local closing days (admin)',
    security,
    request: { body: json(closingDaysSchema) },
    responses: { 200: { description: 'Days', ...json(closingDaysSchema) }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/admin/notifications/{id}/retry',
    summary: 'Send a failed or uncertain e-mail again, now (admin)',
    security,
    request: { params: notificationParams },
    responses: { 204: { description: 'Queued again' }, ...problemResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/admin/notifications/{id}/delivered',
    summary: 'Settle an uncertain e-mail as delivered, when its recipient has it: never sent again (admin)',
    security,
    request: { params: notificationParams },
    responses: { 204: { description: 'Settled as sent' }, ...problemResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/admin/notifications',
    summary: 'E-mails by status, failed by default (admin)',
    security,
    request: { query: failedQuery },
    responses: {
      200: { description: 'Mails', ...json(z.object({ items: z.array(z.record(z.string(), z.unknown())) })) },
      ...problemResponses(400, 401, 403),
    },
  });
}
