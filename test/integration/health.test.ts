import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';

describe('health', () => {
  const { app } = useTestApp({});

  it('answers ok with the database and Redis up', async () => {
    const res = await app.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });

  it('reports Redis down but stays 200 while the database answers', async () => {
    app.ctx.redis.disconnect();
    const res = await app.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', redis: 'down' });
    await app.restart();
  });

  it('answers 503 when the database does not', async () => {
    await app.restart();
    await app.ctx.db.destroy();
    const res = await app.request('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body.db).toBe('down');
    await app.restart();
  });
});
