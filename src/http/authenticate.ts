import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { actorForToken } from '../application/bearer-token.js';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export function authenticate(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'Ange en giltig token i Authorization: Bearer <token>.');
    const actor = await actorForToken(ctx, match[1]!);
    if (!actor) throw new AppError('unauthenticated', 'Okänd eller spärrad token.');
    req.actor = actor;
    next();
  };
}

export function actorOf(req: { actor?: Actor }): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Inloggning krävs.');
  return req.actor;
}

export function requireRole(...roles: Actor['role'][]): RequestHandler {
  return (req, _res, next) => {
    if (!roles.includes(actorOf(req).role)) throw new AppError('forbidden', 'Din roll har inte tillgång.');
    next();
  };
}

/**
 * Runs a use case's own rule about roles before anything of the request is read, so a role that
 * may never do this gets 403 whatever its path or body holds, not a 400 that tells it about the
 * endpoint. The use case checks again; the rule and its message live there.
 */
export function permit(check: (actor: Actor) => void): RequestHandler {
  return (req, _res, next) => {
    check(actorOf(req));
    next();
  };
}
