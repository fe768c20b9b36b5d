import type { Knex } from 'knex';
import { Redis } from 'ioredis';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { createKnex, type DbClient, dbClientOf } from './infra/db/knex-factory.js';
import { migrateLatest } from './infra/db/migrate.js';
import { migrationSource } from '../migrations/index.js';
import { createLogger } from './infra/logger.js';
import { createMailer, type Mailer } from './infra/mail/mailer.js';
import { createQueues, type Queues } from './infra/queue/queues.js';
import { createReferenceData, type ReferenceData } from './infra/db/reference-data.js';

export interface AppContext {
  config: Config;
  db: Knex;
  dbClient: DbClient;
  redis: Redis;
  queues: Queues;
  mailer: Mailer;
  reference: ReferenceData;
  clock: Clock;
  logger: Logger;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  /** PostgreSQL schema; tests give each file its own. Otherwise `DATABASE_SCHEMA`, if set. */
  dbSchema?: string;
}

/** Builds everything the application needs; no module holds a connection of its own. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = createLogger(config.LOG_LEVEL, options.logDestination);
  const schema =
    dbClientOf(config.DATABASE_URL) === 'postgres' ? (options.dbSchema ?? config.DATABASE_SCHEMA) : undefined;
  const db = createKnex({ url: config.DATABASE_URL, schema });
  await migrateLatest(db, migrationSource, schema);
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    // Health and request paths must answer "redis down" at once instead of queueing commands.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
  await redis.connect().catch((err: Error) => logger.warn({ err }, 'redis unavailable at start; will keep retrying'));
  const queues = createQueues({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX });
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, mailDir: config.MAIL_DIR, from: config.MAIL_FROM });
  return {
    config,
    db,
    dbClient: dbClientOf(config.DATABASE_URL),
    redis,
    queues,
    mailer,
    reference: createReferenceData(30_000),
    clock: options.clock ?? systemClock,
    logger,
    async close() {
      await queues.close();
      mailer.close();
      redis.disconnect();
      await db.destroy();
    },
  };
}
