import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import { findUserByTokenHash, toActor } from '../infra/db/user-repository.js';
import { hashToken } from './create-user.js';

/** The active user an API token belongs to, or undefined for an unknown or blocked token. */
export async function actorForToken(ctx: Pick<AppContext, 'db'>, token: string): Promise<Actor | undefined> {
  const user = await findUserByTokenHash(ctx.db, hashToken(token));
  return user && user.active ? toActor(user) : undefined;
}
