import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { checkPassword } from '../application/staff-login.js';
import { csrfToken, verifyCsrf } from './csrf.js';
import { loginPage } from './login-page.js';
import { safeNext } from './safe-next.js';
import { endStaffSession, SESSION_COOKIE, startStaffSession } from './staff-session.js';

const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
});

const notices: Record<string, string> = {
  utloggad: 'Du är utloggad.',
  inaktiv: 'Du har loggats ut eftersom du inte har varit aktiv på en stund. Logga in igen.',
};

// One message for an unknown address, a deactivated account and a wrong password alike.
export const GENERIC_LOGIN_ERROR = 'Fel e-postadress eller lösenord. Kontrollera uppgifterna och försök igen.';

export const lockMessage = (until: Date, minutes: number) =>
  `Kontot är låst i ${minutes} minuter efter för många misslyckade inloggningsförsök. ` +
  `Försök igen efter klockan ${stockholmTime.format(until)}, eller be en administratör ` +
  `att låsa upp kontot.`;

/** GET and POST /login, POST /logout. `page` is the session stack from staff-routes.ts. */
export function loginRoutes(ctx: AppContext, page: RequestHandler[], form: RequestHandler[]): Router {
  const router = Router();
  const sso = ctx.config.OIDC_ISSUER_URL ? ctx.config.OIDC_BUTTON_LABEL : undefined;
  const query = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : '');

  router.get('/login', ...page, (req, res) => {
    const next = safeNext(query(req, 'next'));
    if (req.staff) return void res.redirect(303, next);
    const reason = query(req, 'orsak');
    const ssoError =
      reason === 'sso'
        ? 'Inloggningen med kommunens konto gick inte igenom. Försök igen, eller logga in med lösenord.'
        : reason === 'sso-okand'
          ? 'Det finns ingen aktiv användare i Handslag med den e-postadressen. Kontakta en administratör.'
          : undefined;
    res
      .type('html')
      .send(loginPage({ csrfToken: csrfToken(req), next, notice: notices[reason], error: ssoError, sso }));
  });

  router.post('/login', ...form, verifyCsrf(ctx), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNext(body.next);
    const result = await checkPassword(ctx, email, password);
    if (result.outcome === 'ok') {
      await startStaffSession(ctx, req, result.user);
      return void res.redirect(303, next);
    }
    const error =
      result.outcome === 'locked' ? lockMessage(result.until, ctx.config.LOGIN_LOCK_MINUTES) : GENERIC_LOGIN_ERROR;
    res
      .status(result.outcome === 'locked' ? 423 : 401)
      .type('html')
      .send(loginPage({ csrfToken: csrfToken(req), next, email, error, sso }));
  });

  router.post('/logout', ...form, verifyCsrf(ctx), async (req, res) => {
    await endStaffSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login?orsak=utloggad');
  });

  return router;
}
