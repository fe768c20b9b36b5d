import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { AppContext } from '../context.js';
import { sendProblem } from './problem.js';

// The store's scripts are loaded when the limiter starts; a Redis that is down then must not
// crash the process, and the scripts are loaded again on first use.
class TolerantRedisStore extends RedisStore {
  override async init(options: Parameters<RedisStore['init']>[0]): Promise<void> {
    await super.init(options).catch(() => undefined);
  }
}

export interface PublicLimit {
  /** Names the limiter's counters, so two public pages do not share a budget. */
  name: string;
  windowMs: number;
  limit: number;
}

/**
 * A per-address limit for the public pages (tracking, survey), counted in Redis so every app
 * process shares it. If Redis is down the page still answers: availability for a company
 * following its case matters more than the limit for a while.
 */
export function publicRateLimit(ctx: AppContext, l: PublicLimit): RequestHandler {
  return rateLimit({
    windowMs: l.windowMs,
    limit: l.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    store: new TolerantRedisStore({
      prefix: `${ctx.config.REDIS_PREFIX}:rl:${l.name}:`,
      sendCommand: (command: string, ...args: string[]) => ctx.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (req, res) =>
      sendProblem(
        res,
        'rate_limited',
        'För många förfrågningar från din adress. Vänta en stund och försök igen.',
        [],
        {},
        req.originalUrl.split('?')[0],
      ),
  });
}
