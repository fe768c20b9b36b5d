import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import { toEscalationRow, type EscalationRow } from '../infra/db/escalation-repository.js';
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
  const q = ctx
    .db('escalations')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.status) q.where({ status: query.status });
  if (query.open === 'true') q.whereNull('closed_at');
  if (query.open === 'false') q.whereNotNull('closed_at');
  if (query.caseId) {
    const c = await findCase(ctx.db, query.caseId);
    q.whereIn(
      'id',
      ctx
        .db('escalation_cases')
        .where({ case_id: c?.id ?? '00000000-0000-0000-0000-000000000000' })
        .select('escalation_id'),
    );
  }
  if (query.cursor) {
    const { c, i } = decodeCursor(query.cursor);
    q.where((w) => w.where('created_at', '<', c).orWhere((x) => x.where('created_at', c).andWhere('id', '<', i)));
  }
  const rows = (await q).map(toEscalationRow);
  const page = rows.slice(0, query.limit);
  const visible: EscalationRow[] = [];
  for (const r of page) if (await mayView(ctx.db, actor, r)) visible.push(r);
  // The cursor follows what was read, so a page thinned by visibility never repeats or skips.
  return { rows: visible, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}
