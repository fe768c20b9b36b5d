import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, notFound, statusOf } from '../../domain/errors.js';
import { mayRunEscalation } from '../../domain/roles.js';
import { completeAction, completeActionSchema } from '../../application/complete-action.js';
import { toEscalationView } from '../../application/escalation-view.js';
import { escalationStatuses, listEscalations, listEscalationsQuerySchema } from '../../application/list-escalations.js';
import { sendEscalationEvent, visibleEscalation } from '../../application/send-escalation-event.js';
import { escalationEvents, escalationSystemEvents } from '../../../workflows/escalation-events.js';
import { allStates, currentLifecycle } from '../../../workflows/registry.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { requireStaff } from '../staff-session.js';
import { bodyOf, formStack, textOf } from '../register/form-parts.js';
import { apiErrorsOnForm, isStepType, parseStep, type StepForm } from './escalation-forms.js';
import { escalationListPage } from './escalation-list-page.js';
import { escalationPage } from './escalation-page.js';

const uuid = z.uuid();
const idOf = (req: Request, key = 'id') => {
  const raw = String(req.params[key] ?? '');
  // Not an id at all: the same answer as an id of a table one may not see.
  if (!uuid.safeParse(raw).success) throw notFound('Det dukade bordet');
  return raw;
};

const notices: Record<string, string> = {
  // The redirect names no step, so every step says the same (a test holds them alike).
  sparat: escalationEvents.ACCEPT.done,
  klar: escalationSystemEvents.ACTION_DONE.done,
  registrerade: 'Ärendena är registrerade, ett för varje kategori, och föreslagna för ett gemensamt dukat bord.',
};
const statusLabels = Object.fromEntries(
  allStates(currentLifecycle('service_group'))
    .filter((s) => (escalationStatuses as readonly string[]).includes(s.value))
    .map((s) => [s.value, s.label]),
);

/** Dukat bord: the list, one table with the coordinator's steps, and marking agreed actions done. */
export function serviceGroupPages(ctx: AppContext, page: RequestHandler[], _form: RequestHandler[]): Router {
  const router = Router();
  // Outcome forms carry several actions; participants are one field per person.
  const post = [...formStack(page, 200), verifyCsrf(ctx), requireStaff];

  router.get('/dukat-bord', ...page, requireStaff, async (req, res) => {
    const raw = typeof req.query.status === 'string' ? req.query.status : 'oppna';
    const status = raw === 'alla' || raw in statusLabels ? raw : 'oppna';
    const cursor = typeof req.query.fran === 'string' ? req.query.fran : '';
    const query = listEscalationsQuerySchema.parse({
      limit: '50',
      ...(status === 'oppna' ? { open: 'true' } : status === 'alla' ? {} : { status }),
      ...(cursor ? { cursor } : {}),
    });
    const { rows, nextCursor } = await listEscalations(ctx, req.staff!, query);
    const items = [];
    for (const r of rows) items.push(await toEscalationView(ctx, req.staff!, r));
    const nextHref = nextCursor ? `/dukat-bord?${new URLSearchParams({ status, fran: nextCursor })}` : null;
    res
      .type('html')
      .send(escalationListPage({ user: req.staff!, csrfToken: csrfToken(req), status, statusLabels, items, nextHref }));
  });

  const show = async (
    req: Request,
    id: string,
    extra: { failed?: StepForm; problem?: string; notice?: string } = {},
  ) => {
    const view = await toEscalationView(ctx, req.staff!, await visibleEscalation(ctx.db, req.staff!, id));
    return escalationPage({
      user: req.staff!,
      csrfToken: csrfToken(req),
      view,
      now: ctx.clock.now(),
      runsTables: mayRunEscalation(req.staff!),
      ...extra,
    });
  };

  router.get('/dukat-bord/:id', ...page, requireStaff, async (req, res) => {
    const done = typeof req.query.klart === 'string' ? notices[req.query.klart] : undefined;
    res.type('html').send(await show(req, idOf(req), { notice: done }));
  });

  router.post('/dukat-bord/:id/handelser', ...post, async (req, res) => {
    const id = idOf(req);
    const body = bodyOf(req);
    const type = textOf(body, 'type');
    // Refused before anything is read for a role that does not run tables, as the API refuses it.
    if (!mayRunEscalation(req.staff!)) {
      await visibleEscalation(ctx.db, req.staff!, id);
      throw new AppError('forbidden', 'Bara samordnaren driver ett dukat bord.');
    }
    if (!isStepType(type)) throw new AppError('invalid_input', 'Okänt steg.');
    const expectedVersion = Number(textOf(body, 'version'));
    const form = parseStep(type, body, ctx.clock.now());
    if (!form.payload)
      return void res
        .status(400)
        .type('html')
        .send(await show(req, id, { failed: form }));
    try {
      await sendEscalationEvent(ctx, req.staff!, id, { type, expectedVersion, ...form.payload });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'invalid_input' && err.errors.length)
        return void res
          .status(400)
          .type('html')
          .send(await show(req, id, { failed: { ...form, errors: apiErrorsOnForm(type, err.errors, form.rowOf) } }));
      if (err.code === 'version_conflict')
        return void res
          .status(statusOf(err.code))
          .type('html')
          .send(
            await show(req, id, {
              problem:
                'Bordet har ändrats sedan du öppnade sidan. Här är det som det ser ut nu; gör steget igen om det fortfarande behövs.',
            }),
          );
      if (err.code === 'event_not_accepted' || err.code === 'conflict')
        return void res
          .status(statusOf(err.code))
          .type('html')
          .send(await show(req, id, { problem: err.message }));
      throw err;
    }
    res.redirect(303, `/dukat-bord/${id}?klart=sparat`);
  });

  router.post('/dukat-bord/:id/atgarder/:actionId/klar', ...post, async (req, res) => {
    const id = idOf(req);
    const actionId = idOf(req, 'actionId');
    const note = textOf(bodyOf(req), 'note').trim();
    const input = completeActionSchema.safeParse(note ? { note } : {});
    if (!input.success) throw new AppError('invalid_input', 'Anteckningen kunde inte sparas.');
    try {
      await completeAction(ctx, req.staff!, id, actionId, input.data);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'version_conflict')) throw err;
      return void res
        .status(statusOf(err.code))
        .type('html')
        .send(await show(req, id, { problem: err.message }));
    }
    res.redirect(303, `/dukat-bord/${id}?klart=klar`);
  });

  return router;
}
