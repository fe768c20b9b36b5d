import type { Knex } from 'knex';
import { toEscalationRow, type EscalationRow } from './escalation-repository.js';

/** Matches no case: escalations of a case that does not exist are none. */
const NO_CASE = '00000000-0000-0000-0000-000000000000';

/**
 * Up to `limit` escalations, newest first by (created_at, id), after `after`; `caseId` keeps
 * to those the case sits at (null: a case that does not exist, so none).
 */
export async function escalationPage(
  db: Knex,
  filter: { status?: string | undefined; open?: 'true' | 'false' | undefined; caseId?: string | null | undefined },
  page: { after?: { c: string; i: string } | undefined; limit: number },
): Promise<EscalationRow[]> {
  const q = db('escalations').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit);
  if (filter.status) q.where({ status: filter.status });
  if (filter.open === 'true') q.whereNull('closed_at');
  if (filter.open === 'false') q.whereNotNull('closed_at');
  if (filter.caseId !== undefined) {
    q.whereIn(
      'id',
      db('escalation_cases')
        .where({ case_id: filter.caseId ?? NO_CASE })
        .select('escalation_id'),
    );
  }
  if (page.after) {
    const { c, i } = page.after;
    q.where((w) => w.where('created_at', '<', c).orWhere((x) => x.where('created_at', c).andWhere('id', '<', i)));
  }
  return (await q).map(toEscalationRow);
}

/** Who owns one of the escalation's actions (once per action). */
export async function actionOwnerIds(db: Knex, escalationId: string): Promise<string[]> {
  return (await db('escalation_actions')
    .where({ escalation_id: escalationId })
    .whereNotNull('owner_user_id')
    .pluck('owner_user_id')) as string[];
}

/**
 * Marks an open action done if it still has `version`, and moves its version on; false when
 * it had moved on already or is done.
 */
export async function markActionDone(
  trx: Knex,
  action: { id: string; version: number },
  done: { by: string; note: string | null; at: string },
): Promise<boolean> {
  const moved = await trx('escalation_actions')
    .where({ id: action.id, version: action.version, status: 'open' })
    .update({
      status: 'done',
      done_at: done.at,
      done_by: done.by,
      done_note: done.note,
      version: action.version + 1,
      updated_at: done.at,
    });
  return moved === 1;
}

/** How many of the escalation's actions are still open. */
export async function countOpenActions(trx: Knex, escalationId: string): Promise<number> {
  return Number(
    (await trx('escalation_actions').where({ escalation_id: escalationId, status: 'open' }).count({ n: '*' }).first())
      ?.n ?? 0,
  );
}
