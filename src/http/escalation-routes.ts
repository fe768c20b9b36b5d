import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { completeAction, completeActionSchema } from '../application/complete-action.js';
import { historyEntrySchema } from '../application/case-view-schema.js';
import { escalationHistory } from '../application/escalation-history.js';
import { toEscalationView } from '../application/escalation-view.js';
import { escalationViewSchema } from '../application/escalation-view-schema.js';
import { listEscalations, listEscalationsQuerySchema } from '../application/list-escalations.js';
import { requestEscalation, requestEscalationSchema } from '../application/open-escalation.js';
import { sendEscalationEvent, visibleEscalation } from '../application/send-escalation-event.js';
import { escalationEventSchemas } from '../../workflows/escalation-events.js';
import { actorOf } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const idParams = z.object({ id: z.uuid().meta({ description: 'Escalation id' }) });
const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });

/** "Dukat bord": requests, the coordinator's steps, and the agreed actions. */
export function escalationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const actor = actorOf(req);
    const row = await requestEscalation(ctx, actor, parse(requestEscalationSchema, req.body ?? {}, 'body'));
    res
      .status(201)
      .location(`/api/escalations/${row.id}`)
      .json(await toEscalationView(ctx, actor, row));
  });
  router.get('/', async (req, res) => {
    const actor = actorOf(req);
    const { rows, nextCursor } = await listEscalations(
      ctx,
      actor,
      parse(listEscalationsQuerySchema, req.query, 'query'),
    );
    const items = [];
    for (const r of rows) items.push(await toEscalationView(ctx, actor, r));
    res.json({ items, nextCursor });
  });
  router.get('/:id', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    res.json(await toEscalationView(ctx, actor, await visibleEscalation(ctx.db, actor, id)));
  });
  router.post('/:id/events', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    const row = await sendEscalationEvent(ctx, actor, id, req.body ?? {});
    res.json(await toEscalationView(ctx, actor, row));
  });
  router.get('/:id/history', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    res.json({ items: await escalationHistory(ctx, actor, id) });
  });
  router.post('/:id/actions/:actionId/complete', async (req, res) => {
    const actor = actorOf(req);
    const { id, actionId } = parse(actionParams, req.params, 'params');
    const row = await completeAction(ctx, actor, id, actionId, req.body ?? {});
    res.json(await toEscalationView(ctx, actor, row));
  });
  return router;
}

export function describeEscalationRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const view = (description: string) => ({
    description,
    content: { 'application/json': { schema: escalationViewSchema } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/escalations',
    summary: 'Ask for a "dukat bord" for a case and the company\'s other open cases',
    security,
    request: { body: { content: { 'application/json': { schema: requestEscalationSchema } } } },
    responses: { 201: view('Requested'), ...problemResponses(400, 401, 403, 409) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/escalations',
    summary: 'Escalations the caller may see, newest first',
    security,
    request: { query: listEscalationsQuerySchema },
    responses: {
      200: {
        description: 'A page',
        content: {
          'application/json': {
            schema: z.object({ items: z.array(escalationViewSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      ...problemResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/escalations/{id}',
    summary: 'One escalation',
    security,
    request: { params: idParams },
    responses: { 200: view('The escalation'), ...problemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/escalations/{id}/events',
    summary:
      "The coordinator's steps: accept, decline, compose, schedule, reschedule, cancel, hold, record the outcome",
    description: 'The event types the escalation accepts for the caller are listed in its `allowedEvents`.',
    security,
    request: {
      params: idParams,
      body: {
        content: {
          'application/json': {
            schema: z.union(
              Object.entries(escalationEventSchemas).map(([type, schema]) =>
                (schema as z.ZodObject)
                  .extend({ type: z.literal(type), expectedVersion: z.number().int().min(1) })
                  .meta({ id: `escalation_${type}` }),
              ) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
            ),
          },
        },
      },
    },
    responses: { 200: view('The escalation after the event'), ...problemResponses(400, 401, 403, 404, 409, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/escalations/{id}/history',
    summary: "The escalation's audit trail, oldest first",
    security,
    request: { params: idParams },
    responses: {
      200: {
        description: 'Events',
        content: { 'application/json': { schema: z.object({ items: z.array(historyEntrySchema) }) } },
      },
      ...problemResponses(400, 401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/escalations/{id}/actions/{actionId}/complete',
    summary: 'Mark an agreed action done (its owner, the coordinator, an admin); the last one closes the escalation',
    security,
    request: { params: actionParams, body: { content: { 'application/json': { schema: completeActionSchema } } } },
    responses: { 200: view('The escalation'), ...problemResponses(400, 401, 403, 404, 409) },
  });
}
