import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { addCaseNote, CASE_NOTE_MAX, caseNoteInputSchema, caseNotes } from '../../application/add-case-note.js';
import { assignableOfficers } from '../../application/assignees.js';
import { caseHistory } from '../../application/case-history.js';
import { findVisibleCase, getVisibleCase, type CaseRow } from '../../application/get-visible-case.js';
import { namesOf } from '../../application/staff-directory.js';
import { toCaseView, toCaseViews } from '../../application/case-view.js';
import type { CaseView } from '../../application/case-view-schema.js';
import { linkedComplaints } from '../../application/linked-complaints.js';
import { listCases, listCasesQuerySchema } from '../../application/list-cases.js';
import { requestEscalation, requestEscalationSchema } from '../../application/open-escalation.js';
import { eventEnvelopeSchema, sendCaseEvent } from '../../application/send-case-event.js';
import { zodFieldErrors } from '../../application/zod-errors.js';
import { AppError, notFound, statusOf } from '../../domain/errors.js';
import { mayActOn, mayAddCaseNote } from '../../domain/roles.js';
import { mayRequestEscalation } from '../../domain/escalation-request.js';
import { flagInvolvedUnits, involvedUnitsSchema } from '../../application/flag-involved-units.js';
import { listCaseFiles, readCaseFile } from '../../application/tracking/case-files.js';
import { caseFileHeaders } from '../../views/file-download.js';
import { INVOLVED_FIELD, type InvolvedFormState } from './case-extra-sections.js';
import { visitErrors, visitErrorSummary, visitPayload, visitSection, type VisitFormState } from './visit-section.js';
import { followUpCaseSchema, followUpToCase } from '../../application/follow-up-to-case.js';
import type { FieldError } from '../../domain/errors.js';
import { localDateOf } from '../../domain/local-date.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import { lifecycle } from '../../../workflows/registry.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { requireStaff } from '../staff-session.js';
import { CASE_CSS_PATH, caseCss } from './case-css.js';
import { eventFields, eventSlug, pageErrors, toPayload, type FormState } from './case-event-forms.js';
import { NOTE_FIELD, type NoteFormState } from './case-notes-section.js';
import { casePage, type EscalationFormState } from './case-page.js';
import { caseQueuePage } from './case-queue-page.js';
import { parseQueueFilters, toListQuery, unitUnassignedQuery } from './case-queue-query.js';
import { soonDueBefore } from './case-urgency.js';
import { formStack } from '../register/form-parts.js';

const text = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === 'string' ? (body[key] as string) : '';
const idOf = (req: Request) => String(req.params.id ?? '').slice(0, 40);

