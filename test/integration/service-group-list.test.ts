import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { expectFieldError } from '../support/problem.js';
import type { ApiResponse } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { reason, type Body } from './service-group-support.js';

describe('"dukat bord": the list (GET /api/escalations)', () => {
  const {
    app,
    users: { desk, coordinator, bygg },
  } = useTestApp({ users: { desk: 'registrar', coordinator: 'coordinator', bygg: ['officer', 'bygglov'] } });
  const made: Record<string, Body> = {};
  let sameInstant: string[] = [];
  let caseOfFirst: Body;

  beforeAll(async () => {
    const step = async (esc: Body, type: string, payload: Body = {}) => {
      const res = await app.request('POST', `/api/escalations/${esc.id}/events`, {
        token: coordinator.token,
        body: { type, expectedVersion: esc.version, ...payload },
      });
      if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Body;
    };
    const ask = async (unit: string | null) => {
      const c = await register(app, desk, companyCaseBody());
      if (unit) await send(app, desk, c.id, 'ROUTE', { unit });
      const res = await app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } });
      if (res.status !== 201) throw new Error(`request refused: ${res.status} ${JSON.stringify(res.body)}`);
      return { esc: res.body as Body, c };
    };
    // One a minute, oldest first: a to e, bygglov's being a, c and e; then three in the same instant.
    const a = await ask('bygglov');
    made.a = a.esc;
    caseOfFirst = a.c;
    app.clock.advance(60_000);
    made.b = await step((await ask('livsmedel')).esc, 'ACCEPT');
    app.clock.advance(60_000);
    made.c = await step((await ask('bygglov')).esc, 'DECLINE', { reason: 'Klaras inom enheten.' });
    app.clock.advance(60_000);
    made.d = await step(await step((await ask('livsmedel')).esc, 'ACCEPT'), 'CANCEL', {
      reason: 'Företaget drog tillbaka.',
    });
    app.clock.advance(60_000);
    made.e = (await ask('bygglov')).esc;
    app.clock.advance(60_000);
    for (let i = 0; i < 3; i++) sameInstant.push((await ask(null)).esc.id);
    // Tables of the same instant come in descending id order.
    sameInstant = [...sameInstant].sort().reverse();
  });
  const ids = (res: ApiResponse) => (res.body.items as Body[]).map((e) => e.id as string);
  const list = (query: string, user = coordinator) =>
    app.request('GET', `/api/escalations?${query}`, { token: user.token });
  const idsOf = (...keys: string[]) => keys.map((k) => made[k]!.id as string);
  const newestFirst = () => [...sameInstant, ...idsOf('e', 'd', 'c', 'b', 'a')];

  /** Follows nextCursor to the end, asserting every page answers 200. */
  async function allPages(query: string, user = coordinator): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`, user);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      pages.push(ids(res));
      cursor = res.body.nextCursor;
      expect(pages.length).toBeLessThan(20);
    } while (cursor);
    return pages;
  }

  const chunks = (xs: string[], n: number) =>
    Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

  it('lists newest first, tables of the same instant by id', async () => {
    const res = await list('limit=100');

    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(newestFirst());
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by status', async () => {
    expect(ids(await list('status=declined'))).toEqual(idsOf('c'));
    expect(ids(await list('status=composing'))).toEqual(idsOf('b'));
    expect(ids(await list('status=cancelled'))).toEqual(idsOf('d'));
    expect(ids(await list('status=requested'))).toEqual([...sameInstant, ...idsOf('e', 'a')]);
    expect(ids(await list('status=closed'))).toEqual([]);
  });

  it('filters open and closed tables', async () => {
    expect(ids(await list('open=true'))).toEqual([...sameInstant, ...idsOf('e', 'b', 'a')]);
    expect(ids(await list('open=false'))).toEqual(idsOf('d', 'c'));
  });

  it('filters by a case at the table, by id or by reference', async () => {
    expect(ids(await list(`caseId=${caseOfFirst.id}`))).toEqual(idsOf('a'));
    expect(ids(await list(`caseId=${caseOfFirst.reference}`))).toEqual(idsOf('a'));
    expect(ids(await list('caseId=HS-2026-999999'))).toEqual([]);
    expect(ids(await list(`caseId=${randomUUID()}`))).toEqual([]);
  });

  it('combines filters', async () => {
    expect(ids(await list(`open=true&caseId=${caseOfFirst.reference}`))).toEqual(idsOf('a'));
    expect(ids(await list(`open=false&caseId=${caseOfFirst.reference}`))).toEqual([]);
    expect(ids(await list('open=true&status=composing'))).toEqual(idsOf('b'));
  });

  it.each([1, 2, 3])('pages with limit=%i and the cursor without repeating or skipping a table', async (limit) => {
    const pages = await allPages(`limit=${limit}`);

    expect(pages).toEqual(chunks(newestFirst(), limit));
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
  });

  it('pages a filtered list', async () => {
    const pages = await allPages('limit=2&open=true');

    expect(pages).toEqual(chunks([...sameInstant, ...idsOf('e', 'b', 'a')], 2));
  });

  it('shows an officer only the tables whose cases they can see, across pages', async () => {
    const pages = await allPages('limit=2', bygg);

    expect(pages.flat()).toEqual(idsOf('e', 'c', 'a'));
  });

  const badQueries = [
    { query: 'status=open', path: 'query.status' },
    { query: 'open=yes', path: 'query.open' },
    { query: 'limit=0', path: 'query.limit' },
    { query: 'limit=101', path: 'query.limit' },
    { query: 'limit=ten', path: 'query.limit' },
    { query: 'cursor=garbage', path: 'query.cursor' },
    {
      query: `cursor=${Buffer.from(JSON.stringify({ c: 'yesterday', i: 'x' })).toString('base64url')}`,
      path: 'query.cursor',
    },
    { query: 'colour=red', path: 'query.colour' },
    { query: `caseId=${'x'.repeat(41)}`, path: 'query.caseId' },
  ];

  it.each(badQueries)('rejects the query $query naming $path', async ({ query, path }) => {
    const res = await list(query);

    expectFieldError(res, path);
  });
});
