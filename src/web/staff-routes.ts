import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { companyPages } from './companies/company-routes.js';
import { AppError, errorTable } from '../domain/errors.js';
import { roleLabels } from '../domain/role-labels.js';
import { html } from '../views/html.js';
import { iconSvg } from '../views/icon.js';
import { csrfToken } from './csrf.js';
import { loginRoutes } from './login-routes.js';
import { oidcRoutes } from './oidc-routes.js';
import { renderStaffPage } from './staff-layout.js';
import { sendStaffPage } from './send-staff-page.js';
import { staffCss } from './staff-css.js';
import { workPagesCss } from './work-pages-css.js';
import { loadStaffUser, requireStaff, staffSession } from './staff-session.js';
import { mailAlertForAdmins } from './admin/mail-alert.js';
import { userAdminRoutes } from './user-admin-routes.js';
import { registerPages } from './register/register-routes.js';
import { casePagesCss } from './register/pages-css.js';
import { complaintPages } from './complaints/complaint-routes.js';
import { casePages } from './cases/case-page-routes.js';
import { serviceGroupPages } from './service-group/service-group-routes.js';
import { reportPages } from './reports/report-routes.js';
import { adminPages } from './admin/admin-routes.js';
import { serviceGroupRegisterPages } from './service-group/register-page-routes.js';
import { visitPages } from './visits/visit-routes.js';
import { officerStart, officerStartSection } from './start/officer-start.js';
import { managerOverview, managerOverviewSection } from './start/manager-overview.js';

// Staff pages are server-rendered, run no script and load nothing from elsewhere.
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const staffHeaders: RequestHandler = (_req, res, next) => {
  // Server-Timing tells how long the page took inside the app (session, user, queries,
  // rendering) until its headers went out; bench/pages.ts and a browser's devtools read it.
  const started = performance.now();
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    if (!this.headersSent) this.setHeader('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
    return writeHead.apply(this, args);
  } as typeof writeHead;
  res.setHeader('cache-control', 'no-store');
  // Same-origin posts carry an Origin the CSRF check can compare; nothing leaks to other sites.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-robots-tag', 'noindex, nofollow');
  res.setHeader('content-security-policy', CSP);
  next();
};

/** Refusals on staff pages are Swedish pages, never problem+json: a person is reading. */
const staffErrors: ErrorRequestHandler = (err, req, res, _next) => {
  // body-parser's refusal of an oversized form is the sender's doing, not a fault of ours.
  if (['entity.too.large', 'parameters.too.many'].includes((err as { type?: string }).type ?? '')) {
    const body = html`<h1>Formuläret är för stort</h1><section><p>Det du skickade var för stort för formuläret. Korta texten och försök igen.</p></section>`;
    return sendStaffPage(req, res, 413, { title: 'Formuläret är för stort', body });
  }
  if (!(err instanceof AppError)) {
    // Redis or the database down, or a fault of ours: logged, and a page that says so in Swedish.
    req.log?.error({ err }, 'staff page failed');
    const body = html`<h1>Något gick fel</h1><section><p>Handslag kunde inte visa sidan just nu. Försök igen om en stund. Om felet finns kvar, kontakta en administratör.</p></section>`;
    return sendStaffPage(req, res, 500, { title: 'Något gick fel', body, anonymous: true });
  }
  const csrf = err.extra.reason === 'csrf';
  const title = csrf ? 'Formuläret kunde inte skickas' : errorTable[err.code].pageTitle;
  const back = req.staff
    ? html`<p><a href="/">Till startsidan</a></p>`
    : html`<p><a href="/login">Till inloggningen</a></p>`;
  const body = html`<h1>${title}</h1><section><p>${err.message}</p></section>${back}`;
  sendStaffPage(req, res, errorTable[err.code].status, { title, body });
};

/** The staff web app: login, logout, the start page, user admin, and the sections to come. */
export function staffRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/assets/staff.css', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css').send(staffCss + casePagesCss + workPagesCss);
  });
  router.get('/assets/staff-icon.svg', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/svg+xml').send(iconSvg);
  });

  // The session stack runs only on staff pages, so API calls with bearer tokens never touch it.
  const page: RequestHandler[] = [staffHeaders, staffSession(ctx), loadStaffUser(ctx), mailAlertForAdmins(ctx)];
  const form: RequestHandler[] = [...page, express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 })];

  router.get('/', ...page, requireStaff, async (req, res) => {
    const user = req.staff!;
    // A unit manager starts from what needs attention; others from the menu.
    const overview = await managerOverview(ctx, user);
    // An officer starts from their own cases and the unit's cases waiting for someone to take them.
    const work = overview ? null : await officerStart(ctx, user);
    const body = overview
      ? html`<h1>Välkommen, ${user.name}</h1>${managerOverviewSection(overview)}`
      : work
        ? html`<h1>Välkommen, ${user.name}</h1>${officerStartSection(work)}`
        : html`<h1>Välkommen, ${user.name}</h1>
<section><p>Du är inloggad i Handslag som ${roleLabels[user.role].toLowerCase()}. Här samlas kommunens ärenden från företag, klagomål och servicegruppens dukade bord.</p>
<p>Välj vad du vill göra i menyn.</p></section>`;
    res.type('html').send(renderStaffPage({ title: 'Start', user, csrfToken: csrfToken(req), body }));
  });

  router.use(loginRoutes(ctx, page, form));
  router.use(oidcRoutes(ctx, page));
  router.use(userAdminRoutes(ctx, page, form));
  router.use(reportPages(ctx, page, form));
  router.use(adminPages(ctx, page, form));
  router.use(registerPages(ctx, page, form));
  router.use(complaintPages(ctx, page, form));
  router.use(serviceGroupRegisterPages(ctx, page, form));
  router.use(serviceGroupPages(ctx, page, form));
  router.use(visitPages(ctx, page));
  router.use(casePages(ctx, page, form));
  router.use(companyPages(ctx, page));

  router.use(staffErrors);
  return router;
}
