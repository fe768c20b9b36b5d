import type { Knex } from 'knex';
import { parseJson, toJson } from './rows.js';

/**
 * `uncertain`: a worker claimed the mail and never came back with an answer (it died between
 * handing the mail to the SMTP server and hearing whether it was taken). It may have been
 * delivered; it is never sent again by itself, only by an admin's retry.
 */
export const notificationStatuses = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];
export type Audience = 'company' | 'staff';

export interface Notification {
  id: number;
  key: string;
  caseId: string | null;
  escalationId: string | null;
  deadlineId: string | null;
  audience: Audience;
  recipient: string;
  template: string;
  data: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliverAfter: string;
  claimedAt: string | null;
  firstClaimedAt: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Set on a staff notice: who hears it, decided when it is sent (application/staff-notices.ts). */
  recipientRule: RecipientRule | null;
}

export interface RecipientRule {
  /** The case's officer (and its unit's managers), or the table's coordinators (and the managers of its units). */
  of: 'case' | 'table';
  withManagers: boolean;
  /** The clock version the notice is about, when it is about a clock. */
  deadlineVersion?: number;
}

const toNotification = (r: Record<string, unknown>): Notification => ({
  id: Number(r.id),
  key: r.key as string,
  caseId: (r.case_id as string | null) ?? null,
  escalationId: (r.escalation_id as string | null) ?? null,
  deadlineId: (r.deadline_id as string | null) ?? null,
  audience: r.audience as Audience,
  recipient: r.recipient as string,
  template: r.template as string,
  data: parseJson<Record<string, unknown>>(r.data),
  status: r.status as NotificationStatus,
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
  deliverAfter: r.deliver_after as string,
  claimedAt: (r.claimed_at as string | null) ?? null,
  firstClaimedAt: (r.first_claimed_at as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  createdAt: r.created_at as string,
  recipientRule: r.recipient_rule ? parseJson<RecipientRule>(r.recipient_rule) : null,
});

export type NewNotification = Pick<
  Notification,
  'key' | 'caseId' | 'deadlineId' | 'audience' | 'recipient' | 'template' | 'data' | 'deliverAfter'
> & {
  escalationId?: string | null;
  recipientRule?: RecipientRule | null;
};

/** Records a mail to send; a key that exists already means it was asked for before: no-op. */
export async function recordNotification(trx: Knex, n: NewNotification, now: string): Promise<boolean> {
  const rows = await trx('notifications')
    .insert({
      key: n.key,
      case_id: n.caseId,
      deadline_id: n.deadlineId,
      escalation_id: n.escalationId ?? null,
      recipient_rule: n.recipientRule ? toJson(n.recipientRule) : null,
      audience: n.audience,
      recipient: n.recipient,
      template: n.template,
      data: toJson(n.data),
      status: 'pending',
      attempts: 0,
      deliver_after: n.deliverAfter,
      created_at: now,
    })
    .onConflict('key')
    .ignore()
    .returning('id');
  return rows.length > 0;
}

export async function findNotification(db: Knex, key: string): Promise<Notification | undefined> {
  const r = await db('notifications').where({ key }).first();
  return r ? toNotification(r) : undefined;
}

export async function findNotificationById(db: Knex, id: number): Promise<Notification | undefined> {
  const r = await db('notifications').where({ id }).first();
  return r ? toNotification(r) : undefined;
}

export async function notificationExists(db: Knex, key: string): Promise<boolean> {
  return (await db('notifications').where({ key }).first('id')) !== undefined;
}

/**
 * Claims a mail for sending: exactly one worker moves it from pending to sending. Only a
 * pending mail is claimed; a claim nobody finished is settled as uncertain, never taken over,
 * since the worker that held it may have handed the mail over before it died.
 */
export async function claimNotification(db: Knex, key: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const n = await db('notifications')
    .where({ key, status: 'pending' })
    .update({
      status: 'sending',
      claimed_at: at,
      first_claimed_at: db.raw('coalesce(first_claimed_at, ?)', [at]),
      attempts: db.raw('attempts + 1'),
    });
  return n === 1;
}

// A late answer from the server still counts: an uncertain mail that turns out sent is sent.
export async function markSent(db: Knex, key: string, claimedAt: string, now: Date): Promise<void> {
  await db('notifications')
    .where({ key, claimed_at: claimedAt })
    .whereIn('status', ['sending', 'uncertain'])
    .update({ status: 'sent', sent_at: now.toISOString(), last_error: null });
}

/** The server refused or could not be reached: the mail waits for its next try at `nextAt`. */
export async function markRetry(
  db: Knex,
  key: string,
  claimedAt: string,
  error: string,
  nextAt: Date,
): Promise<boolean> {
  const n = await db('notifications')
    .where({ key, status: 'sending', claimed_at: claimedAt })
    .update({ status: 'pending', last_error: error.slice(0, 2000), deliver_after: nextAt.toISOString() });
  return n === 1;
}

export async function markFailed(db: Knex, key: string, claimedAt: string, error: string): Promise<void> {
  await db('notifications')
    .where({ key, status: 'sending', claimed_at: claimedAt })
    .update({ status: 'failed', last_error: error.slice(0, 2000) });
}

/** An admin's retry: a failed or uncertain mail is pending again, due now, with a fresh retry period. */
export async function reopenForRetry(
  db: Knex,
  id: number,
  from: 'failed' | 'uncertain',
  now: string,
): Promise<boolean> {
  const n = await db('notifications')
    .where({ id, status: from })
    .update({ status: 'pending', deliver_after: now, claimed_at: null, first_claimed_at: null });
  return n > 0;
}

/** An admin settles an uncertain mail as delivered. */
export async function settleUncertainAsSent(db: Knex, id: number, now: string): Promise<boolean> {
  const n = await db('notifications')
    .where({ id, status: 'uncertain' })
    .update({ status: 'sent', sent_at: now, last_error: null });
  return n > 0;
}

const UNCERTAIN_NOTE = 'Sändningen avbröts innan e-postservern svarade; meddelandet kan ha gått fram.';

/**
 * Claims older than `staleAfterMs` that never got an answer become uncertain. A live worker
 * hears from the server within its socket timeouts, far inside the stale time, so a claim this
 * old belongs to a worker that died. Returns how many were settled.
 */
export async function settleStaleClaims(db: Knex, now: Date, staleAfterMs: number, key?: string): Promise<number> {
  const stale = new Date(now.getTime() - staleAfterMs).toISOString();
  const q = db('notifications').where({ status: 'sending' }).andWhere('claimed_at', '<', stale);
  if (key) q.andWhere({ key });
  return q.update({ status: 'uncertain', last_error: UNCERTAIN_NOTE });
}

/** Mail that has been failing for a while: the admins are told (a banner on their pages). */
export async function mailTrouble(
  db: Knex,
  now: Date,
  failingForMs: number,
): Promise<{ failingSince: string | null; failing: number; uncertain: number; failed: number }> {
  const since = new Date(now.getTime() - failingForMs).toISOString();
  const failing = (await db('notifications')
    .where({ status: 'pending' })
    .whereNotNull('last_error')
    .andWhere('first_claimed_at', '<=', since)
    .first(db.raw('count(*) as n'), db.raw('min(first_claimed_at) as since'))) as
    { n: number | string; since: string | null } | undefined;
  const counts = (await db('notifications')
    .whereIn('status', ['uncertain', 'failed'])
    .groupBy('status')
    .select('status', db.raw('count(*) as n'))) as { status: string; n: number | string }[];
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  return {
    failingSince: Number(failing?.n ?? 0) > 0 ? (failing?.since ?? null) : null,
    failing: Number(failing?.n ?? 0),
    uncertain: count('uncertain'),
    failed: count('failed'),
  };
}

// A staff notice that was handed out is no mail of its own: its people's mails are listed.
const mailsOnly = (q: Knex.QueryBuilder) => q.where((w) => w.whereNull('recipient_rule').orWhereNot('status', 'sent'));

export async function notificationsOfCase(db: Knex, caseId: string): Promise<Notification[]> {
  const rows = await mailsOnly(db('notifications').where({ case_id: caseId })).orderBy('id');
  return rows.map(toNotification);
}

export async function notificationsByStatus(
  db: Knex,
  status: NotificationStatus,
  limit: number,
): Promise<Notification[]> {
  const rows = await mailsOnly(db('notifications').where({ status })).orderBy('id', 'desc').limit(limit);
  return rows.map(toNotification);
}

/** The case's staff notices that were handed out, newest first: the ones a new holder may need. */
export async function handedOutNotices(db: Knex, caseId: string): Promise<Notification[]> {
  const rows = await db('notifications')
    .where({ case_id: caseId, status: 'sent' })
    .whereNotNull('recipient_rule')
    .orderBy('id', 'desc');
  return rows.map(toNotification);
}

/** A notice handed out: it is settled, and names the people it went to. */
export async function markHandedOut(
  db: Knex,
  key: string,
  claimedAt: string,
  recipients: string[],
  now: Date,
): Promise<void> {
  await db('notifications')
    .where({ key, status: 'sending', claimed_at: claimedAt })
    .update({
      status: 'sent',
      sent_at: now.toISOString(),
      last_error: null,
      recipient: recipients.join(', ').slice(0, 320),
    });
}

/** Pending mails whose time has come: the reconciler makes sure each has a job. */
export async function overduePending(db: Knex, now: Date, limit: number, afterId = 0): Promise<Notification[]> {
  const rows = await db('notifications')
    .where({ status: 'pending' })
    .andWhere('deliver_after', '<=', now.toISOString())
    .andWhere('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  return rows.map(toNotification);
}
