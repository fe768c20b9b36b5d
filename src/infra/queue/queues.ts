import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

export const DEADLINE_QUEUE = 'deadlines';
export const MAIL_QUEUE = 'mail';

export interface Queues {
  deadlines: Queue;
  mail: Queue;
  connection: Redis;
  prefix: string;
  close(): Promise<void>;
}

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
}

/** BullMQ's own connection: workers need `maxRetriesPerRequest: null` to block safely. */
export function createBullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false, lazyConnect: true });
}

export function createQueues(settings: QueueSettings): Queues {
  const connection = createBullConnection(settings.redisUrl);
  connection.on('error', () => undefined);
  const common = { connection, prefix: settings.prefix, skipWaitingForReady: true };
  // Completed jobs are kept a while so a duplicate `add` with the same id is ignored, and the
  // notification key in the database stops anything that slips past that.
  const keep: JobsOptions = {
    removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
  const deadlines = new Queue(DEADLINE_QUEUE, {
    ...common,
    defaultJobOptions: { ...keep, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  });
  // A mail job never throws for a refused mail: its row records the failure and the next try
  // gets a job of its own. These attempts cover a job that itself broke (a database error).
  const mail = new Queue(MAIL_QUEUE, {
    ...common,
    defaultJobOptions: { ...keep, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  });
  deadlines.on('error', () => undefined);
  mail.on('error', () => undefined);
  return {
    deadlines,
    mail,
    connection,
    prefix: settings.prefix,
    async close() {
      await Promise.allSettled([deadlines.close(), mail.close()]);
      connection.disconnect();
    },
  };
}
