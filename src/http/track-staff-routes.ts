import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { COMPLEMENT_LIMITS } from '../domain/complement-files.js';
import { listCaseFiles, readCaseFile } from '../application/tracking/case-files.js';
import { publicCaseSchema } from '../application/tracking/public-case-schema.js';
import { revokeTracking, revokeTrackingSchema, trackingLinkSchema } from '../application/tracking/revoke-tracking.js';
import { actorOf } from './authenticate.js';
import { caseFileHeaders } from '../views/file-download.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const idParams = z.object({
  id: z.string().min(1).max(40).meta({ description: 'Case id (UUID) or reference (HS-YYYY-NNNNNN)' }),
});
const fileParams = idParams.extend({ fileId: z.uuid('Okänd fil.') });

const fileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.string().meta({ description: 'The media type read from the content' }),
    size: z.number().int(),
    sha256: z.string(),
    caseVersion: z
      .number()
      .int()
      .meta({ description: 'The case version the complement produced; files sent together share it' }),
    receivedAt: z.string(),
    url: z.string(),
  })
  .meta({ id: 'ComplementFile' });

/** Staff's side of the tracking page: replace a case's link, and read what the company sent. */
export function trackStaffRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/:id/tracking/revoke', async (req, res) => {
    const { id } = parse(idParams, req.params, 'params');
    res.json(await revokeTracking(ctx, actorOf(req), id, req.body ?? {}));
  });

  router.get('/:id/files', async (req, res) => {
    const { id } = parse(idParams, req.params, 'params');
    const { row, files } = await listCaseFiles(ctx, actorOf(req), id);
    res.json({
      items: files.map((f) => ({
        id: f.id,
        name: f.name,
        type: f.mediaType,
        size: f.sizeBytes,
        sha256: f.sha256,
        caseVersion: f.caseVersion,
        receivedAt: f.createdAt,
        url: `/api/cases/${row.id}/files/${f.id}`,
      })),
    });
  });

  router.get('/:id/files/:fileId', async (req, res) => {
    const { id, fileId } = parse(fileParams, req.params, 'params');
    const file = await readCaseFile(ctx, actorOf(req), id, fileId);
    // setHeader, not res.set: the stored media type is sent as it is, with no charset added.
    for (const [name, value] of Object.entries(caseFileHeaders(file))) res.setHeader(name, value);
    res.send(file.content);
  });

  return router;
}

export function describeTrackRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  const tokenParams = z.object({
    token: z.string().meta({ description: 'The tracking token from the link in the company’s mails' }),
  });
  registry.registerPath({
    method: 'get',
    path: '/track/{token}',
    summary: 'The company’s view of its case (HTML for browsers; JSON with Accept: application/json)',
    description: 'Public; rate limited per address. Wrong, revoked and unknown links all answer the same 404.',
    request: { params: tokenParams },
    responses: {
      200: {
        description: 'The case as the company sees it',
        content: { 'application/json': { schema: publicCaseSchema }, 'text/html': { schema: z.string() } },
      },
      ...problemResponses(404, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/track/{token}/complement',
    summary: 'Answer a complement request with a message and files',
    description:
      `At most ${COMPLEMENT_LIMITS.files} files of at most 10 MB each: PDF, JPEG, PNG, ` +
      `docx, xlsx, txt, judged by their content. The case gets COMPLEMENT_RECEIVED in the ` +
      `same transaction. A browser is sent back to the page (303).`,
    request: {
      params: tokenParams,
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({
              formToken: z.string().meta({ description: '`forms.complement.formToken` of the case view' }),
              message: z.string().max(4000).optional(),
              files: z
                .array(z.string().meta({ format: 'binary' }))
                .max(5)
                .optional(),
            }),
          },
        },
      },
    },
    responses: {
      201: {
        description: 'Received',
        content: {
          'application/json': {
            schema: z.object({
              received: z.object({
                reference: z.string(),
                files: z.array(
                  z.object({ name: z.string(), type: z.string(), size: z.number().int(), sha256: z.string() }),
                ),
              }),
              case: publicCaseSchema,
            }),
          },
        },
      },
      303: { description: 'A browser goes back to the page' },
      ...problemResponses(400, 403, 404, 409, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/track/{token}/complaint',
    summary: 'Complain about how the case was handled; registers a complaint linked to the case',
    request: {
      params: tokenParams,
      body: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              formToken: z.string(),
              concerns: z.array(z.string()).meta({
                description:
                  'What it concerns: treatment, efficiency, competence, information, accessibility, legal_certainty, other',
              }),
              description: z.string(),
              contactName: z.string().optional(),
              contactEmail: z.string().optional(),
              contactPhone: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description:
          'This form was already sent: nothing new is registered; the complaint it filed, `Location` its tracking link',
        content: {
          'application/json': {
            schema: z.object({ reference: z.string(), trackingUrl: z.string(), alreadyFiled: z.literal(true) }),
          },
        },
      },
      201: {
        description: 'Registered; `Location` is the complaint’s own tracking link',
        content: {
          'application/json': {
            schema: z.object({ reference: z.string(), trackingUrl: z.string(), alreadyFiled: z.literal(false) }),
          },
        },
      },
      303: { description: 'A browser goes on to the complaint’s own page' },
      ...problemResponses(400, 403, 404, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/cases/{id}/tracking/revoke',
    summary: 'Replace the case’s tracking link; every older link stops working',
    description: 'Officers and managers of the case’s unit (or its assignee), and admins.',
    security,
    request: { params: idParams, body: { content: { 'application/json': { schema: revokeTrackingSchema } } } },
    responses: {
      200: { description: 'The new link', content: { 'application/json': { schema: trackingLinkSchema } } },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases/{id}/files',
    summary: 'Files the company sent with complements',
    security,
    request: { params: idParams },
    responses: {
      200: {
        description: 'Files, oldest first',
        content: { 'application/json': { schema: z.object({ items: z.array(fileSchema) }) } },
      },
      ...problemResponses(401, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases/{id}/files/{fileId}',
    summary: 'Download one file',
    security,
    request: { params: fileParams },
    responses: {
      200: {
        description: 'The file as it was sent',
        content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
      ...problemResponses(400, 401, 404),
    },
  });
}
