import type { AppContext } from '../context.js';
import { pingDatabase } from '../infra/db/ping.js';

export type Probe = 'ok' | 'down';

async function probe(fn: () => Promise<unknown>, timeoutMs: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([fn().then(() => 'ok' as const), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database and Redis answer, each within its own short wait. */
export async function dependencyHealth(ctx: Pick<AppContext, 'db' | 'redis'>): Promise<{ db: Probe; redis: Probe }> {
  const [db, redis] = await Promise.all([probe(() => pingDatabase(ctx.db), 2000), probe(() => ctx.redis.ping(), 500)]);
  return { db, redis };
}
