import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { optionalText } from '../../domain/text.js';
import { insertCaseEvent } from '../../infra/db/audit-repository.js';
import { iso } from '../../infra/db/rows.js';
import { bumpTrackingGeneration } from '../../infra/db/tracking-repository.js';
import { trackingKeys } from './tracking-links.js';
import { visibleCaseIn } from '../get-visible-case.js';
import { parseInput } from '../parse-input.js';
import { inTransaction } from '../tx-context.js';

export const revokeTrackingSchema = z
  .object({ reason: optionalText(1000).optional() })
  .strict()
  .meta({ id: 'RevokeTracking' });
export type RevokeTrackingInput = z.output<typeof revokeTrackingSchema>;

export const trackingLinkSchema = z
  .object({
    trackingUrl: z.string().meta({ example: 'https://handslag.kommun.se/track/…' }),
    generation: z.number().int(),
    revokedAt: z.string(),
  })
  .meta({ id: 'TrackingLink' });

// The unit's own officers and managers, and admins: the people who know why a link has to go.
const mayRevoke = (actor: Actor, c: { unit: string | null; assigneeId: string | null }) =>
  actor.role === 'admin' ||
  ((actor.role === 'officer' || actor.role === 'manager') &&
    ((c.unit !== null && c.unit === actor.unit) || c.assigneeId === actor.id));

/**
 * Kills every link to the case's tracking page and issues a new one (a forwarded mail, a
 * link sent to the wrong person). The case's lifecycle and version are untouched; the audit
 * trail records who did it and why, never the link.
 */
export async function revokeTracking(
  ctx: AppContext,
  actor: Actor,
  idOrReference: string,
  raw: unknown,
): Promise<z.output<typeof trackingLinkSchema>> {
  const now = iso(ctx.clock.now());
  return inTransaction(ctx, async ({ trx }) => {
    const row = await visibleCaseIn(trx, actor, idOrReference);
    if (!mayRevoke(actor, row))
      throw new AppError('forbidden', 'Bara enhetens handläggare och chefer, och administratörer, kan ersätta länken.');
    const input = parseInput(revokeTrackingSchema, raw);
    const generation = await bumpTrackingGeneration(trx, row.id, now);
    await insertCaseEvent(trx, {
      caseId: row.id,
      actorId: actor.id,
      type: 'TRACKING_REVOKED',
      payload: input.reason ? { reason: input.reason } : {},
      fromState: row.status,
      toState: row.status,
      caseVersion: row.version,
      createdAt: now,
    });
    const keys = await trackingKeys(ctx.config, trx);
    return { trackingUrl: keys.url(row.id, generation), generation, revokedAt: now };
  });
}
