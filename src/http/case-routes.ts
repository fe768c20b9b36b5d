import { Router } from 'express';
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { addCaseNote, caseNoteInputSchema, caseNoteSchema, caseNotes } from '../application/add-case-note.js';
import { caseHistory } from '../application/case-history.js';
import { toCaseView, toCaseViews } from '../application/case-view.js';
import { caseViewSchema, historyEntrySchema } from '../application/case-view-schema.js';
import { listCases, listCasesQuerySchema } from '../application/list-cases.js';
import { registerCases, registrationIssues, requireMayRegister } from '../application/register-case.js';
import { registerCaseSchema } from '../application/register-case-input.js';
import { eventEnvelopeSchema, sendCaseEvent } from '../application/send-case-event.js';
import { getVisibleCase } from '../application/get-visible-case.js';
import { flagInvolvedUnits, involvedUnitsSchema } from '../application/flag-involved-units.js';
import { followUpCaseSchema, followUpToCase } from '../application/follow-up-to-case.js';
import { companyCaseEventSchemas } from '../../workflows/company-case-events.js';
import { complaintEventSchemas } from '../../workflows/complaint-events.js';
import { actorOf, permit } from './authenticate.js';
import { problemResponses } from './openapi.js';
import { parse } from './validate.js';

const registeredCaseSchema = caseViewSchema
  .extend({
    registeredTogether: z.array(z.object({ id: z.uuid(), reference: z.string(), category: z.string() })).meta({
      description: 'The cases this registration made, in the order of `categories`; one for a single category',
    }),
  })
  .meta({ id: 'RegisteredCase' });

const followUpParams = z.object({ id: z.string().min(1).max(40), followUpId: z.uuid() });
const idParams = z.object({
  id: z.string().min(1).max(40).meta({ description: 'Case id (UUID) or reference (HS-YYYY-NNNNNN)' }),
});

export function caseRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/', permit(requireMayRegister), async (req, res) => {
    const actor = actorOf(req);
    // Every problem at once, the schema's and the rules across fields, in field order.
    const { input, errors } = registrationIssues(req.body ?? {}, ctx.clock.now());
    if (!input) throw new AppError('invalid_input', 'Begäran innehåller ogiltiga uppgifter.', errors);
    const rows = await registerCases(ctx, actor, input);
    const first = rows[0]!;
    res
      .status(201)
      .location(`/api/cases/${first.id}`)
      .json({
        ...(await toCaseView(ctx, actor, first)),
        registeredTogether: rows.map((r) => ({ id: r.id, reference: r.reference, category: r.category })),
      });
  });

  router.get('/', async (req, res) => {
    const actor = actorOf(req);
    const query = parse(listCasesQuerySchema, req.query, 'query');
    const { rows, nextCursor } = await listCases(ctx, actor, query);
    res.json({ items: await toCaseViews(ctx, actor, rows, false), nextCursor });
  });

  router.get('/:id', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    res.json(await toCaseView(ctx, actor, await getVisibleCase(ctx, actor, id)));
  });

  router.post('/:id/events', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    const body = parse(eventEnvelopeSchema, req.body ?? {}, 'body');
    const row = await sendCaseEvent(ctx, actor, id, body);
    res.json(await toCaseView(ctx, actor, row));
  });

  router.put('/:id/involved-units', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    const row = await flagInvolvedUnits(ctx, actor, id, req.body ?? {});
    res.json(await toCaseView(ctx, actor, row));
  });

  router.post('/:id/follow-ups/:followUpId/case', async (req, res) => {
    const actor = actorOf(req);
    const { id, followUpId } = parse(followUpParams, req.params, 'params');
    const row = await followUpToCase(ctx, actor, id, followUpId, req.body ?? {});
    res
      .status(201)
      .location(`/api/cases/${row.id}`)
      .json(await toCaseView(ctx, actor, row));
  });

  router.get('/:id/history', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    res.json({ items: await caseHistory(ctx, actor, id) });
  });

  router.get('/:id/notes', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    res.json({ items: await caseNotes(ctx, actor, id) });
  });

  router.post('/:id/notes', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params, 'params');
    const note = await addCaseNote(ctx, actor, id, req.body ?? {});
    res.status(201).json(note);
  });

  return router;
}

