import type { Knex } from 'knex';
import { parseJson, toJson } from './rows.js';

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type Audience = 'company' | 'staff';

export interface Notification {
  id: number;
  key: string;
  caseId: string | null;
  deadlineId: string | null;
  audience: Audience;
  recipient: string;
  template: string;
  data: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliverAfter: string;
  sentAt: string | null;
  createdAt: string;
}

const toNotification = (r: Record<string, unknown>): Notification => ({
  id: Number(r.id),
  key: r.key as string,
  caseId: (r.case_id as string | null) ?? null,
  deadlineId: (r.deadline_id as string | null) ?? null,
  audience: r.audience as Audience,
  recipient: r.recipient as string,
  template: r.template as string,
  data: parseJson<Record<string, unknown>>(r.data),
  status: r.status as NotificationStatus,
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
  deliverAfter: r.deliver_after as string,
  sentAt: (r.sent_at as string | null) ?? null,
  createdAt: r.created_at as string,
});

export type NewNotification = Pick<Notification, 'key' | 'caseId' | 'deadlineId' | 'audience' | 'recipient' | 'template' | 'data' | 'deliverAfter'> & {
  escalationId?: string | null;
};

/** Records a mail to send; a key that exists already means it was asked for before: no-op. */
export async function recordNotification(trx: Knex, n: NewNotification, now: string): Promise<boolean> {
  const rows = await trx('notifications')
    .insert({
      key: n.key,
      case_id: n.caseId,
      deadline_id: n.deadlineId,
      escalation_id: n.escalationId ?? null,
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

/**
 * Claims a mail for sending: exactly one worker moves it from pending to sending. A claim left
 * by a crashed worker is taken over after `staleAfterMs`.
 */
export async function claimNotification(db: Knex, key: string, now: Date, staleAfterMs: number): Promise<boolean> {
  const stale = new Date(now.getTime() - staleAfterMs).toISOString();
  const n = await db('notifications')
    .where({ key })
    .andWhere((w) => w.where('status', 'pending').orWhere((x) => x.where('status', 'sending').andWhere('claimed_at', '<', stale)))
    .update({ status: 'sending', claimed_at: now.toISOString(), attempts: db.raw('attempts + 1') });
  return n === 1;
}

export async function markSent(db: Knex, key: string, now: Date): Promise<void> {
  await db('notifications').where({ key, status: 'sending' }).update({ status: 'sent', sent_at: now.toISOString(), last_error: null });
}

export async function markRetry(db: Knex, key: string, error: string): Promise<void> {
  await db('notifications').where({ key, status: 'sending' }).update({ status: 'pending', last_error: error.slice(0, 2000) });
}

export async function markFailed(db: Knex, key: string, error: string): Promise<void> {
  await db('notifications').where({ key }).whereIn('status', ['pending', 'sending']).update({ status: 'failed', last_error: error.slice(0, 2000) });
}

export async function notificationsOfCase(db: Knex, caseId: string): Promise<Notification[]> {
  const rows = await db('notifications').where({ case_id: caseId }).orderBy('id');
  return rows.map(toNotification);
}

export async function notificationsByStatus(db: Knex, status: NotificationStatus, limit: number): Promise<Notification[]> {
  const rows = await db('notifications').where({ status }).orderBy('id', 'desc').limit(limit);
  return rows.map(toNotification);
}

/**
 * Mails that should have gone by now: pending ones, and ones a worker claimed and then died
 * with. The reconciler queues them again after Redis or a worker was lost.
 */
export async function overduePending(db: Knex, now: Date, limit: number, staleAfterMs: number, afterId = 0): Promise<Notification[]> {
  const stale = new Date(now.getTime() - staleAfterMs).toISOString();
  const rows = await db('notifications')
    .where((w) => w.where({ status: 'pending' }).orWhere((x) => x.where({ status: 'sending' }).andWhere('claimed_at', '<', stale)))
    .andWhere('deliver_after', '<=', now.toISOString())
    .andWhere('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  return rows.map(toNotification);
}