const casePath = /^(HS-\d{4}-\d{6}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

// Notices after what the case page does besides its lifecycle events, which say their own.
const doneNotices: Record<string, string> = {
  eskalerad: 'Begäran om ett dukat bord är skickad till servicegruppen.',
  anteckning: 'Anteckningen är sparad. Den syns bara för personalen.',
  besok: 'Besöket är dokumenterat. Uppföljningarna kan nu bli ärenden för sina enheter.',
  uppfoljning: 'Uppföljningen är nu ett ärende, lotsat till enheten. Det är kopplat till besöket.',
  berors: 'De berörda enheterna är sparade. Berör ärendet flera enheter föreslås ett dukat bord för samordnaren.',
};

/** What a person reads after an action: what now holds, in words, never the button's command. */
const doneNotice = (row: CaseRow, slug: string): string | undefined => {
  const events = Object.entries(lifecycle(row.kind, row.machineVersion).events ?? {});
  return events.find(([type]) => eventSlug(type) === slug)?.[1].done ?? doneNotices[slug];
};

// Paths under /arenden/ that other sections own (Registrera ärende); the catch-all below lets
// them pass whatever order the routers are mounted in.
const ownedElsewhere = /^\/arenden\/ny(\/|$)/;

// "4 016": Swedish groups thousands with a space that does not break the number over two lines.
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\u00a0');

/** A refused note in words a person can act on, for the field beside the text kept. */
function noteError(body: string): string | null {
  const parsed = caseNoteInputSchema.safeParse({ body });
  if (parsed.success) return null;
  const trimmed = body.trim();
  if (trimmed.length === 0) return 'Skriv något i anteckningen.';
  if (trimmed.length > CASE_NOTE_MAX)
    return `Anteckningen får vara högst ${thousands(CASE_NOTE_MAX)} tecken. Den är nu ${thousands(trimmed.length)} tecken.`;
  return parsed.error.issues[0]?.message ?? 'Anteckningen kan inte sparas.';
}

/** The case as this user may see it, by id or reference; otherwise the same 404 the API gives. */
const visibleCase = (ctx: AppContext, req: Request): Promise<CaseRow> => getVisibleCase(ctx, req.staff!, idOf(req));

interface Extra {
  notice?: string;
  problem?: string;
  sent?: FormState;
  escalation?: EscalationFormState;
  noteForm?: NoteFormState;
  involvedForm?: InvolvedFormState;
  visitForm?: VisitFormState;
  followUpErrors?: FieldError[];
}

async function renderCase(ctx: AppContext, req: Request, row: CaseRow, extra: Extra = {}): Promise<string> {
  const actor = req.staff!;
  const view = await toCaseView(ctx, actor, row);
  const history = await caseHistory(ctx, actor, row.id);
  const assigneeIds = history.flatMap((e) => (typeof e.payload.assigneeId === 'string' ? [e.payload.assigneeId] : []));
  const people = await namesOf(ctx, assigneeIds);
  const related = row.relatedCaseId ? await findVisibleCase(ctx, actor, row.relatedCaseId) : undefined;
  const openTable = (view.serviceGroup ?? []).some((t) => t.open);
  return casePage({
    user: actor,
    csrf: csrfToken(req),
    c: view,
    machineVersion: row.machineVersion,
    // The people checkAssignee accepts: never the person a complaint is about.
    officers: view.allowedEvents.includes('ASSIGN')
      ? await assignableOfficers(ctx, { unit: view.unit, aboutUserId: row.aboutUserId })
      : [],
    eventLabels: lifecycle(row.kind, row.machineVersion).eventLabels,
    history,
    people,
    complaints: row.kind === 'complaint' ? [] : await linkedComplaints(ctx.db, actor, row.id),
    relatedCase: related ? { reference: related.reference, subject: related.subject } : null,
    // open-escalation.ts decides in the end, on the same rule; the form shows only where it can succeed.
    mayEscalate: mayRequestEscalation(actor, row, openTable),
    notes: await caseNotes(ctx, actor, row.id),
    mayAddNote: mayAddCaseNote(actor, row),
    files: (await listCaseFiles(ctx, actor, row.id)).files,
    // flag-involved-units.ts decides; the form shows where it can succeed.
    mayFlagUnits: row.kind === 'company_case' && row.closedAt === null && mayActOn(actor, row, 'ROUTE'),
    visit:
      row.kind === 'company_visit'
        ? await visitSection(ctx, actor, view, csrfToken(req), extra.visitForm, extra.followUpErrors)
        : undefined,
    visitErrors: visitErrorSummary(extra.visitForm),
    ...extra,
  });
}

/** Where "Ta ärendet" goes back to: a queue address the page gave, or the queue itself. */
function backToQueue(raw: string): string {
  if (!/^\/arenden(\?[A-Za-z0-9=&%._~+-]*)?$/.test(raw)) return '/arenden';
  const params = new URLSearchParams(raw.split('?')[1] ?? '');
  params.delete('tagen');
  const query = params.toString();
  return query ? `/arenden?${query}` : '/arenden';
}

const send = (res: Response, status: number, page: string) => res.status(status).type('html').send(page);

/** /arenden (the queue) and /arenden/:id (one case), on the same use cases as /api/cases. */
export function casePages(ctx: AppContext, page: RequestHandler[], _form: RequestHandler[]): Router {
  const router = Router();
  // An outcome's reasoning may be 20 000 characters: the forms' own bound, not the login form's.
  const post = [...formStack(page, 60), verifyCsrf(ctx), requireStaff];

  router.get(CASE_CSS_PATH, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css').send(caseCss);
  });

  async function renderQueue(
    req: Request,
    raw: Record<string, unknown>,
    extra: { notice?: string; problem?: string } = {},
  ): Promise<string> {
    const actor = req.staff!;
    const filters = parseQueueFilters(raw, actor);
    const now = ctx.clock.now();
    const closing = await ctx.reference.closingDays(ctx.db);
    const parsed = listCasesQuerySchema.safeParse(toListQuery(filters, actor, soonDueBefore(now, closing)));
    if (!parsed.success)
      throw new AppError(
        'invalid_input',
        'Urvalet kunde inte visas. Ändra filtren och försök igen.',
        zodFieldErrors(parsed.error),
      );
    // A chosen state may be a closed one; without one the queue shows what is still open.
    const { rows, nextCursor } = await listCases(ctx, actor, parsed.data, { openOnly: !filters.status });
    const cases = await toCaseViews(ctx, actor, rows, false);
    // "Mina ärenden" also shows the unit's work that nobody has taken yet, so an officer with
    // nothing assigned does not land on an empty page while cases wait.
    const waitingQuery = filters.tab === 'mina' ? unitUnassignedQuery(actor) : null;
    let unassigned: { cases: CaseView[]; more: boolean } | null = null;
    if (waitingQuery) {
      const waiting = await listCases(ctx, actor, listCasesQuerySchema.parse(waitingQuery), { openOnly: true });
      unassigned = { cases: await toCaseViews(ctx, actor, waiting.rows, false), more: waiting.nextCursor !== null };
    }
    return caseQueuePage({
      user: actor,
      csrfToken: csrfToken(req),
      filters,
      cases,
      nextCursor,
      today: formatSwedishDate(localDateOf(now)),
      unassigned,
      ...extra,
    });
  }

  router.get('/arenden', ...page, requireStaff, async (req, res) => {
    const taken = typeof req.query.tagen === 'string' && casePath.test(req.query.tagen) ? req.query.tagen : undefined;
    send(
      res,
      200,
      await renderQueue(
        req,
        req.query as Record<string, unknown>,
        taken ? { notice: `Du är nu handläggare för ${taken}.` } : {},
      ),
    );
  });

  // "Ta ärendet": the case's own ASSIGN event for the one who clicks, with the version the
  // queue showed, so two officers taking the same case cannot both get it.
  router.post('/arenden/:id/ta', ...post, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = backToQueue(text(body, 'tillbaka'));
    const envelope = eventEnvelopeSchema.safeParse({
      type: 'ASSIGN',
      expectedVersion: Number(text(body, 'expectedVersion')),
    });
    if (!envelope.success)
      throw new AppError(
        'invalid_input',
        'Formuläret saknar uppgifter. Ladda om sidan och försök igen.',
        zodFieldErrors(envelope.error),
      );
    try {
      await sendCaseEvent(ctx, req.staff!, row.id, { ...envelope.data, assigneeId: req.staff!.id });
    } catch (err) {
      if (!(err instanceof AppError) || !['version_conflict', 'event_not_accepted', 'invalid_input'].includes(err.code))
        throw err;
      const problem =
        err.code === 'version_conflict' || err.code === 'event_not_accepted'
          ? `Ärendet ${row.reference} har ändrats sedan du öppnade sidan, och du blev inte handläggare. Kön nedan visar hur det ser ut nu.`
          : (err.errors[0]?.message ?? err.message);
      return void send(
        res,
        statusOf(err.code),
        await renderQueue(req, Object.fromEntries(new URLSearchParams(back.split('?')[1] ?? '')), { problem }),
      );
    }
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}tagen=${row.reference}`);
  });

  // Other sections own paths such as /arenden/ny; only what looks like an id or a reference is a case here.
  router.get(
    '/arenden/:id',
    (req, _res, next) => (casePath.test(idOf(req)) ? next() : next('route')),
    ...page,
    requireStaff,
    async (req, res) => {
      const row = await visibleCase(ctx, req);
      const klart = typeof req.query.klart === 'string' ? req.query.klart : undefined;
      const notice = klart ? doneNotice(row, klart) : undefined;
      send(res, 200, await renderCase(ctx, req, row, { notice }));
    },
  );

  router.post('/arenden/:id/handelser', ...post, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const envelope = eventEnvelopeSchema.safeParse({
      type: text(body, 'type'),
      expectedVersion: Number(text(body, 'expectedVersion')),
    });
    if (!envelope.success)
      throw new AppError(
        'invalid_input',
        'Formuläret saknar uppgifter. Ladda om ärendet och försök igen.',
        zodFieldErrors(envelope.error),
      );
    const { type, expectedVersion } = envelope.data;
    const fields = eventFields(row.kind, row.machineVersion, type);
    const values = Object.fromEntries(fields.map((f) => [f.name, text(body, f.name)]));
    try {
      // The API's own use case: visibility, role rules, the event's schema and the version check.
      await sendCaseEvent(ctx, req.staff!, row.id, { type, expectedVersion, ...toPayload(fields, body) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const current = await getVisibleCase(ctx, req.staff!, row.id);
      if (err.code === 'invalid_input' && err.errors.some((e) => fields.some((f) => f.name === e.path.split('.')[0]))) {
        return void send(
          res,
          400,
          await renderCase(ctx, req, current, {
            sent: { type, values, errors: pageErrors(type, fields, err.errors, body) },
          }),
        );
      }
      if (err.code === 'version_conflict') {
        const problem =
          'Någon annan har ändrat ärendet sedan du öppnade sidan. Läs igenom det som har hänt nedan och ' +
          'skicka formuläret igen om det fortfarande behövs. Det du skrev finns kvar.';
        return void send(
          res,
          statusOf(err.code),
          await renderCase(ctx, req, current, { problem, sent: { type, values, errors: [] } }),
        );
      }
      if (err.code === 'event_not_accepted' || err.code === 'invalid_input')
        return void send(res, statusOf(err.code), await renderCase(ctx, req, current, { problem: err.message }));
      throw err;
    }
    res.redirect(303, `/arenden/${row.reference}?klart=${eventSlug(type)}`);
  });

  router.post('/arenden/:id/eskalera', ...post, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const reason = text((req.body ?? {}) as Record<string, unknown>, 'reason');
    const parsed = requestEscalationSchema.safeParse({ caseId: row.id, reason });
    const fail = async (status: number, message: string) =>
      send(
        res,
        status,
        await renderCase(ctx, req, row, { escalation: { reason, errors: [{ path: 'escalation-reason', message }] } }),
      );
    if (!parsed.success)
      return void (await fail(
        400,
        reason.trim()
          ? (parsed.error.issues[0]?.message ?? 'Skälet är inte giltigt.')
          : 'Fyll i skälet till ett dukat bord.',
      ));
    try {
      await requestEscalation(ctx, req.staff!, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'invalid_input' && err.code !== 'conflict')) throw err;
      return void (await fail(statusOf(err.code), err.errors[0]?.message ?? err.message));
    }
    res.redirect(303, `/arenden/${row.reference}?klart=eskalerad`);
  });

  // 4 000 characters of Swedish text, URL-encoded, can exceed the shared form stack's 20 kB; the
  // note gets the larger bound of the registration forms, so its own limit is the one people meet.
  router.post('/arenden/:id/anteckningar', ...formStack(page, 20), verifyCsrf(ctx), requireStaff, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const body = text((req.body ?? {}) as Record<string, unknown>, 'body');
    const refuse = async (message: string) =>
      send(res, 400, await renderCase(ctx, req, row, { noteForm: { body, errors: [{ path: NOTE_FIELD, message }] } }));
    const error = noteError(body);
    if (error) return void (await refuse(error));
    try {
      // The API's own use case: visibility, who may write, the same limits, one transaction.
      await addCaseNote(ctx, req.staff!, row.id, { body: body.trim() });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      return void (await refuse(err.errors[0]?.message ?? err.message));
    }
    res.redirect(303, `/arenden/${row.reference}?klart=anteckning`);
  });

  // Documenting a guided visit: RECORD_VISIT through the API's use case, with its lists.
  router.post('/arenden/:id/besok', ...formStack(page, 40), verifyCsrf(ctx), requireStaff, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { payload, values, fieldOf } = visitPayload(body);
    const envelope = eventEnvelopeSchema.safeParse({
      type: 'RECORD_VISIT',
      expectedVersion: Number(text(body, 'expectedVersion')),
    });
    if (!envelope.success)
      throw new AppError(
        'invalid_input',
        'Formuläret saknar uppgifter. Ladda om besöket och försök igen.',
        zodFieldErrors(envelope.error),
      );
    try {
      await sendCaseEvent(ctx, req.staff!, row.id, { ...envelope.data, ...payload });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const current = await getVisibleCase(ctx, req.staff!, row.id);
      const errors = err.code === 'invalid_input' ? visitErrors(err.errors, fieldOf, values) : [];
      if (errors.length)
        return void send(res, 400, await renderCase(ctx, req, current, { visitForm: { values, errors } }));
      if (err.code === 'version_conflict' || err.code === 'event_not_accepted') {
        const problem =
          'Någon annan har ändrat besöket sedan du öppnade sidan. Läs igenom det som har hänt och ' +
          'skicka formuläret igen om det fortfarande behövs. Det du skrev finns kvar.';
        return void send(
          res,
          statusOf(err.code),
          await renderCase(ctx, req, current, { problem, visitForm: { values, errors: [] } }),
        );
      }
      throw err;
    }
    res.redirect(303, `/arenden/${row.reference}?klart=besok`);
  });

  // A follow-up becomes a case for its unit, once (follow-up-to-case.ts, as the API).
  router.post('/arenden/:id/uppfoljningar/:followUpId', ...post, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const followUpId = String(req.params.followUpId ?? '');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(followUpId))
      throw notFound('Uppföljningen');
    const category = text((req.body ?? {}) as Record<string, unknown>, 'category');
    const path = `uppfoljning-${followUpId}`;
    const parsed = followUpCaseSchema.safeParse({ category });
    if (!parsed.success)
      return void send(
        res,
        400,
        await renderCase(ctx, req, row, {
          followUpErrors: [{ path, message: 'Välj kategorin för ärendet.' }],
          problem: 'Välj kategorin för ärendet som uppföljningen ska bli.',
        }),
      );
    let created: CaseRow;
    try {
      created = await followUpToCase(ctx, req.staff!, row.id, followUpId, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      return void send(
        res,
        statusOf(err.code),
        await renderCase(ctx, req, await getVisibleCase(ctx, req.staff!, row.id), { problem: err.message }),
      );
    }
    res.redirect(303, `/arenden/${created.reference}?klart=uppfoljning`);
  });

  // "Berör även": the same use case as PUT /api/cases/:id/involved-units.
  router.post('/arenden/:id/beror', ...post, async (req, res) => {
    const row = await visibleCase(ctx, req);
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const chosen = (Array.isArray(raw.units) ? raw.units : typeof raw.units === 'string' ? [raw.units] : []).filter(
      (u): u is string => typeof u === 'string',
    );
    const refuse = async (status: number, message: string) =>
      send(
        res,
        status,
        await renderCase(ctx, req, row, {
          involvedForm: { units: chosen, errors: [{ path: INVOLVED_FIELD, message }] },
        }),
      );
    const parsed = involvedUnitsSchema.safeParse({ units: chosen });
    if (!parsed.success)
      return void (await refuse(
        400,
        chosen.length === 0 ? 'Välj minst en enhet som ärendet berör.' : 'Välj bland enheterna i listan.',
      ));
    try {
      await flagInvolvedUnits(ctx, req.staff!, row.id, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      return void (await refuse(400, err.errors[0]?.message ?? err.message));
    }
    res.redirect(303, `/arenden/${row.reference}?klart=berors`);
  });

  // A file the company sent, served to the staff session as the API serves it to a token.
  router.get('/arenden/:id/filer/:fileId', ...page, requireStaff, async (req, res) => {
    const fileId = String(req.params.fileId ?? '');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) throw notFound('Filen');
    const row = await visibleCase(ctx, req);
    const file = await readCaseFile(ctx, req.staff!, row.id, fileId);
    // setHeader, not res.set: the stored media type is sent as it is, with no charset added.
    for (const [name, value] of Object.entries(caseFileHeaders(file))) res.setHeader(name, value);
    res.send(file.content);
  });

  // Anything else under /arenden/ (a malformed id such as /arenden/abc, an unknown sub-page)
  // answers the staff pages' own Swedish 404 rather than the API's problem+json.
  router.all(
    '/arenden/*rest',
    (req, _res, next) => (ownedElsewhere.test(req.path) ? next('route') : next()),
    ...page,
    requireStaff,
    () => {
      throw notFound('Sidan');
    },
  );

  return router;
}
