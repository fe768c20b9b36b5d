import type { AppContext } from '../context.js';
import {
  mailTrouble,
  notificationsByStatus,
  notificationStatuses,
  type Notification,
  type NotificationStatus,
} from '../infra/db/notification-repository.js';

export { notificationStatuses, type Notification, type NotificationStatus };

/** Mails in one status, newest first, at most `limit`: what an admin looks through. */
export const mailByStatus = (ctx: Pick<AppContext, 'db'>, status: NotificationStatus, limit: number) =>
  notificationsByStatus(ctx.db, status, limit);

/** Mail failing for longer than `MAIL_ALERT_AFTER_MS`, and mails waiting for an admin to decide. */
export const mailTroubleNow = (ctx: Pick<AppContext, 'db' | 'clock' | 'config'>) =>
  mailTrouble(ctx.db, ctx.clock.now(), ctx.config.MAIL_ALERT_AFTER_MS);
