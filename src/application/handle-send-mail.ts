import type { AppContext } from '../context.js';
import { nextMailTry, type MailRetryPolicy } from '../domain/mail-retry.js';
import { renderMail } from '../infra/mail/templates.js';
import {
  claimNotification,
  findNotification,
  markFailed,
  markHandedOut,
  markRetry,
  markSent,
  settleStaleClaims,
} from '../infra/db/notification-repository.js';
import { insertOutbox } from '../infra/db/audit-repository.js';
import type { SendMailPayload } from '../infra/queue/job-payloads.js';
import type { Config } from '../config.js';
import { dispatchOutbox } from './dispatch-outbox.js';
import { handOutNotice } from './staff-notices.js';
import { inTransaction } from './tx-context.js';

export type MailOutcome =
  | { result: 'early'; delayMs: number }
  | {
      result:
        'sent' | 'handed-out' | 'retry' | 'failed' | 'uncertain' | 'already-done' | 'claimed-elsewhere' | 'unknown';
    };

export const mailRetryPolicy = (config: Config): MailRetryPolicy => ({
  baseMs: config.MAIL_RETRY_BASE_MS,
  maxMs: config.MAIL_RETRY_MAX_MS,
  giveUpAfterMs: config.MAIL_GIVE_UP_AFTER_MS,
});

/**
 * The Message-ID of a mail: its notification key at the public host. The same mail sent again
 * (a retry after an uncertain delivery) carries the same id, so the receiving side can tell it
 * is one message. Keys are made of letters, digits and hyphens, which a Message-ID allows.
 */
export function messageIdOf(config: Config, key: string): string {
  const domain = new URL(config.PUBLIC_BASE_URL).hostname || 'handslag.local';
  return `<${key.replace(/[^A-Za-z0-9.\-_]/g, '_')}@${domain}>`;
}

/**
 * Sends one recorded mail. The database decides: the row is claimed first, so a duplicate
 * job or a replay after Redis was lost finds it sent (or being sent) and does nothing. A
 * refused try puts the row back with the time of the next one and queues a job for it; the
 * job itself completes, so BullMQ's kept ids never stand in the way of a try.
 */
export async function handleSendMail(ctx: AppContext, { key }: SendMailPayload): Promise<MailOutcome> {
  const n = await findNotification(ctx.db, key);
  if (!n) return { result: 'unknown' };
  if (n.status === 'sent' || n.status === 'failed' || n.status === 'uncertain') return { result: 'already-done' };
  const now = ctx.clock.now();
  if (n.status === 'sending') {
    // A job run again for a worker that died: once the claim is stale, it is settled here too.
    return (await settleStaleClaims(ctx.db, now, ctx.config.MAIL_CLAIM_STALE_MS, key)) > 0
      ? { result: 'uncertain' }
      : { result: 'claimed-elsewhere' };
  }
  const delayMs = new Date(n.deliverAfter).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };
  if (n.recipientRule) {
    // A staff notice sends nothing itself: claiming it and handing it out to the people who hold
    // the case now is one transaction, so it cannot be left half-done by a crash.
    const handedOut = await inTransaction(ctx, async (tx) => {
      const { trx } = tx;
      if (!(await claimNotification(trx, key, now))) return false;
      const people = await handOutNotice(tx, n, now);
      await markHandedOut(
        trx,
        key,
        now.toISOString(),
        people.map((p) => p.email),
        now,
      );
      return true;
    });
    if (!handedOut) return { result: 'claimed-elsewhere' };
    // The people's mails go now; should Redis not answer, the outbox poll takes them later.
    await dispatchOutbox(ctx).catch(() => 0);
    return { result: 'handed-out' };
  }
  if (!(await claimNotification(ctx.db, key, now))) return { result: 'claimed-elsewhere' };
  const claimedAt = now.toISOString();
  try {
    const rendered = renderMail(n.template, n.data);
    await ctx.mailer.send({ to: n.recipient, ...rendered, messageId: messageIdOf(ctx.config, key) });
  } catch (err) {
    const message = (err as Error).message;
    const failedAt = ctx.clock.now();
    const next = nextMailTry(
      new Date(n.firstClaimedAt ?? claimedAt),
      n.attempts + 1,
      failedAt,
      mailRetryPolicy(ctx.config),
    );
    if (!next) {
      await markFailed(ctx.db, key, claimedAt, message);
      ctx.logger.error({ key, attempts: n.attempts + 1 }, 'mail failed permanently');
      return { result: 'failed' };
    }
    // The next try's job comes from the outbox, written with the row; sent on at once, and
    // should Redis be down now, by the poll or the reconciler later.
    const retrying = await inTransaction(ctx, async ({ trx }) => {
      if (!(await markRetry(trx, key, claimedAt, message, next))) return false;
      const payload = { key, deliverAfter: next.toISOString(), attempts: n.attempts + 1 };
      await insertOutbox(trx, 'mail.send', n.caseId, payload, failedAt.toISOString());
      return true;
    });
    if (retrying) await dispatchOutbox(ctx).catch(() => 0);
    return { result: 'retry' };
  }
  await markSent(ctx.db, key, claimedAt, ctx.clock.now());
  return { result: 'sent' };
}
