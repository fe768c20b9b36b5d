import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import type { EscalationRow } from '../infra/db/escalation-repository.js';
import { escalationPage } from '../infra/db/escalation-queries.js';
import { findCase } from '../infra/db/case-repository.js';
import { mayView } from './send-escalation-event.js';
import { decodeCursor, encodeCursor } from './list-cases.js';

export const escalationStatuses = [
  'requested',
  'composing',
  'scheduled',
  'rescheduled',
  'held',
  'follow_up',
  'closed',
  'cancelled',
  'declined',
] as const;

export const listEscalationsQuerySchema = z
  .object({
    status: z.enum(escalationStatuses).optional(),
    open: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'true: only escalations not yet closed, cancelled or declined' }),
    caseId: z.string().min(1).max(40).optional().meta({ description: 'Id or reference of a case at the table' }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'ListEscalationsQuery' });
export type ListEscalationsQuery = z.output<typeof listEscalationsQuerySchema>;

/** Newest first; the desk, coordinators and admins see all, others what they can see. */
export async function listEscalations(
  ctx: AppContext,
  actor: Actor,
  query: ListEscalationsQuery,
): Promise<{ rows: EscalationRow[]; nextCursor: string | null }> {
  const caseId = query.caseId ? ((await findCase(ctx.db, query.caseId))?.id ?? null) : undefined;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await escalationPage(
    ctx.db,
    { status: query.status, open: query.open, caseId },
    { after, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  const visible: EscalationRow[] = [];
  for (const r of page) if (await mayView(ctx.db, actor, r)) visible.push(r);
  // The cursor follows what was read, so a page thinned by visibility never repeats or skips.
  return { rows: visible, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}
