import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  companyCaseBody,
  complaintBody,
  expectNothingWritten as expectNothingWrittenIn,
  register,
  send,
  tableCounts,
} from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { type TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

type Body = Record<string, unknown>;

const without = (body: Body, key: string): Body => {
  const { [key]: _dropped, ...rest } = body;
  return rest;
};

describe('input validation', () => {
  const {
    app,
    users: { registrar, officer, otherUnitOfficer },
  } = useTestApp({
    users: { registrar: 'registrar', officer: ['officer', 'bygglov'], otherUnitOfficer: ['officer', 'livsmedel'] },
  });

  /** Runs `act` and asserts that not a single row was written anywhere. */
  const expectNothingWritten = <T>(act: () => Promise<T>): Promise<T> => expectNothingWrittenIn(app, act);

  const postCase = (body: unknown) => app.request('POST', '/api/cases', { token: registrar.token, body });

  async function routedCase(): Promise<Body> {
    const c = await register(app, registrar, companyCaseBody());
    return send(app, registrar, c.id, 'ROUTE', { unit: 'bygglov' });
  }

  async function inProgressCase(): Promise<Body> {
    const c = await routedCase();
    await send(app, officer, c.id as string, 'ASSIGN', { assigneeId: officer.id });
    return send(app, officer, c.id as string, 'START');
  }

  async function closedCase(): Promise<Body> {
    const c = await inProgressCase();
    await send(app, officer, c.id as string, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Åtgärden följer detaljplanen.',
    });
    return send(app, officer, c.id as string, 'CLOSE');
  }

  describe('registering a case', () => {
    const invalidRegistrations: Array<{ name: string; body: Body; path: string }> = [
      { name: 'a case without kind', body: without(companyCaseBody(), 'kind'), path: 'kind' },
      { name: 'a case of an unknown kind', body: companyCaseBody({ kind: 'petition' }), path: 'kind' },
      { name: 'a company case without category', body: without(companyCaseBody(), 'category'), path: 'category' },
      { name: 'an unknown category', body: companyCaseBody({ category: 'fiskevard' }), path: 'category' },
      {
        name: 'a complaint category on a company case',
        body: companyCaseBody({ category: 'klagomal' }),
        path: 'category',
      },
      {
        name: 'a company-case category on a complaint',
        body: complaintBody({ category: 'bygglov' }),
        path: 'category',
      },
      { name: 'a case without channel', body: without(companyCaseBody(), 'channel'), path: 'channel' },
      { name: 'an unknown channel', body: companyCaseBody({ channel: 'fax' }), path: 'channel' },
      { name: 'a case without subject', body: without(companyCaseBody(), 'subject'), path: 'subject' },
      { name: 'an empty subject', body: companyCaseBody({ subject: '' }), path: 'subject' },
      { name: 'a subject of only whitespace', body: companyCaseBody({ subject: '   ' }), path: 'subject' },
      { name: 'a subject over 300 characters', body: companyCaseBody({ subject: 'x'.repeat(301) }), path: 'subject' },
      {
        name: 'a description over 20 000 characters',
        body: companyCaseBody({ description: 'x'.repeat(20_001) }),
        path: 'description',
      },
      { name: 'a company case without company', body: without(companyCaseBody(), 'company'), path: 'company' },
      {
        name: 'an organisation number failing the Luhn check',
        body: companyCaseBody({ company: { orgNumber: '556036-0794', name: 'Saab AB' } }),
        path: 'company.orgNumber',
      },
      {
        name: 'an organisation number whose third digit is below 2 and that is no personnummer',
        body: companyCaseBody({ company: { orgNumber: '5510360793', name: 'Saab AB' } }),
        path: 'company.orgNumber',
      },
      {
        name: 'an organisation number that is not a number',
        body: companyCaseBody({ company: { orgNumber: 'garbage', name: 'Saab AB' } }),
        path: 'company.orgNumber',
      },
      {
        name: 'an empty organisation number',
        body: companyCaseBody({ company: { orgNumber: '', name: 'Saab AB' } }),
        path: 'company.orgNumber',
      },
      {
        name: 'a company without name',
        body: companyCaseBody({ company: { orgNumber: '5560360793' } }),
        path: 'company.name',
      },
      { name: 'a named case without contact', body: without(companyCaseBody(), 'contact'), path: 'contact' },
      { name: 'a named complaint without contact', body: without(complaintBody(), 'contact'), path: 'contact' },
      {
        name: 'a contact without name',
        body: companyCaseBody({ contact: { email: 'anna@example.se' } }),
        path: 'contact.name',
      },
      {
        name: 'an invalid contact e-mail',
        body: companyCaseBody({ contact: { name: 'Anna Svensson', email: 'anna@' } }),
        path: 'contact.email',
      },
      {
        name: 'an invalid contact phone',
        body: companyCaseBody({ contact: { name: 'Anna Svensson', phone: 'ring mig' } }),
        path: 'contact.phone',
      },
      {
        name: 'a contact with neither e-mail nor phone',
        body: companyCaseBody({ contact: { name: 'Anna Svensson' } }),
        path: 'contact.email',
      },
      {
        name: 'an anonymous company case',
        body: without(companyCaseBody({ anonymous: true }), 'contact'),
        path: 'anonymous',
      },
      { name: 'an anonymous flag that is not a boolean', body: complaintBody({ anonymous: 'yes' }), path: 'anonymous' },
      { name: 'an anonymous complaint with a contact', body: complaintBody({ anonymous: true }), path: 'contact' },
      { name: 'a complaint without concerns', body: without(complaintBody(), 'concerns'), path: 'concerns' },
      { name: 'a complaint with empty concerns', body: complaintBody({ concerns: [] }), path: 'concerns' },
      {
        name: 'a complaint with an unknown concern',
        body: complaintBody({ concerns: ['treatment', 'rudeness'] }),
        path: 'concerns.1',
      },
      { name: 'concerns on a company case', body: companyCaseBody({ concerns: ['treatment'] }), path: 'concerns' },
      {
        name: 'a complaint about an unknown case id',
        body: complaintBody({ relatedCaseId: randomUUID() }),
        path: 'relatedCaseId',
      },
      {
        name: 'a complaint about an unknown case reference',
        body: complaintBody({ relatedCaseId: 'HS-2026-999999' }),
        path: 'relatedCaseId',
      },
      {
        name: 'a complaint about a garbage case id',
        body: complaintBody({ relatedCaseId: 'garbage' }),
        path: 'relatedCaseId',
      },
      {
        name: 'a receivedAt that is not ISO 8601',
        body: companyCaseBody({ receivedAt: 'i tisdags' }),
        path: 'receivedAt',
      },
      {
        name: 'a receivedAt that is a date only',
        body: companyCaseBody({ receivedAt: '2026-11-02' }),
        path: 'receivedAt',
      },
      {
        name: 'a receivedAt without offset',
        body: companyCaseBody({ receivedAt: '2026-11-02T09:15:00' }),
        path: 'receivedAt',
      },
      {
        name: 'a receivedAt one second in the future',
        body: companyCaseBody({ receivedAt: '2026-11-20T09:00:01+01:00' }),
        path: 'receivedAt',
      },
      {
        name: 'a receivedAt next year',
        body: companyCaseBody({ receivedAt: '2027-01-04T08:00:00Z' }),
        path: 'receivedAt',
      },
      { name: 'a complaint about an unknown unit', body: complaintBody({ unit: 'nowhere' }), path: 'unit' },
      { name: 'a unit on a company case', body: companyCaseBody({ unit: 'bygglov' }), path: 'unit' },
    ];

    it.each(invalidRegistrations)('rejects $name with 400 naming $path and writes nothing', async ({ body, path }) => {
      const res = await expectNothingWritten(() => postCase(body));

      expectFieldError(res, path);
    });

    it('reports every bad field at once', async () => {
      const body = without(
        companyCaseBody({ channel: 'fax', contact: { name: 'Anna Svensson', email: 'nope' } }),
        'subject',
      );

      const res = await expectNothingWritten(() => postCase(body));

      expectFieldError(res, 'channel');
      expectFieldError(res, 'subject');
      expectFieldError(res, 'contact.email');
    });

    it('reports every cross-field rule at once', async () => {
      const body = without(
        companyCaseBody({
          anonymous: true,
          company: { orgNumber: '556036-0794', name: 'Saab AB' },
          receivedAt: '2026-12-01T10:00:00+01:00',
        }),
        'category',
      );

      const res = await expectNothingWritten(() => postCase(body));

      for (const path of ['category', 'company.orgNumber', 'anonymous', 'contact', 'receivedAt'])
        expectFieldError(res, path);
    });

    it('rejects a NUL character in a text field instead of failing in the database', async () => {
      const res = await expectNothingWritten(() => postCase(companyCaseBody({ subject: 'Bygglov\u0000lagerhall' })));

      expectFieldError(res, 'subject');
    });

    it('rejects a body that is a JSON array', async () => {
      const res = await expectNothingWritten(() => postCase([companyCaseBody()]));

      expectProblem(res, 400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('rejects a registration sent without a JSON content type', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/cases', {
          token: registrar.token,
          rawBody: JSON.stringify(companyCaseBody()),
          headers: { 'content-type': 'text/plain' },
        }),
      );

      expectFieldError(res, 'kind');
    });

    it('rejects a field the schema does not know, naming it, so a misspelling is never dropped silently', async () => {
      const before = await tableCounts(app);

      const res = await postCase(companyCaseBody({ recievedAt: '2026-11-02T09:15:00+01:00' }));

      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('recievedAt');
      expect(await tableCounts(app)).toEqual(before);
    });

    it('accepts the longest subject and description and a receivedAt of exactly now', async () => {
      const body = companyCaseBody({
        subject: 's'.repeat(300),
        description: 'd'.repeat(20_000),
        receivedAt: '2026-11-20T08:00:00Z',
      });

      const res = await postCase(body);

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.subject).toHaveLength(300);
      expect(res.body.description).toHaveLength(20_000);
      expect(new Date(res.body.receivedAt).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    });

    it.each([
      { given: '556036-0793', expected: '556036-0793' },
      { given: '5560360793', expected: '556036-0793' },
      { given: '165560360793', expected: '556036-0793' },
      { given: ' 556036-0793 ', expected: '556036-0793' },
      { given: '212000-0142', expected: '212000-0142' },
      { given: '2120000142', expected: '212000-0142' },
    ])('accepts the organisation number $given and returns it as $expected', async ({ given, expected }) => {
      const res = await postCase(companyCaseBody({ company: { orgNumber: given, name: 'Ett Bolag AB' } }));

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // The same number may be known already under another name, which it keeps; the case keeps the name given.
      expect(res.body.company).toEqual({
        id: expect.any(String),
        orgNumber: expected,
        name: expect.any(String),
        nameGiven: 'Ett Bolag AB',
        idKind: 'organisation',
      });
      expect(res.headers.get('location')).toBe(`/api/cases/${res.body.id}`);
    });

    it("returns a sole trader's personnummer in full on the case and masked in the list", async () => {
      const created = await postCase(
        companyCaseBody({ company: { orgNumber: '19121212-1212', name: 'Tolvans Måleri' }, surveyConsent: false }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const one = await app.request('GET', `/api/cases/${created.body.id}`, { token: registrar.token });
      const list = await app.request('GET', `/api/cases?q=${created.body.reference}`, { token: registrar.token });

      expect(created.body.company).toEqual({
        id: expect.any(String),
        orgNumber: '19121212-1212',
        name: 'Tolvans Måleri',
        nameGiven: 'Tolvans Måleri',
        idKind: 'sole_trader',
      });
      expect(one.status).toBe(200);
      expect(one.body.company.orgNumber).toBe('19121212-1212');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: Body) => c.id)).toEqual([created.body.id]);
      expect(list.body.items[0].company).toEqual({
        id: created.body.company.id,
        orgNumber: '19121212-****',
        name: 'Tolvans Måleri',
        nameGiven: 'Tolvans Måleri',
        idKind: 'sole_trader',
      });
      expect(JSON.stringify(list.body)).not.toContain('1212-1212');
    });

    it('accepts a short-form personnummer of a sole trader', async () => {
      const res = await postCase(
        companyCaseBody({ company: { orgNumber: '121212-1212', name: 'Tolvans Snickeri' }, surveyConsent: true }),
      );

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.company.idKind).toBe('sole_trader');
      expect(res.body.company.orgNumber).toBe('20121212-1212');
    });
  });

  describe('sending an event', () => {
    /** Sends a body to the case and asserts a 400 naming `path`, with the case, its history and every table untouched. */
    async function expectRejectedEvent(user: TestUser, c: Body, body: unknown, path: string): Promise<void> {
      const id = c.id as string;
      const before = await app.request('GET', `/api/cases/${id}`, { token: user.token });
      const historyBefore = await app.request('GET', `/api/cases/${id}/history`, { token: user.token });

      const res = await expectNothingWritten(() =>
        app.request('POST', `/api/cases/${id}/events`, { token: user.token, body }),
      );

      expectFieldError(res, path);
      const after = await app.request('GET', `/api/cases/${id}`, { token: user.token });
      const historyAfter = await app.request('GET', `/api/cases/${id}/history`, { token: user.token });
      expect(after.body.version).toBe(before.body.version);
      expect(after.body.status).toBe(before.body.status);
      expect(after.body.assignee).toEqual(before.body.assignee);
      expect(historyAfter.body.items).toEqual(historyBefore.body.items);
    }

    it('rejects an unknown event type', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(registrar, c, { type: 'ESCALATE', expectedVersion: c.version }, 'type');
    });

    it('rejects an event type that is not upper-case', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(registrar, c, { type: 'route', expectedVersion: c.version, unit: 'bygglov' }, 'type');
    });

    it('rejects a complaint event sent to a company case', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(
        registrar,
        c,
        { type: 'DISSATISFIED', expectedVersion: c.version, reason: 'Inte nöjd.' },
        'type',
      );
    });

    it('rejects an event without expectedVersion', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(registrar, c, { type: 'ROUTE', unit: 'bygglov' }, 'expectedVersion');
    });

    it('rejects an expectedVersion that is not a positive integer', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(
        registrar,
        c,
        { type: 'ROUTE', expectedVersion: '1', unit: 'bygglov' },
        'expectedVersion',
      );
      await expectRejectedEvent(
        registrar,
        c,
        { type: 'ROUTE', expectedVersion: 0, unit: 'bygglov' },
        'expectedVersion',
      );
    });

    it('rejects a decision without reasoning', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'DECIDE', expectedVersion: c.version, outcome: 'approved' },
        'reasoning',
      );
    });

    it('rejects a decision whose reasoning is only whitespace', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'DECIDE', expectedVersion: c.version, outcome: 'approved', reasoning: '   ' },
        'reasoning',
      );
    });

    it('rejects a decision with an unknown outcome', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'DECIDE', expectedVersion: c.version, outcome: 'maybe', reasoning: 'Skäl.' },
        'outcome',
      );
    });

    it('rejects a reopening without reason', async () => {
      const c = await closedCase();

      await expectRejectedEvent(officer, c, { type: 'REOPEN', expectedVersion: c.version }, 'reason');
    });

    it('rejects a withdrawal without reason', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(registrar, c, { type: 'WITHDRAW', expectedVersion: c.version }, 'reason');
    });

    it('rejects a deadline extension without reason', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'EXTEND_DEADLINE', expectedVersion: c.version, weeks: 4 },
        'reason',
      );
    });

    it('rejects a deadline extension of more than ten weeks', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'EXTEND_DEADLINE', expectedVersion: c.version, reason: 'Komplex ansökan.', weeks: 11 },
        'weeks',
      );
    });

    it('rejects routing to an unknown unit', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(registrar, c, { type: 'ROUTE', expectedVersion: c.version, unit: 'nowhere' }, 'unit');
    });

    it('rejects a NUL character in an event text instead of failing in the database', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(
        registrar,
        c,
        { type: 'RESOLVE_AT_FIRST_CONTACT', expectedVersion: c.version, resolution: 'Svar\u0000givet' },
        'resolution',
      );
    });

    it('rejects a field the event does not have', async () => {
      const c = await register(app, registrar, companyCaseBody());

      await expectRejectedEvent(
        registrar,
        c,
        { type: 'ROUTE', expectedVersion: c.version, unit: 'bygglov', priority: 'high' },
        'priority',
      );
    });

    it('rejects an assignment to something that is not a user id', async () => {
      const c = await routedCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'ASSIGN', expectedVersion: c.version, assigneeId: 'anna' },
        'assigneeId',
      );
    });

    it('rejects an assignment to an unknown user', async () => {
      const c = await routedCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'ASSIGN', expectedVersion: c.version, assigneeId: randomUUID() },
        'assigneeId',
      );
    });

    it("rejects an assignment to an officer of another unit than the case's", async () => {
      const c = await routedCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'ASSIGN', expectedVersion: c.version, assigneeId: otherUnitOfficer.id },
        'assigneeId',
      );
    });

    it('rejects an assignment to a registrar', async () => {
      const c = await routedCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'ASSIGN', expectedVersion: c.version, assigneeId: registrar.id },
        'assigneeId',
      );
    });

    it('rejects an assignment to another unit officer of a case already in progress', async () => {
      const c = await inProgressCase();

      await expectRejectedEvent(
        officer,
        c,
        { type: 'ASSIGN', expectedVersion: c.version, assigneeId: otherUnitOfficer.id },
        'assigneeId',
      );
    });
  });

  describe('malformed and oversized requests', () => {
    it('rejects a registration whose body is not valid JSON', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/cases', { token: registrar.token, rawBody: '{"kind": "company_case",' }),
      );

      expectProblem(res, 400);
    });

    it('rejects an event whose body is not valid JSON', async () => {
      const c = await register(app, registrar, companyCaseBody());

      const res = await expectNothingWritten(() =>
        app.request('POST', `/api/cases/${c.id}/events`, { token: registrar.token, rawBody: "{type: 'ROUTE'}" }),
      );

      expectProblem(res, 400);
      const after = await app.request('GET', `/api/cases/${c.id}`, { token: registrar.token });
      expect(after.body.version).toBe(c.version);
    });

    it('rejects a body over the size limit with 413', async () => {
      const body = companyCaseBody({ description: 'x'.repeat(110 * 1024) });

      const res = await expectNothingWritten(() => app.request('POST', '/api/cases', { token: registrar.token, body }));

      expectProblem(res, 413);
    });

    it('refuses a body just under the size limit by its schema, not by its size', async () => {
      // Under 100 kb but over the description's own limit: the schema, not the size, refuses it.
      const body = companyCaseBody({ description: 'x'.repeat(90 * 1024) });

      const res = await expectNothingWritten(() => app.request('POST', '/api/cases', { token: registrar.token, body }));

      expectFieldError(res, 'description');
    });
  });

  describe('list and calendar queries', () => {
    const badListQueries = [
      { query: 'limit=0', path: 'query.limit' },
      { query: 'limit=1000', path: 'query.limit' },
      { query: 'limit=ten', path: 'query.limit' },
      { query: 'kind=x', path: 'query.kind' },
      { query: 'category=fiskevard', path: 'query.category' },
      { query: 'assignee=x', path: 'query.assignee' },
      { query: 'status=Not%20A%20State', path: 'query.status' },
      { query: 'colour=red', path: 'query.colour' },
      { query: 'cursor=garbage', path: 'query.cursor' },
    ];

    it.each(badListQueries)('rejects the list query $query naming $path', async ({ query, path }) => {
      await register(app, registrar, companyCaseBody());

      const res = await app.request('GET', `/api/cases?${query}`, { token: registrar.token });

      expectFieldError(res, path);
    });

    it('rejects a cursor that decodes to JSON but names no position in the list', async () => {
      await register(app, registrar, companyCaseBody());
      const forged = Buffer.from(JSON.stringify({ c: 'yesterday', i: 'not-a-uuid' })).toString('base64url');

      const res = await app.request('GET', `/api/cases?cursor=${forged}`, { token: registrar.token });

      expectFieldError(res, 'query.cursor');
    });

    it('rejects a search term with a NUL character instead of failing in the database', async () => {
      const res = await app.request('GET', '/api/cases?q=Saab%00', { token: registrar.token });

      expectFieldError(res, 'query.q');
    });

    it('rejects a calendar year that is not a number', async () => {
      const res = await app.request('GET', '/api/calendar/non-working-days?year=abc');

      expectFieldError(res, 'query.year');
    });

    it('rejects a calendar request without year', async () => {
      const res = await app.request('GET', '/api/calendar/non-working-days');

      expectFieldError(res, 'query.year');
    });
  });

  describe('unknown ids, credentials and routes', () => {
    const unknownIds = [
      { label: 'a random uuid', id: randomUUID() },
      { label: 'an unknown reference', id: 'HS-2026-999999' },
      { label: 'garbage', id: 'garbage' },
    ];

    it.each(unknownIds)('answers 404 for $label on the case, its history and its events', async ({ id }) => {
      const one = await app.request('GET', `/api/cases/${id}`, { token: registrar.token });
      const history = await app.request('GET', `/api/cases/${id}/history`, { token: registrar.token });
      const event = await expectNothingWritten(() =>
        app.request('POST', `/api/cases/${id}/events`, {
          token: registrar.token,
          body: { type: 'ROUTE', expectedVersion: 1, unit: 'bygglov' },
        }),
      );

      expectProblem(one, 404);
      expectProblem(history, 404);
      expectProblem(event, 404);
    });

    it('answers 400, not 500, for a case id with a broken percent-escape', async () => {
      const res = await app.request('GET', '/api/cases/%E0%A4%A', { token: registrar.token });

      expectProblem(res, 400);
    });

    it('answers 401 without a token', async () => {
      const list = await app.request('GET', '/api/cases');
      const create = await expectNothingWritten(() => app.request('POST', '/api/cases', { body: companyCaseBody() }));

      expectProblem(list, 401);
      expectProblem(create, 401);
    });

    it('answers 401 for a wrong token', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/cases', { token: 'hs_not-a-real-token', body: companyCaseBody() }),
      );

      expectProblem(res, 401);
    });

    it('answers 401 for credentials that are not a bearer token', async () => {
      const res = await app.request('GET', '/api/cases', {
        headers: { authorization: `Basic ${Buffer.from('anna:hemligt').toString('base64')}` },
      });

      expectProblem(res, 401);
    });

    it('answers 404 problem+json for an unknown route', async () => {
      const api = await app.request('GET', '/api/does-not-exist', { token: registrar.token });
      const outside = await app.request('POST', '/nothing-here', { body: {} });

      expectProblem(api, 404);
      expectProblem(outside, 404);
    });
  });
});
