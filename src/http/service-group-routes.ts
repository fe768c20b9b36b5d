import { Router } from 'express';

import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import {
  categoryParams,
  categoryUnitsInputSchema,
  deleteMember,
  memberInputSchema,
  memberParams,
  putCategoryUnits,
  putMember,
  registerViewSchema,
  requireRegisterEditor,
  serviceGroupRegister,
} from '../application/service-group-register.js';
import { actorOf, permit } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

/** The service group's register: every staff member reads it; the coordinator and admins change it. */
export function serviceGroupRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    actorOf(req);
    res.json(await serviceGroupRegister(ctx.db));
  });
  router.put('/units/:unit/members/:userId', permit(requireRegisterEditor), async (req, res) => {
    const actor = actorOf(req);
    const { unit, userId } = parse(memberParams, req.params, 'params');
    await putMember(ctx, actor, unit, userId, parse(memberInputSchema, req.body ?? {}, 'body'));
    res.json(await serviceGroupRegister(ctx.db));
  });
  router.delete('/units/:unit/members/:userId', permit(requireRegisterEditor), async (req, res) => {
    const actor = actorOf(req);
    const { unit, userId } = parse(memberParams, req.params, 'params');
    await deleteMember(ctx, actor, unit, userId);
    res.status(204).end();
  });
  router.put('/categories/:category', permit(requireRegisterEditor), async (req, res) => {
    const actor = actorOf(req);
    const { category } = parse(categoryParams, req.params, 'params');
    await putCategoryUnits(ctx, actor, category, parse(categoryUnitsInputSchema, req.body ?? {}, 'body'));
    res.json(await serviceGroupRegister(ctx.db));
  });
  return router;
}

export function describeServiceGroupRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const ok = { 200: { description: 'The register', content: { 'application/json': { schema: registerViewSchema } } } };
  registry.registerPath({
    method: 'get',
    path: '/api/service-group',
    summary: 'The service group register: units, members, category → units',
    security,
    responses: { ...ok, ...problemResponses(401) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/service-group/units/{unit}/members/{userId}',
    summary: 'Add a staff member to a unit of the service group, or change their title (coordinator, admin)',
    security,
    request: { params: memberParams, body: { content: { 'application/json': { schema: memberInputSchema } } } },
    responses: { ...ok, ...problemResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/service-group/units/{unit}/members/{userId}',
    summary: 'Take a member off a unit (coordinator, admin)',
    security,
    request: { params: memberParams },
    responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/service-group/categories/{category}',
    summary: 'Which units a case category usually brings to the table (coordinator, admin)',
    security,
    request: {
      params: categoryParams,
      body: { content: { 'application/json': { schema: categoryUnitsInputSchema } } },
    },
    responses: { ...ok, ...problemResponses(400, 401, 403) },
  });
}
