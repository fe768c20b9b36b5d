import { insertOutbox } from '../infra/db/audit-repository.js';
import { recordNotification, type NewNotification } from '../infra/db/notification-repository.js';
import type { TxContext } from './tx-context.js';

/** Records a mail and asks for its delivery, in the caller's transaction. */
export async function queueMail(tx: TxContext, n: NewNotification, now: Date): Promise<void> {
  const { trx } = tx;
  const created = await recordNotification(trx, n, now.toISOString());
  if (created)
    await insertOutbox(trx, 'mail.send', n.caseId, { key: n.key, deliverAfter: n.deliverAfter }, now.toISOString());
}
