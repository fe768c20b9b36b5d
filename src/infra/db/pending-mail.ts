import type { Knex } from 'knex';
import { toJson } from './rows.js';

/**
 * Rewrites a mail that no worker has claimed yet, keeping its key, so what goes out is the
 * newer text and still goes out once. Returns false when the mail is already being sent or
 * was sent: the caller then sends its own mail after it.
 */
export async function replacePendingMail(
  trx: Knex,
  key: string,
  template: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  const n = await trx('notifications')
    .where({ key, status: 'pending' })
    .update({ template, data: toJson(data) });
  return n === 1;
}
