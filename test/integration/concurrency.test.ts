import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';
import { expectProblem } from '../support/problem.js';

describe('concurrent writers', () => {
  const {
    app,
    users: { desk },
  } = useTestApp({ users: { desk: 'registrar' } });

  it('lets exactly one of two events on the same version through; the other gets 409', async () => {
    const c = await register(app, desk, companyCaseBody());
    const post = (type: string, payload: Record<string, unknown>) =>
      app.request('POST', `/api/cases/${c.id}/events`, {
        token: desk.token,
        body: { type, expectedVersion: 1, ...payload },
      });
    const results = await Promise.all([
      post('ROUTE', { unit: 'bygglov' }),
      post('RESOLVE_AT_FIRST_CONTACT', { resolution: 'Besvarat direkt.' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expectProblem(loser, 409);
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: desk.token });
    expect(history.body.items).toHaveLength(2);
    const now = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(now.body.version).toBe(2);
  });

  it('refuses a stale expectedVersion with 409 and the current version', async () => {
    const c = await register(app, desk, companyCaseBody());
    const ok = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: desk.token,
      body: { type: 'ROUTE', expectedVersion: 1, unit: 'bygglov' },
    });
    expect(ok.status).toBe(200);
    const stale = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: desk.token,
      body: { type: 'ROUTE', expectedVersion: 1, unit: 'livsmedel' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('gives concurrent registrations distinct, consecutive references', async () => {
    const count = 25;
    const results = await Promise.all(
      Array.from({ length: count }, () =>
        app.request('POST', '/api/cases', { token: desk.token, body: companyCaseBody() }),
      ),
    );
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

describe('concurrent writers of a whole list', () => {
  let browsers: StaffBrowser[];
  const at = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

  const {
    app,
    users: { api },
  } = useTestApp({ staff: true, users: { api: 'admin' } });
  beforeAll(async () => {
    const admin = await staffAccount(app, 'admin');
    browsers = await at(8, async () => {
      const b = new StaffBrowser(app);
      expect((await b.login(admin.email, admin.password)).status).toBe(303);
      await b.get('/admin/stangda-dagar');
      return b;
    });
  });

  it('answers eight identical PUTs of the closing days at once each with the list, and keeps it once', async () => {
    const days = [
      { date: '2026-12-28', name: 'Mellandag' },
      { date: '2026-12-29', name: 'Mellandag' },
      { date: '2026-12-30', name: 'Mellandag' },
    ];
    const results = await at(8, () => app.request('PUT', '/api/admin/closing-days', { token: api.token, body: days }));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    for (const r of results) expect(r.body).toEqual(days);
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual(days);
  });

  it('adds eight different closing days from the page at once without losing one', async () => {
    await app.request('PUT', '/api/admin/closing-days', { token: api.token, body: [] });
    const dates = Array.from({ length: 8 }, (_, i) => `2027-01-${String(11 + i).padStart(2, '0')}`);
    const added = await at(8, (i) =>
      browsers[i]!.post('/admin/stangda-dagar', { date: dates[i]!, name: `Stängt ${i}` }),
    );
    expect(added.map((r) => r.status)).toEqual(Array(8).fill(303));
    const list = (await app.request('GET', '/api/admin/closing-days', { token: api.token })).body as { date: string }[];
    expect(list.map((d) => d.date)).toEqual(dates);

    for (const b of browsers) await b.get('/admin/stangda-dagar');
    const removed = await at(8, (i) => browsers[i]!.post('/admin/stangda-dagar/ta-bort', { date: dates[i]! }));
    expect(removed.map((r) => r.status)).toEqual(Array(8).fill(303));
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual([]);
  });

  it("answers eight identical PUTs of a category's units at once, each with success", async () => {
    const results = await at(8, () =>
      app.request('PUT', '/api/service-group/categories/livsmedel', {
        token: api.token,
        body: { units: ['livsmedel', 'bygglov', 'miljo-halsoskydd'] },
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(results[0]!.status));
    expect(results[0]!.status).toBeLessThan(300);
    const register = await app.request('GET', '/api/service-group', { token: api.token });
    expect(register.body.categories.find((c: { code: string }) => c.code === 'livsmedel').units.sort()).toEqual([
      'bygglov',
      'livsmedel',
      'miljo-halsoskydd',
    ]);
  });

  it('numbers eight changes of one guarantee at once as eight consecutive versions', async () => {
    const current = await app.request('GET', '/api/guarantees/markupplatelse-decision', { token: api.token });
    const results = await at(8, (i) =>
      app.request('PUT', '/api/guarantees/markupplatelse-decision', {
        token: api.token,
        body: { definition: { ...current.body.definition, length: { value: 10 + i, unit: 'working_days' } } },
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 8 }, (_, i) => current.body.version + 1 + i),
    );
  });

  it('creates a guarantee once when eight add the same code at once; the others are told it exists', async () => {
    const body = {
      code: 'samtidig-etablering',
      definition: {
        label: 'Besök inom 10 arbetsdagar',
        kind: 'company_case',
        category: 'etablering',
        clock: 'custom_samtidig',
        length: { value: 10, unit: 'working_days' },
        startsOn: { event: 'REGISTERED' },
        stopsOn: ['decided'],
      },
    };
    const results = await at(8, () => app.request('POST', '/api/guarantees', { token: api.token, body }));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(7).fill(400)]);
    for (const r of results.filter((x) => x.status === 400))
      expect(r.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
  });
});
