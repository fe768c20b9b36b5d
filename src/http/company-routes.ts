import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import {
  assertMayRenameCompany,
  companyView,
  companyViewSchema,
  renameCompany,
  renameCompanySchema,
} from '../application/rename-company.js';
import { actorOf } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const idParams = z.object({ id: z.uuid().meta({ description: 'Company id (`company.id` on a case)' }) });

/** The company register: one company with its earlier names, and a deliberate change of name. */
export function companyRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const actor = actorOf(req);
    assertMayRenameCompany(actor);
    const { id } = parse(idParams, req.params, 'params');
    res.json(await companyView(ctx, actor, id));
  });
  router.post('/:id/name', async (req, res) => {
    const actor = actorOf(req);
    assertMayRenameCompany(actor);
    const { id } = parse(idParams, req.params, 'params');
    res.json(await renameCompany(ctx, actor, id, parse(renameCompanySchema, req.body ?? {}, 'body')));
  });
  return router;
}

export function describeCompanyRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/api/companies/{id}',
    summary: 'A company with its earlier names (registrar, manager, admin)',
    security,
    request: { params: idParams },
    responses: {
      200: { description: 'The company', ...json(companyViewSchema) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/companies/{id}/name',
    summary: 'Rename a company on purpose, with a reason (registrar, manager, admin)',
    description:
      'Registering a case never renames a company: an existing organisation number keeps ' +
      'its name and the name given is stored on the case (`company.nameGiven`). This is ' +
      'the one way to change the name; the earlier name, who changed it, when and why are ' +
      'kept (`nameChanges`).',
    security,
    request: { params: idParams, body: json(renameCompanySchema) },
    responses: {
      200: { description: 'Renamed', ...json(companyViewSchema) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
