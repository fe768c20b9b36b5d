import { AppError } from '../../domain/errors.js';
import { readTrackingToken, tokenMatches } from '../../domain/tracking-token.js';
import { findTrackedCase, type TrackedCase } from '../../infra/db/tracking-repository.js';
import { trackingKeys, type TrackingContext, type TrackingKeys } from './tracking-links.js';

export interface Tracked extends TrackedCase {
  keys: TrackingKeys;
}

/** One answer for every token that does not open a case, so none can be told from another. */
export const linkNotFound = () =>
  new AppError('not_found', 'Länken fungerar inte. Den kan vara fel inskriven eller ersatt av en ny länk.');

/**
 * Opens a case by its tracking token. A wrong, a revoked, an unknown and a malformed token all
 * cost one read by id and one MAC compared in constant time, then give the same 404.
 */
export async function resolveTracking(ctx: TrackingContext, token: string, db = ctx.db): Promise<Tracked> {
  const keys = await trackingKeys(ctx.config, db);
  const read = readTrackingToken(token);
  const found = await findTrackedCase(db, read.caseId);
  if (!tokenMatches(keys.mac, read, found?.generation)) throw linkNotFound();
  return { ...found!, keys };
}
