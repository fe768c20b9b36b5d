import type { AppContext } from '../context.js';
import { renderMail } from '../infra/mail/templates.js';
import { claimNotification, findNotification, markFailed, markRetry, markSent } from '../infra/db/notification-repository.js';
import { sendMailPayload } from './job-payloads.js';

export type MailOutcome = { result: 'early'; delayMs: number } | { result: 'sent' | 'already-done' | 'claimed-elsewhere' | 'unknown' };

/**
 * Sends one recorded mail. The row is claimed first, so a retry, a duplicate job or a replay
 * after Redis was lost finds it sent (or being sent) and does nothing.
 */
export async function runSendMail(ctx: AppContext, raw: unknown): Promise<MailOutcome> {
  const { key } = sendMailPayload.parse(raw);
  const n = await findNotification(ctx.db, key);
  if (!n) return { result: 'unknown' };
  if (n.status === 'sent' || n.status === 'failed') return { result: 'already-done' };
  const now = ctx.clock.now();
  const delayMs = new Date(n.deliverAfter).getTime() - now.getTime();
  if (delayMs > 0) return { result: 'early', delayMs };
  if (!(await claimNotification(ctx.db, key, now, ctx.config.MAIL_CLAIM_STALE_MS))) return { result: 'claimed-elsewhere' };
  try {
    const rendered = renderMail(n.template, n.data);
    const domain = new URL(ctx.config.PUBLIC_BASE_URL).hostname || 'handslag.local';
    await ctx.mailer.send({ to: n.recipient, ...rendered, messageId: `<${key}@${domain}>` });
  } catch (err) {
    await markRetry(ctx.db, key, (err as Error).message);
    throw err;
  }
  await markSent(ctx.db, key, ctx.clock.now());
  return { result: 'sent' };
}

/** Called when BullMQ gives up: the mail shows as failed on the case and in the admin list. */
export async function giveUpMail(ctx: AppContext, raw: unknown, error: string): Promise<void> {
  const parsed = sendMailPayload.safeParse(raw);
  if (parsed.success) await markFailed(ctx.db, parsed.data.key, error);
}
