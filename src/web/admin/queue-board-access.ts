import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { html } from '../../views/html.js';
import { sendStaffPage } from '../send-staff-page.js';
import { loadStaffUser, requireStaff, requireStaffRole, SESSION_COOKIE, staffSession } from '../staff-session.js';

/**
 * Who may open bull-board at /admin/queues: an admin's bearer token, as before, or an admin's
 * staff session, so the link from Administration works in the browser. A request with an
 * Authorization header is judged by the token alone, by the API's own checks (`adminToken`).
 */
export function queueBoardAccess(ctx: AppContext, adminToken: RequestHandler[]): RequestHandler {
  const withToken = Router();
  withToken.use(...adminToken);

  // The board's own pages post and put with fetch and no form token; the session cookie is
  // SameSite=Lax, and a request the browser marks as coming from another site is refused too.
  const sameSite: RequestHandler = (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    if (
      (site !== undefined && site !== 'same-origin') ||
      (origin !== undefined && origin !== own && origin !== new URL(ctx.config.PUBLIC_BASE_URL).origin)
    ) {
      throw new AppError('forbidden', 'Begäran kom inte från Handslag.');
    }
    next();
  };
  const refused: ErrorRequestHandler = (err, req, res, next) => {
    if (!(err instanceof AppError) || err.code !== 'forbidden') return next(err);
    const body = html`<h1>Ingen behörighet</h1><section><p>${err.message}</p></section><p><a href="/">Till startsidan</a></p>`;
    sendStaffPage(req, res, 403, { title: 'Ingen behörighet', body });
  };
  const withSession = Router();
  withSession.use(
    staffSession(ctx),
    loadStaffUser(ctx),
    requireStaff,
    requireStaffRole('admin'),
    sameSite,
    (req, _res, next) => {
      req.actor = req.staff;
      next();
    },
  );
  withSession.use(refused);

  // A script without a token still gets the API's 401; a browser is sent to the login.
  const browser = (req: Parameters<RequestHandler>[0]) =>
    req.headers.authorization === undefined &&
    ((req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`) ||
      req.accepts(['application/json', 'text/html']) === 'text/html');
  return (req, res, next) => (browser(req) ? withSession : withToken)(req, res, next);
}
