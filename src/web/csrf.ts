import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';

// The synchronizer token pattern: one random token per session, in a hidden field of every
// form, compared in constant time. SameSite=Lax already keeps most cross-site posts from
// carrying the cookie; the token covers the rest (older browsers, same-site subdomains).
export const CSRF_FIELD = '_csrf';

/** The session's form token, drawn on first use (which also starts the session, so the login form has one). */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

export const csrfRefusal = () =>
  new AppError(
    'forbidden',
    'Formuläret kunde inte skickas eftersom sidan var för gammal eller inte kom från Handslag. Ladda om sidan och försök igen.',
    [],
    { reason: 'csrf' },
  );

/**
 * Refuses a form post without the session's token, and one a browser says came from another
 * site (Sec-Fetch-Site, or an Origin that is not ours), before anything is read or written.
 */
export function verifyCsrf(ctx: AppContext): RequestHandler {
  const configured = new URL(ctx.config.PUBLIC_BASE_URL).origin;
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    if (
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== own && origin !== configured)
    )
      throw csrfRefusal();
    const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const expected = req.session?.csrfToken;
    if (typeof sent !== 'string' || !expected) throw csrfRefusal();
    const a = Buffer.from(sent);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw csrfRefusal();
    next();
  };
}
