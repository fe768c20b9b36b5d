import { Redis } from 'ioredis';
import pg from 'pg';
import { testDatabaseUrl, testRedisUrl } from './test-env.js';

/**
 * The suite runs against real services. A missing one stops the run with a message that says
 * which and how to start it, instead of tests failing one by one or, worse, being skipped.
 */
export default async function setup(): Promise<void> {
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${testRedisUrl()} (${(err as Error).message}). Start ` +
        `it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  } finally {
    redis.disconnect();
  }
  const dbUrl = testDatabaseUrl();
  if (dbUrl.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: dbUrl });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (err) {
      throw new Error(
        `PostgreSQL is not reachable at ${dbUrl} (${(err as Error).message}). Start it: ` +
          `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