function eventBodySchemas(kind: string, schemas: Record<string, z.ZodObject>) {
  return Object.entries(schemas).map(([type, schema]) =>
    schema.extend({ type: z.literal(type), expectedVersion: z.number().int().min(1) }).meta({ id: `${kind}_${type}` }),
  );
}

export function describeCaseRoutes(registry: OpenAPIRegistry): void {
  const security = [{ bearer: [] }];
  registry.registerPath({
    method: 'post',
    path: '/api/cases',
    summary: 'Register a case or a complaint',
    security,
    request: { body: { content: { 'application/json': { schema: registerCaseSchema } } } },
    description:
      'Every problem is reported at once in `errors`, in the order of the fields. With ' +
      '`categories` instead of `category`, one case per category is registered in the same ' +
      'transaction and proposed for one "dukat bord"; the answer is the first case and ' +
      '`registeredTogether` lists every case registered (this one first).',
    responses: {
      201: { description: 'Registered', content: { 'application/json': { schema: registeredCaseSchema } } },
      ...problemResponses(400, 401, 403, 413),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases',
    summary: 'List cases the caller may see, newest first',
    security,
    request: { query: listCasesQuerySchema },
    responses: {
      200: {
        description: 'A page of cases',
        content: {
          'application/json': {
            schema: z.object({ items: z.array(caseViewSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      ...problemResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases/{id}',
    summary: 'One case, by id or reference',
    security,
    request: { params: idParams },
    responses: {
      200: { description: 'The case', content: { 'application/json': { schema: caseViewSchema } } },
      ...problemResponses(401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/cases/{id}/events',
    summary: 'Advance a case through its lifecycle',
    description: 'The event types a case accepts for the caller are listed in its `allowedEvents`.',
    security,
    request: {
      params: idParams,
      body: {
        content: {
          'application/json': {
            schema: z.union([
              ...eventBodySchemas('company_case', companyCaseEventSchemas),
              ...eventBodySchemas('complaint', complaintEventSchemas),
            ] as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]),
          },
        },
      },
    },
    responses: {
      200: { description: 'The case after the event', content: { 'application/json': { schema: caseViewSchema } } },
      ...problemResponses(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/cases/{id}/involved-units',
    summary: 'Flag the other units a case touches; two or more units propose a "dukat bord"',
    security,
    request: { params: idParams, body: { content: { 'application/json': { schema: involvedUnitsSchema } } } },
    responses: {
      200: { description: 'The case', content: { 'application/json': { schema: caseViewSchema } } },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/cases/{id}/follow-ups/{followUpId}/case',
    summary: "Turn a company visit's follow-up into a case for its unit (registered, linked to the visit, routed)",
    security,
    request: { params: followUpParams, body: { content: { 'application/json': { schema: followUpCaseSchema } } } },
    responses: {
      201: { description: 'The new case', content: { 'application/json': { schema: caseViewSchema } } },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases/{id}/history',
    summary: 'The audit trail, oldest first',
    security,
    request: { params: idParams },
    responses: {
      200: {
        description: 'Events',
        content: { 'application/json': { schema: z.object({ items: z.array(historyEntrySchema) }) } },
      },
      ...problemResponses(401, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/cases/{id}/notes',
    summary: "The case's internal notes, oldest first (staff only; never shown to the company)",
    security,
    request: { params: idParams },
    responses: {
      200: {
        description: 'Notes',
        content: { 'application/json': { schema: z.object({ items: z.array(caseNoteSchema) }) } },
      },
      ...problemResponses(401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/cases/{id}/notes',
    summary: 'Add an internal note for colleagues; the history records that a note was added, not its text',
    security,
    request: { params: idParams, body: { content: { 'application/json': { schema: caseNoteInputSchema } } } },
    responses: {
      201: { description: 'The note', content: { 'application/json': { schema: caseNoteSchema } } },
      ...problemResponses(400, 401, 403, 404, 413),
    },
  });
}
