import session, { type SessionData } from 'express-session';
import type { Redis } from 'ioredis';

type Callback = (err?: unknown, data?: any) => void;

/**
 * express-session's store on the context's ioredis connection. connect-redis (v8 on) speaks only
 * node-redis; this is the same few commands on the connection the context already opens and
 * closes. Each session is one key `<prefix><sid>` whose TTL follows the cookie's expiry, so an
 * idle session disappears from Redis by itself.
 */
export class IoRedisSessionStore extends session.Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly fallbackTtlSeconds: number,
  ) {
    super();
  }

  private ttlOf(sess: SessionData): number {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : NaN;
    return Number.isFinite(expires) ? Math.ceil((expires - Date.now()) / 1000) : this.fallbackTtlSeconds;
  }

  override get(sid: string, cb: Callback): void {
    this.redis.get(this.prefix + sid).then(
      (raw) => cb(null, raw ? JSON.parse(raw) : null),
      (err) => cb(err),
    );
  }

  override set(sid: string, sess: SessionData, cb: Callback = () => undefined): void {
    const ttl = this.ttlOf(sess);
    const op =
      ttl > 0 ? this.redis.set(this.prefix + sid, JSON.stringify(sess), 'EX', ttl) : this.redis.del(this.prefix + sid);
    op.then(
      () => cb(),
      (err) => cb(err),
    );
  }

  override touch(sid: string, sess: SessionData, cb: Callback = () => undefined): void {
    this.redis.expire(this.prefix + sid, Math.max(1, this.ttlOf(sess))).then(
      () => cb(),
      (err) => cb(err),
    );
  }

  override destroy(sid: string, cb: Callback = () => undefined): void {
    this.redis.del(this.prefix + sid).then(
      () => cb(),
      (err) => cb(err),
    );
  }
}
