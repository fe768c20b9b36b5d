import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { companyCaseBody, register } from '../support/fixtures.js';

describe('concurrent writers', () => {
  let app: TestApp;
  let desk: TestUser;
  beforeAll(async () => {
    app = await startTestApp();
    desk = await app.user('registrar');
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets exactly one of two events on the same version through; the other gets 409', async () => {
    const c = await register(app, desk, companyCaseBody());
    const post = (type: string, payload: Record<string, unknown>) =>
      app.request('POST', `/api/cases/${c.id}/events`, { token: desk.token, body: { type, expectedVersion: 1, ...payload } });
    const results = await Promise.all([post('ROUTE', { unit: 'bygglov' }), post('RESOLVE_AT_FIRST_CONTACT', { resolution: 'Besvarat direkt.' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: desk.token });
    expect(history.body.items).toHaveLength(2);
    const now = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(now.body.version).toBe(2);
  });

  it('refuses a stale expectedVersion with 409 and the current version', async () => {
    const c = await register(app, desk, companyCaseBody());
    const ok = await app.request('POST', `/api/cases/${c.id}/events`, { token: desk.token, body: { type: 'ROUTE', expectedVersion: 1, unit: 'bygglov' } });
    expect(ok.status).toBe(200);
    const stale = await app.request('POST', `/api/cases/${c.id}/events`, { token: desk.token, body: { type: 'ROUTE', expectedVersion: 1, unit: 'livsmedel' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('gives concurrent registrations distinct, consecutive references', async () => {
    const count = 25;
    const results = await Promise.all(Array.from({ length: count }, () => app.request('POST', '/api/cases', { token: desk.token, body: companyCaseBody() })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const references = results.map((r) => r.body.reference as string);
    expect(new Set(references).size).toBe(count);
    for (const ref of references) expect(ref).toMatch(/^HS-2026-\d{6}$/);
    const numbers = references.map((r) => Number(r.slice(-6))).sort((a, b) => a - b);
    expect(numbers[numbers.length - 1]! - numbers[0]!).toBe(count - 1);
  });

  it('numbers references per year in Stockholm time', async () => {
    // 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Stockholm.
    app.clock.set('2026-12-31T23:30:00Z');
    const c = await register(app, desk, companyCaseBody());
    expect(c.reference).toBe('HS-2027-000001');
    app.clock.set('2026-11-20T09:00:00+01:00');
  });
});
