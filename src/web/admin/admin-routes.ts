import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError, notFound, type FieldError } from '../../domain/errors.js';
import { localDateOf } from '../../domain/local-date.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import { updateGuarantee, updateGuaranteeSchema } from '../../application/manage-guarantees.js';
import { confirmUncertainMail, retryFailedMail } from '../../application/retry-mail.js';
import { zodFieldErrors } from '../../application/zod-errors.js';
import { addClosingDay, listClosingDays, removeClosingDay } from '../../application/manage-closing-days.js';
import { getGuarantee, listGuarantees } from '../../application/read-guarantees.js';
import { mailByStatus } from '../../application/mail-status.js';
import { html } from '../../views/html.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { requireStaff, requireStaffRole } from '../staff-session.js';
import { ADMIN_CSS_PATH, adminCss } from './admin-css.js';
import { adminSections, renderAdminPage } from './admin-layout.js';
import { closingDaysPage } from './closing-days-page.js';
import { firstPerField, formErrorsOf, updateInput, valuesFromBody, valuesOf } from './guarantee-form.js';
import { guaranteeEditPage, guaranteeListPage } from './guarantee-page.js';
import { failedMailPage } from './mail-page.js';

/** The failed and the uncertain mails the page lists, newest first, as GET /api/admin/notifications does. */
const FAILED_LIMIT = 100;

const text = (body: unknown, key: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};
/** zod's words for a malformed date or an empty text become plain ones; the schema's own messages stay. */
function closingDayErrors(errors: FieldError[]): FieldError[] {
  return firstPerField(
    errors.map((e) => {
      if (e.path === 'date' && e.message.startsWith('Ange ett datum'))
        return { path: 'date', message: 'Ange ett datum som finns, som ÅÅÅÅ-MM-DD, till exempel 2026-12-28.' };
      if (e.path === 'name' && e.message === 'Fyll i fältet.')
        return { path: 'name', message: 'Skriv vad dagen gäller, till exempel ”Klämdag”.' };
      return e;
    }),
  );
}

const done = (req: Request) => (typeof req.query.klart === 'string' ? req.query.klart : '');

/**
 * Administration beyond the users' page: the guarantee catalogue, the local closing days and
 * the failed e-mails, each on the API's own use case (manage-guarantees.ts, the closing-day
 * repository with the API's schema, retry-mail.ts), for admins only.
 */
