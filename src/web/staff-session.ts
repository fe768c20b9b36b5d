import { createHmac } from 'node:crypto';
import session from 'express-session';
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Role } from '../domain/roles.js';
import { activeStaffUser, type StaffUser } from '../application/staff-login.js';
import { trackingSecret } from '../application/tracking/tracking-links.js';
import { IoRedisSessionStore } from './redis-session-store.js';
import { safeNext } from './safe-next.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    /** When the user proved who they are; a password set after it ends the session. */
    authAt?: string;
    /** The app clock's time of the last request, for the idle timeout. */
    lastSeenAt?: string;
    csrfToken?: string;
    /** Single sign-on in flight: what the provider's answer must match (oidc-routes.ts). */
    oidc?: { state: string; nonce: string; verifier: string; next: string };
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffUser;
    /** The session ended for being idle or too old; the login page says so. */
    staffSessionExpired?: boolean;
  }
}

export const SESSION_COOKIE = 'handslag.sid';

/** Without SESSION_SECRET the cookie is signed with a key derived from the installation's tracking secret. */
async function sessionSecret(ctx: AppContext): Promise<string> {
  if (ctx.config.SESSION_SECRET) return ctx.config.SESSION_SECRET;
  return createHmac('sha256', await trackingSecret(ctx.config, ctx.db))
    .update('staff-session-cookie')
    .digest('base64url');
}

/**
 * Sessions in Redis under `<REDIS_PREFIX>:sess:`. The cookie is HttpOnly, SameSite=Lax, and
 * Secure when the request came over TLS (directly, or per X-Forwarded-Proto when TRUST_PROXY
 * is on). Rolling: each answer moves the cookie's and the Redis key's expiry to the idle limit.
 */
export function staffSession(ctx: AppContext): RequestHandler {
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  let middleware: Promise<RequestHandler> | undefined;
  const build = async () =>
    session({
      name: SESSION_COOKIE,
      secret: await sessionSecret(ctx),
      store: new IoRedisSessionStore(ctx.redis, `${ctx.config.REDIS_PREFIX}:sess:`, idleMs / 1000),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
    });
  return async (req, res, next) => {
    const mw = await (middleware ??= build());
    mw(req, res, next);
  };
}

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

/** A fresh session id at login, so a session id planted before it is worth nothing after it. */
export async function startStaffSession(ctx: AppContext, req: Request, user: StaffUser): Promise<void> {
  await regenerate(req);
  const now = ctx.clock.now().toISOString();
  req.session.userId = user.id;
  req.session.authAt = now;
  req.session.lastSeenAt = now;
}

export const endStaffSession = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));

/**
 * Loads the session's user. The idle and absolute limits are measured on the app clock, so
 * tests move time instead of waiting; a deactivated user or a password changed since the
 * login ends the session at once.
 */
export function loadStaffUser(ctx: AppContext): RequestHandler {
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  const maxMs = ctx.config.SESSION_MAX_HOURS * 3_600_000;
  return async (req, _res, next) => {
    const s = req.session;
    if (!s?.userId) return next();
    const now = ctx.clock.now().getTime();
    const authAt = Date.parse(s.authAt ?? '');
    const expired = !(now - Date.parse(s.lastSeenAt ?? '') <= idleMs && now - authAt <= maxMs);
    const user = expired ? undefined : await activeStaffUser(ctx.db, s.userId);
    const passwordChanged = user?.passwordChangedAt ? Date.parse(user.passwordChangedAt) > authAt : false;
    if (!user || passwordChanged) {
      await regenerate(req);
      req.staffSessionExpired = expired;
      return next();
    }
    s.lastSeenAt = new Date(now).toISOString();
    req.staff = user;
    next();
  };
}

/** Staff pages: a browser without a session goes to the login page and comes back after it. */
export const requireStaff: RequestHandler = (req, res, next) => {
  if (req.staff) return next();
  const params = new URLSearchParams({ next: safeNext(req.originalUrl) });
  if (req.staffSessionExpired) params.set('orsak', 'inaktiv');
  res.redirect(303, `/login?${params}`);
};

export function requireStaffRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.staff || !roles.includes(req.staff.role))
      throw new AppError(
        'forbidden',
        'Du har inte behörighet till den här sidan. Be en administratör om du behöver den.',
      );
    next();
  };
}