export function adminPages(ctx: AppContext, page: RequestHandler[], form: RequestHandler[]): Router {
  const router = Router();
  const admin = [requireStaff, requireStaffRole('admin')];
  const get = [...page, ...admin];
  const post = [...form, verifyCsrf(ctx), ...admin];

  router.get(ADMIN_CSS_PATH, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css').send(adminCss);
  });

  router.get('/admin', ...get, (req, res) => {
    const body = html`<h1>Administration</h1>
<ul class="admin-list">${adminSections.map((s) => html`<li><h2><a href="${s.href}">${s.label}</a></h2><p>${s.about}</p></li>`)}</ul>`;
    res.type('html').send(
      renderAdminPage({
        title: 'Administration',
        user: req.staff!,
        csrfToken: csrfToken(req),
        body,
        current: '/admin',
      }),
    );
  });

  // The guarantee catalogue: the list of GET /api/guarantees, a change through PUT's use case.
  router.get('/admin/garantier', ...get, async (req, res) => {
    const guarantees = await listGuarantees(ctx);
    const saved = guarantees.find((g) => g.code === done(req));
    const message = saved
      ? `Ändringen av ”${saved.definition.label}” är sparad som version ${saved.version}. Nya ärenden får den; klockor som redan går behåller sin version.`
      : undefined;
    res
      .type('html')
      .send(guaranteeListPage({ user: req.staff!, csrfToken: csrfToken(req), guarantees, notice: message }));
  });

  const guaranteeOf = (req: Request) => getGuarantee(ctx, String(req.params.code));

  router.get('/admin/garantier/:code', ...get, async (req, res) => {
    const guarantee = await guaranteeOf(req);
    res
      .type('html')
      .send(guaranteeEditPage({ user: req.staff!, csrfToken: csrfToken(req), guarantee, values: valuesOf(guarantee) }));
  });

  router.post('/admin/garantier/:code', ...post, async (req, res) => {
    const guarantee = await guaranteeOf(req);
    const values = valuesFromBody(req.body as Record<string, unknown>, guarantee.definition.label);
    const refuse = (errors: FieldError[]) =>
      void res
        .status(400)
        .type('html')
        .send(
          guaranteeEditPage({
            user: req.staff!,
            csrfToken: csrfToken(req),
            guarantee,
            values,
            errors: formErrorsOf(errors, values),
          }),
        );
    const parsed = updateGuaranteeSchema.safeParse(updateInput(guarantee.definition, values));
    if (!parsed.success) return refuse(zodFieldErrors(parsed.error));
    try {
      await updateGuarantee(ctx, req.staff!, guarantee.code, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      return refuse(err.errors.length ? err.errors : [{ path: '(body)', message: err.message }]);
    }
    res.redirect(303, `/admin/garantier?klart=${encodeURIComponent(guarantee.code)}`);
  });

  // Local closing days: GET/PUT /api/admin/closing-days keep the whole list; a day added or
  // removed here is the list with that one change, checked by the API's schema and written
  // the way PUT writes it, in one transaction that reads the list it changes.
  const today = () => localDateOf(ctx.clock.now());
  const closingPage = async (
    req: Request,
    extra: { notice?: string; values?: { date: string; name: string }; errors?: FieldError[] } = {},
  ) =>
    closingDaysPage({
      user: req.staff!,
      csrfToken: csrfToken(req),
      days: await listClosingDays(ctx),
      today: today(),
      ...extra,
    });

  router.get('/admin/stangda-dagar', ...get, async (req, res) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(done(req).slice(-10)) ? done(req).slice(-10) : '';
    const message = !day
      ? undefined
      : done(req).startsWith('borttagen')
        ? `${formatSwedishDate(day)} är borttagen.`
        : `${formatSwedishDate(day)} är tillagd som stängd dag.`;
    res.type('html').send(await closingPage(req, { notice: message }));
  });

  router.post('/admin/stangda-dagar', ...post, async (req, res) => {
    const values = { date: text(req.body, 'date').trim(), name: text(req.body, 'name') };
    const { errors } = await addClosingDay(ctx, req.staff!, values);
    if (errors.length)
      return void res
        .status(400)
        .type('html')
        .send(await closingPage(req, { values, errors: closingDayErrors(errors) }));
    res.redirect(303, `/admin/stangda-dagar?klart=tillagd-${values.date}`);
  });

  router.post('/admin/stangda-dagar/ta-bort', ...post, async (req, res) => {
    const date = text(req.body, 'date');
    await removeClosingDay(ctx, req.staff!, date);
    res.redirect(303, `/admin/stangda-dagar?klart=borttagen-${date}`);
  });

  // Failed and uncertain e-mails: the lists of GET /api/admin/notifications, and a retry.
  router.get('/admin/e-post', ...get, async (req, res) => {
    const [failed, uncertain] = await Promise.all([
      mailByStatus(ctx, 'failed', FAILED_LIMIT),
      mailByStatus(ctx, 'uncertain', FAILED_LIMIT),
    ]);
    res.type('html').send(
      failedMailPage({
        user: req.staff!,
        csrfToken: csrfToken(req),
        failed,
        uncertain,
        limit: FAILED_LIMIT,
        notice:
          done(req) === 'skickas'
            ? 'Meddelandet skickas igen.'
            : done(req) === 'framme'
              ? 'Meddelandet är markerat som framme och skickas inte igen.'
              : undefined,
      }),
    );
  });

  router.post('/admin/e-post/:id/skicka-igen', ...post, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound('E-postmeddelandet');
    await retryFailedMail(ctx, req.staff!, id);
    res.redirect(303, '/admin/e-post?klart=skickas');
  });

  router.post('/admin/e-post/:id/gatt-fram', ...post, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound('E-postmeddelandet');
    await confirmUncertainMail(ctx, req.staff!, id);
    res.redirect(303, '/admin/e-post?klart=framme');
  });

  return router;
}
