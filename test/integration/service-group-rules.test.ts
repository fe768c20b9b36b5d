import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { DEFAULT_NOW, startTestApp, type ApiResponse, type TestApp, type TestUser } from '../support/test-app.js';

type Body = Record<string, any>;

/** Every error answer is RFC 9457 problem+json whose `status` repeats the HTTP status. */
function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(res.body.detail.length).toBeGreaterThan(0);
}

/** A 400 whose `errors` name `path` (among possibly others), each with a message. */
function expectFieldError(res: ApiResponse, path: string): void {
  expectProblem(res, 400);
  expect(Array.isArray(res.body.errors), JSON.stringify(res.body)).toBe(true);
  for (const e of res.body.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

/** A 409 for something that already exists, as opposed to a stale version. */
function expectConflict(res: ApiResponse): void {
  expectProblem(res, 409);
  expect(res.body.type).toMatch(/\/conflict$/);
}

const without = (body: Body, key: string): Body => {
  const { [key]: _dropped, ...rest } = body;
  return rest;
};

const sorted = (xs: string[]) => [...xs].sort();

// Every table the service group or a case can write to.
const tables = [
  'cases',
  'companies',
  'contacts',
  'case_events',
  'outbox',
  'notifications',
  'deadlines',
  'escalations',
  'escalation_cases',
  'escalation_events',
  'escalation_actions',
  'service_group_members',
  'category_units',
  'reference_counters',
] as const;

async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await app.ctx.db(t).count({ n: '*' });
    out[t] = Number((row as { n: number | string }).n);
  }
  return out;
}

/** A company of its own for each test: an organisation number that passes the Luhn check. */
let companySeq = 0;
function newCompany(): { orgNumber: string; name: string } {
  companySeq += 1;
  const nine = `559${String(companySeq).padStart(6, '0')}`;
  let sum = 0;
  for (const [i, ch] of [...nine].entries()) {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return { orgNumber: `${nine}${(10 - (sum % 10)) % 10}`, name: `Bolag ${companySeq} AB` };
}

const reason = 'Tre enheter ställer krav på samma lokal.';
const meeting = {
  startsAt: '2026-11-27T10:00:00+01:00',
  endsAt: '2026-11-27T11:30:00+01:00',
  location: 'Rådhuset, sal 3',
};

describe('"dukat bord": input validation, roles and error answers', () => {
  let app: TestApp;
  let desk: TestUser;
  let coordinator: TestUser;
  let admin: TestUser;
  let bygg: TestUser;
  let livs: TestUser;
  let manager: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    desk = await app.user('registrar');
    coordinator = await app.user('coordinator', null, 'Sara Samordnare');
    admin = await app.user('admin');
    bygg = await app.user('officer', 'bygglov', 'Bo Bygg');
    livs = await app.user('officer', 'livsmedel', 'Lisa Livs');
    manager = await app.user('manager', 'bygglov');
    outsider = await app.user('officer', 'upphandling');
    for (const [u, unit, title] of [
      [bygg, 'bygglov', 'Bygglovshandläggare'],
      [livs, 'livsmedel', 'Livsmedelsinspektör'],
    ] as const) {
      const res = await app.request('PUT', `/api/service-group/units/${unit}/members/${u.id}`, {
        token: coordinator.token,
        body: { title },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
  afterEach(() => {
    app.clock.set(DEFAULT_NOW);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Runs `act` and asserts that not a single row was written anywhere. */
  async function expectNothingWritten<T>(act: () => Promise<T>): Promise<T> {
    const before = await rowCounts(app);
    const result = await act();
    expect(await rowCounts(app)).toEqual(before);
    return result;
  }

  const getTable = (user: TestUser, id: string) => app.request('GET', `/api/escalations/${id}`, { token: user.token });
  const historyOf = async (id: string) =>
    (await app.request('GET', `/api/escalations/${id}/history`, { token: coordinator.token })).body.items as Body[];
  const listFor = async (user: TestUser, query: string) =>
    app.request('GET', `/api/escalations?${query}`, { token: user.token });

  const companyCase = (company = newCompany(), overrides: Body = {}) =>
    register(app, desk, companyCaseBody({ company, ...overrides }));
  const routedCase = async (company = newCompany(), unit = 'bygglov') =>
    send(app, desk, (await companyCase(company)).id, 'ROUTE', { unit });
  const closedCase = async (company = newCompany()) =>
    send(app, desk, (await companyCase(company)).id, 'WITHDRAW', { reason: 'Ansökan återkallad per telefon.' });

  async function requestFor(c: Body, otherCaseIds?: string[], user = desk): Promise<Body> {
    const res = await app.request('POST', '/api/escalations', {
      token: user.token,
      body: { caseId: c.id, reason, ...(otherCaseIds ? { otherCaseIds } : {}) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  /** Sends an event with the table's current version and fails loudly if it is refused. */
  async function step(esc: Body, type: string, payload: Body = {}, user = coordinator): Promise<Body> {
    const current = await getTable(user, esc.id);
    const res = await app.request('POST', `/api/escalations/${esc.id}/events`, {
      token: user.token,
      body: { type, expectedVersion: current.body.version, ...payload },
    });
    if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const requested = async () => requestFor(await routedCase());
  const composing = async () => step(await requested(), 'ACCEPT');
  const withParticipants = async () =>
    step(await composing(), 'SET_PARTICIPANTS', { participantIds: [bygg.id, livs.id] });
  const scheduled = async () => step(await withParticipants(), 'SCHEDULE', meeting);
  /** The meeting has begun by the injected clock; only then can it be marked held. */
  const meetingBegun = () => app.clock.set(meeting.startsAt);
  const held = async () => {
    app.clock.set(DEFAULT_NOW);
    const esc = await scheduled();
    meetingBegun();
    return step(esc, 'HOLD', { attendeeIds: [bygg.id], companyAttended: true });
  };
  const followUp = async () =>
    step(await held(), 'RECORD_OUTCOME', {
      summary: 'Vi gick igenom lokalen.',
      actions: [
        { description: 'Skicka reviderad planritning', ownerIsCompany: true, dueDate: '2026-12-04' },
        { description: 'Boka gemensamt platsbesök', ownerId: bygg.id, dueDate: '2026-12-08' },
      ],
    });

  /**
   * Sends `body` to the table and asserts the refusal: a 400 naming `path`, or a problem with
   * `status`; the table, its history and every table in the database stay as they were.
   */
  async function expectRefusedBody(
    user: TestUser,
    esc: Body,
    body: unknown,
    status: number,
    path?: string,
  ): Promise<ApiResponse> {
    const before = (await getTable(coordinator, esc.id)).body;
    const historyBefore = await historyOf(esc.id);
    const countsBefore = await rowCounts(app);

    const res = await app.request('POST', `/api/escalations/${esc.id}/events`, { token: user.token, body });

    if (path) expectFieldError(res, path);
    else expectProblem(res, status);
    expect(res.status).toBe(status);
    expect(await rowCounts(app)).toEqual(countsBefore);
    const after = (await getTable(coordinator, esc.id)).body;
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    expect(after.cases).toEqual(before.cases);
    expect(after.participants).toEqual(before.participants);
    expect(after.meeting).toEqual(before.meeting);
    expect(await historyOf(esc.id)).toEqual(historyBefore);
    return res;
  }

  const expectRefused = (user: TestUser, esc: Body, type: string, payload: Body, status: number, path?: string) =>
    expectRefusedBody(user, esc, { type, expectedVersion: esc.version, ...payload }, status, path);

  describe('asking for a table (POST /api/escalations)', () => {
    const invalidRequests: Array<{ name: string; build: () => Promise<unknown>; path: string }> = [
      { name: 'a request without reason', build: async () => ({ caseId: (await routedCase()).id }), path: 'reason' },
      { name: 'an empty reason', build: async () => ({ caseId: (await routedCase()).id, reason: '' }), path: 'reason' },
      {
        name: 'a reason of only whitespace',
        build: async () => ({ caseId: (await routedCase()).id, reason: '   ' }),
        path: 'reason',
      },
      {
        name: 'a reason with a NUL character',
        build: async () => ({ caseId: (await routedCase()).id, reason: 'Tre\u0000enheter' }),
        path: 'reason',
      },
      { name: 'a request without caseId', build: async () => ({ reason }), path: 'caseId' },
      { name: 'an unknown case id', build: async () => ({ caseId: randomUUID(), reason }), path: 'caseId' },
      { name: 'an unknown case reference', build: async () => ({ caseId: 'HS-2026-999999', reason }), path: 'caseId' },
      { name: 'a garbage case id', build: async () => ({ caseId: 'garbage', reason }), path: 'caseId' },
      {
        name: 'a complaint',
        build: async () => ({
          caseId: (await register(app, desk, complaintBody({ company: newCompany() }))).id,
          reason,
        }),
        path: 'caseId',
      },
      {
        name: 'a complaint without company',
        build: async () => ({ caseId: (await register(app, desk, without(complaintBody(), 'company'))).id, reason }),
        path: 'caseId',
      },
      { name: 'a closed case', build: async () => ({ caseId: (await closedCase()).id, reason }), path: 'caseId' },
      {
        name: "another company's case among otherCaseIds",
        build: async () => ({ caseId: (await routedCase()).id, reason, otherCaseIds: [(await routedCase()).id] }),
        path: 'otherCaseIds.0',
      },
      {
        name: 'an unknown case second among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return {
            caseId: (await routedCase(company)).id,
            reason,
            otherCaseIds: [(await companyCase(company)).id, randomUUID()],
          };
        },
        path: 'otherCaseIds.1',
      },
      {
        name: 'a closed case of the company among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return { caseId: (await routedCase(company)).id, reason, otherCaseIds: [(await closedCase(company)).id] };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'a complaint of the same company among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return {
            caseId: (await routedCase(company)).id,
            reason,
            otherCaseIds: [(await register(app, desk, complaintBody({ company }))).id],
          };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'the primary case again among otherCaseIds, by reference',
        build: async () => {
          const c = await routedCase();
          return { caseId: c.id, reason, otherCaseIds: [c.reference] };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'the same other case twice',
        build: async () => {
          const company = newCompany();
          const other = await companyCase(company);
          return { caseId: (await routedCase(company)).id, reason, otherCaseIds: [other.id, other.reference] };
        },
        path: 'otherCaseIds.1',
      },
      {
        name: 'otherCaseIds that is not an array',
        build: async () => ({ caseId: (await routedCase()).id, reason, otherCaseIds: 'HS-2026-000001' }),
        path: 'otherCaseIds',
      },
      {
        name: 'a field the request does not have',
        build: async () => ({ caseId: (await routedCase()).id, reason, priority: 'high' }),
        path: 'priority',
      },
    ];

    it.each(invalidRequests)('rejects $name with 400 naming $path and writes nothing', async ({ build, path }) => {
      const body = await build();
      const before = await rowCounts(app);

      const res = await app.request('POST', '/api/escalations', { token: desk.token, body });

      expectFieldError(res, path);
      expect(await rowCounts(app)).toEqual(before);
    });

    it('rejects a body that is not valid JSON with 400', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, rawBody: '{"caseId": ' }),
      );

      expectProblem(res, 400);
    });

    it('answers an officer who asks for a case of another unit as if the case did not exist', async () => {
      const c = await routedCase(newCompany(), 'livsmedel');

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: bygg.token, body: { caseId: c.id, reason } }),
      );

      expectFieldError(res, 'caseId');
      expect(JSON.stringify(res.body)).not.toContain(c.reference);
    });

    it('answers 409 conflict, naming the open table, for a case already at one', async () => {
      const c = await routedCase();
      const first = await requestFor(c);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.reference, reason } }),
      );

      expectConflict(res);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['caseId']);
      expect(res.body.escalationId).toBe(first.id);
    });

    it('answers 409 conflict for another case of the company that already sits at an open table', async () => {
      const company = newCompany();
      const atTable = await routedCase(company);
      await requestFor(atTable);
      const fresh = await routedCase(company);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', {
          token: desk.token,
          body: { caseId: fresh.id, reason, otherCaseIds: [atTable.id] },
        }),
      );

      expectConflict(res);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherCaseIds.0']);
    });

    it('lets a case come to a new table once its last one was declined', async () => {
      const c = await routedCase();
      await step(await requestFor(c), 'DECLINE', { reason: 'Ärendet klaras inom enheten.' });

      const res = await app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } });

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.status).toBe('requested');
    });

    it('lets an officer ask for a table for a case of their unit, recorded as theirs', async () => {
      const c = await routedCase();

      const res = await app.request('POST', '/api/escalations', { token: bygg.token, body: { caseId: c.id, reason } });

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ origin: 'manual', requestedBy: { id: bygg.id }, allowedEvents: [] });
    });

    it('answers 401 without a token and writes nothing', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { body: { caseId: c.id, reason } }),
      );

      expectProblem(res, 401);
    });
  });

  describe('sending an event (POST /api/escalations/:id/events)', () => {
    describe('the envelope', () => {
      it('rejects an unknown event type naming type', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'ESCALATE', {}, 400, 'type');
      });

      it('rejects a case event sent to a table naming type', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'ROUTE', { unit: 'bygglov' }, 400, 'type');
      });

      it('rejects ACTION_DONE from a client: only Handslag sends it', async () => {
        const esc = await followUp();

        await expectRefused(coordinator, esc, 'ACTION_DONE', { openActions: 0 }, 400, 'type');
      });

      it('rejects an event type that is not upper-case', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'accept', {}, 400, 'type');
      });

      it('rejects an event without expectedVersion', async () => {
        const esc = await requested();

        await expectRefusedBody(coordinator, esc, { type: 'ACCEPT' }, 400, 'expectedVersion');
      });

      it('rejects a field the event does not have', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'ACCEPT', { priority: 'high' }, 400, 'priority');
      });

      it('rejects a body that is not valid JSON', async () => {
        const esc = await requested();

        const res = await expectNothingWritten(() =>
          app.request('POST', `/api/escalations/${esc.id}/events`, {
            token: coordinator.token,
            rawBody: "{type: 'ACCEPT'}",
          }),
        );

        expectProblem(res, 400);
      });

      it('answers 400 naming params.id for an id that is not a uuid', async () => {
        const res = await expectNothingWritten(() =>
          app.request('POST', '/api/escalations/HS-2026-000001/events', {
            token: coordinator.token,
            body: { type: 'ACCEPT', expectedVersion: 1 },
          }),
        );

        expectFieldError(res, 'params.id');
      });

      it('answers 404 for an unknown table', async () => {
        const res = await expectNothingWritten(() =>
          app.request('POST', `/api/escalations/${randomUUID()}/events`, {
            token: coordinator.token,
            body: { type: 'ACCEPT', expectedVersion: 1 },
          }),
        );

        expectProblem(res, 404);
      });

      it('answers 401 without a token', async () => {
        const esc = await requested();

        await expectRefusedBody(
          { ...coordinator, token: '' },
          esc,
          { type: 'ACCEPT', expectedVersion: esc.version },
          401,
        );
      });
    });

    describe('roles', () => {
      it.each(['desk', 'officer', 'manager'] as const)(
        'forbids the %s to run the table: 403 and nothing written',
        async (who) => {
          const user = { desk, officer: bygg, manager }[who];
          const esc = await requested();
          expect((await getTable(user, esc.id)).status).toBe(200);

          await expectRefused(user, esc, 'ACCEPT', {}, 403);
        },
      );

      it('forbids an officer who sits at the table to cancel it', async () => {
        const esc = await scheduled();

        await expectRefused(livs, esc, 'CANCEL', { reason: 'Jag kan inte.' }, 403);
      });

      it('answers 404, not 403, to an officer who cannot see the table', async () => {
        const esc = await requested();

        await expectRefused(outsider, esc, 'ACCEPT', {}, 404);
      });

      it('lets an admin run the table', async () => {
        const esc = await requested();

        const res = await app.request('POST', `/api/escalations/${esc.id}/events`, {
          token: admin.token,
          body: { type: 'ACCEPT', expectedVersion: esc.version },
        });

        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.status).toBe('composing');
      });
    });

    describe('versions and states', () => {
      it('answers 409 with currentVersion for a stale expectedVersion', async () => {
        const first = await requested();
        const now = await step(first, 'ACCEPT');

        const res = await expectRefused(coordinator, first, 'SET_PARTICIPANTS', { participantIds: [bygg.id] }, 409);

        expect(res.body.type).toMatch(/\/version-conflict$/);
        expect(res.body.currentVersion).toBe(now.version);
        expect(now.version).toBe(first.version + 1);
      });

      it('answers 409 for an expectedVersion ahead of the table', async () => {
        const esc = await requested();

        const res = await expectRefusedBody(
          coordinator,
          esc,
          { type: 'ACCEPT', expectedVersion: esc.version + 1 },
          409,
        );

        expect(res.body.currentVersion).toBe(esc.version);
      });

      it('answers 422 for SCHEDULE while the request is not yet accepted', async () => {
        const esc = await requested();

        const res = await expectRefused(coordinator, esc, 'SCHEDULE', meeting, 422);

        expect(res.body.type).toMatch(/\/event-not-accepted$/);
      });

      it('answers 422 for HOLD while the table is being composed', async () => {
        const esc = await withParticipants();

        await expectRefused(coordinator, esc, 'HOLD', { attendeeIds: [bygg.id], companyAttended: true }, 422);
      });

      it('answers 422 for SCHEDULE before anyone is invited', async () => {
        const esc = await composing();

        await expectRefused(coordinator, esc, 'SCHEDULE', meeting, 422);
      });

      it('answers 422 for ACCEPT of a request already accepted', async () => {
        const esc = await composing();

        await expectRefused(coordinator, esc, 'ACCEPT', {}, 422);
      });

      it('answers 422 for RECORD_OUTCOME before the meeting is held', async () => {
        const esc = await scheduled();

        await expectRefused(coordinator, esc, 'RECORD_OUTCOME', { summary: 'Inget möte än.', actions: [] }, 422);
      });

      it('declines a request, and the declined table then accepts no event', async () => {
        const esc = await requested();

        const declined = await step(esc, 'DECLINE', { reason: 'Ärendet klaras inom enheten.' });

        expect(declined).toMatchObject({
          status: 'declined',
          open: false,
          declineReason: 'Ärendet klaras inom enheten.',
          allowedEvents: [],
        });
        expect(declined.closedAt).toBe(new Date(DEFAULT_NOW).toISOString());
        await expectRefused(coordinator, declined, 'ACCEPT', {}, 422);
        await expectRefused(coordinator, declined, 'DECLINE', { reason: 'Igen.' }, 422);
        await expectRefused(coordinator, declined, 'CANCEL', { reason: 'Inställt.' }, 422);
        await expectRefused(coordinator, declined, 'SET_PARTICIPANTS', { participantIds: [bygg.id] }, 422);
      });

      it('refuses to attach a case to a declined table with 422', async () => {
        const company = newCompany();
        const esc = await requestFor(await routedCase(company));
        const declined = await step(esc, 'DECLINE', { reason: 'Ärendet klaras inom enheten.' });
        const other = await companyCase(company);

        await expectRefused(coordinator, declined, 'ATTACH_CASE', { caseId: other.id }, 422);
      });

      it('rejects a DECLINE without reason naming reason', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'DECLINE', {}, 400, 'reason');
      });

      it('cancels a table that is being composed', async () => {
        const esc = await withParticipants();

        const cancelled = await step(esc, 'CANCEL', { reason: 'Företaget har dragit tillbaka sina ansökningar.' });

        expect(cancelled).toMatchObject({
          status: 'cancelled',
          open: false,
          cancelReason: 'Företaget har dragit tillbaka sina ansökningar.',
          allowedEvents: [],
          sequence: 0,
        });
        await expectRefused(coordinator, cancelled, 'SCHEDULE', meeting, 422);
      });
    });

    describe('participants', () => {
      it('rejects an unknown user among participantIds naming its index', async () => {
        const esc = await composing();

        await expectRefused(
          coordinator,
          esc,
          'SET_PARTICIPANTS',
          { participantIds: [bygg.id, randomUUID()] },
          400,
          'participantIds.1',
        );
      });

      it('rejects a participant id that is not a uuid', async () => {
        const esc = await composing();

        await expectRefused(
          coordinator,
          esc,
          'SET_PARTICIPANTS',
          { participantIds: ['bo.bygg'] },
          400,
          'participantIds.0',
        );
      });

      it('rejects an empty list of participants', async () => {
        const esc = await composing();

        await expectRefused(coordinator, esc, 'SET_PARTICIPANTS', { participantIds: [] }, 400, 'participantIds');
      });

      it('rejects an unknown user among the participants of a new time', async () => {
        const esc = await scheduled();

        await expectRefused(
          coordinator,
          esc,
          'RESCHEDULE',
          {
            ...meeting,
            startsAt: '2026-11-30T10:00:00+01:00',
            endsAt: '2026-11-30T11:00:00+01:00',
            participantIds: [randomUUID()],
          },
          400,
          'participantIds.0',
        );
      });
    });

    describe('the meeting', () => {
      it('rejects a meeting that started before the clock, naming startsAt', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, startsAt: '2026-11-20T08:30:00+01:00', endsAt: '2026-11-20T10:00:00+01:00' },
          400,
          'startsAt',
        );
      });

      it('rejects a meeting starting exactly now', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, startsAt: DEFAULT_NOW, endsAt: '2026-11-20T10:00:00+01:00' },
          400,
          'startsAt',
        );
      });

      it('judges "in the past" by the injected clock, not by the wall clock', async () => {
        const esc = await withParticipants();
        app.clock.set('2027-03-01T09:00:00+01:00');

        // 2027-02-01 lies ahead of the wall clock but behind Handslag's clock.
        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, startsAt: '2027-02-01T10:00:00+01:00', endsAt: '2027-02-01T11:00:00+01:00' },
          400,
          'startsAt',
        );
      });

      it('accepts a meeting a moment after the clock even when the wall clock has passed it', async () => {
        const esc = await withParticipants();

        const booked = await step(esc, 'SCHEDULE', {
          ...meeting,
          startsAt: '2026-11-20T09:30:00+01:00',
          endsAt: '2026-11-20T10:30:00+01:00',
        });

        expect(booked).toMatchObject({ status: 'scheduled', meeting: { startsAt: '2026-11-20T08:30:00.000Z' } });
      });

      it('rejects a meeting ending before it starts, naming endsAt', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, endsAt: '2026-11-27T09:00:00+01:00' },
          400,
          'endsAt',
        );
      });

      it('rejects a meeting ending when it starts', async () => {
        const esc = await withParticipants();

        await expectRefused(coordinator, esc, 'SCHEDULE', { ...meeting, endsAt: meeting.startsAt }, 400, 'endsAt');
      });

      it('rejects a meeting over eight hours', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, endsAt: '2026-11-27T18:01:00+01:00' },
          400,
          'endsAt',
        );
      });

      it('rejects a meeting with neither location nor videoUrl, naming location', async () => {
        const esc = await withParticipants();

        await expectRefused(coordinator, esc, 'SCHEDULE', without(meeting, 'location'), 400, 'location');
      });

      it('rejects a video link that is not https', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...without(meeting, 'location'), videoUrl: 'http://mote.kommun.example/dukat-bord' },
          400,
          'videoUrl',
        );
      });

      it('rejects a start without offset', async () => {
        const esc = await withParticipants();

        await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { ...meeting, startsAt: '2026-11-27T10:00:00' },
          400,
          'startsAt',
        );
      });

      it('reports a bad start, end and place at once', async () => {
        const esc = await withParticipants();

        const res = await expectRefused(
          coordinator,
          esc,
          'SCHEDULE',
          { startsAt: '2026-11-19T10:00:00+01:00', endsAt: '2026-11-19T09:00:00+01:00' },
          400,
          'location',
        );

        expectFieldError(res, 'endsAt');
      });

      it('accepts a meeting by video link only', async () => {
        const esc = await withParticipants();

        const booked = await step(esc, 'SCHEDULE', {
          ...without(meeting, 'location'),
          videoUrl: 'https://mote.kommun.example/dukat-bord',
        });

        expect(booked.meeting).toMatchObject({ location: null, videoUrl: 'https://mote.kommun.example/dukat-bord' });
      });
    });

    describe('holding the meeting', () => {
      it('rejects an attendee who was not invited, naming the index', async () => {
        const esc = await scheduled();
        meetingBegun();

        await expectRefused(
          coordinator,
          esc,
          'HOLD',
          { attendeeIds: [bygg.id, outsider.id], companyAttended: true },
          400,
          'attendeeIds.1',
        );
      });

      it('answers 422 for HOLD before the meeting has begun by the clock', async () => {
        const esc = await scheduled();

        await expectRefused(coordinator, esc, 'HOLD', { attendeeIds: [bygg.id], companyAttended: true }, 422);
      });

      it('rejects HOLD without companyAttended', async () => {
        const esc = await scheduled();
        meetingBegun();

        await expectRefused(coordinator, esc, 'HOLD', { attendeeIds: [bygg.id] }, 400, 'companyAttended');
      });
    });

    describe('recording the outcome', () => {
      const action = (overrides: Body = {}) => ({
        description: 'Skicka reviderad planritning',
        ownerIsCompany: true,
        dueDate: '2026-12-04',
        ...overrides,
      });
      const outcome = (actions: Body[]) => ({ summary: 'Vi gick igenom lokalen.', actions });

      it('rejects an action due yesterday by the clock, naming its dueDate', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action(), action({ dueDate: '2026-11-19' })]),
          400,
          'actions.1.dueDate',
        );
      });

      it('judges a due date by the day in Stockholm, where it is already tomorrow', async () => {
        const esc = await held();
        // 23:30 UTC on 20 November is 00:30 on 21 November in Stockholm.
        app.clock.set('2026-11-20T23:30:00Z');

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action({ dueDate: '2026-11-20' })]),
          400,
          'actions.0.dueDate',
        );
        const res = await step(esc, 'RECORD_OUTCOME', outcome([action({ dueDate: '2026-11-21' })]));
        expect(res.actions).toMatchObject([{ dueDate: '2026-11-21', overdue: false }]);
      });

      it('rejects a date that does not exist', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action({ dueDate: '2026-02-30' })]),
          400,
          'actions.0.dueDate',
        );
      });

      it('rejects a due date that is not a date', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action({ dueDate: 'nästa vecka' })]),
          400,
          'actions.0.dueDate',
        );
      });

      it('rejects an action owned both by an official and by the company', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action({ ownerId: bygg.id })]),
          400,
          'actions.0.ownerId',
        );
      });

      it('rejects an action without owner', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action(), without(action(), 'ownerIsCompany')]),
          400,
          'actions.1.ownerId',
        );
      });

      it('rejects an action owned by an unknown user, naming that action', async () => {
        const esc = await held();

        await expectRefused(
          coordinator,
          esc,
          'RECORD_OUTCOME',
          outcome([action(), action({ ownerIsCompany: undefined, ownerId: randomUUID() })]),
          400,
          'actions.1.ownerId',
        );
      });

      it('rejects an outcome without summary', async () => {
        const esc = await held();

        await expectRefused(coordinator, esc, 'RECORD_OUTCOME', { actions: [] }, 400, 'summary');
      });

      it('accepts an action due today by the clock', async () => {
        const esc = await held();

        const res = await step(esc, 'RECORD_OUTCOME', outcome([action({ dueDate: '2026-11-27' })]));

        expect(res).toMatchObject({
          status: 'follow_up',
          actions: [{ dueDate: '2026-11-27', status: 'open', overdue: false }],
        });
      });

      it('closes the table at once when nothing was agreed', async () => {
        const esc = await held();

        const res = await step(esc, 'RECORD_OUTCOME', outcome([]));

        expect(res).toMatchObject({ status: 'closed', open: false, actions: [], allowedEvents: [] });
      });
    });

    describe('attaching a case', () => {
      it("brings the company's other open case to the table and takes it off otherOpenCases", async () => {
        const company = newCompany();
        const primary = await routedCase(company);
        const other = await companyCase(company, {
          category: 'livsmedel',
          subject: 'Registrering av livsmedelsanläggning',
        });
        const esc = await requestFor(primary);
        expect(esc.otherOpenCases.map((c: Body) => c.id)).toEqual([other.id]);

        const res = await step(esc, 'ATTACH_CASE', { caseId: other.reference });

        expect(res.cases.map((c: Body) => [c.id, c.primary])).toEqual([
          [primary.id, true],
          [other.id, false],
        ]);
        expect(res.otherOpenCases).toEqual([]);
        expect(res.units.map((u: Body) => u.code)).toEqual(expect.arrayContaining(['livsmedel']));
        const found = await listFor(desk, `caseId=${other.id}`);
        expect(found.body.items.map((e: Body) => e.id)).toEqual([esc.id]);
      });

      it("rejects another company's case naming caseId", async () => {
        const esc = await requested();
        const foreign = await companyCase();

        await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: foreign.id }, 400, 'caseId');
      });

      it('rejects a complaint of the company naming caseId', async () => {
        const company = newCompany();
        const esc = await requestFor(await routedCase(company));
        const complaint = await register(app, desk, complaintBody({ company }));

        await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: complaint.id }, 400, 'caseId');
      });

      it('rejects an unknown case naming caseId', async () => {
        const esc = await requested();

        await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: 'HS-2026-999999' }, 400, 'caseId');
      });

      it('rejects a closed case of the company naming caseId', async () => {
        const company = newCompany();
        const esc = await requestFor(await routedCase(company));
        const closed = await closedCase(company);

        await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: closed.id }, 400, 'caseId');
      });

      it('answers 409 conflict for a case of the company at another open table', async () => {
        const company = newCompany();
        const esc = await requestFor(await routedCase(company));
        const elsewhere = await routedCase(company);
        await requestFor(elsewhere);

        const res = await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: elsewhere.id }, 409);

        expect(res.body.type).toMatch(/\/conflict$/);
      });

      it('answers 409 conflict for a case already at this table, not a database error', async () => {
        const c = await routedCase();
        const esc = await requestFor(c);

        const res = await expectRefused(coordinator, esc, 'ATTACH_CASE', { caseId: c.id }, 409);

        expect(res.body.type).toMatch(/\/conflict$/);
      });
    });
  });

  describe('concurrent writers', () => {
    it('lets exactly one of five simultaneous requests for the same case through; the others get 409', async () => {
      const c = await routedCase();
      const ask = () => app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } });

      const results = await Promise.all([ask(), ask(), ask(), ask(), ask()]);

      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status !== 201)) expectConflict(r);
      const open = await listFor(coordinator, `caseId=${c.id}&open=true`);
      expect(open.body.items).toHaveLength(1);
    });

    it('lets exactly one of two events on the same version through; the other gets 409', async () => {
      const esc = await requested();
      const post = (type: string, payload: Body = {}) =>
        app.request('POST', `/api/escalations/${esc.id}/events`, {
          token: coordinator.token,
          body: { type, expectedVersion: esc.version, ...payload },
        });

      const results = await Promise.all([post('ACCEPT'), post('DECLINE', { reason: 'Klaras inom enheten.' })]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expectProblem(
        results.find((r) => r.status === 409)!,
        409,
      );
      const after = (await getTable(coordinator, esc.id)).body;
      expect(after.version).toBe(esc.version + 1);
      expect((await historyOf(esc.id)).map((e) => e.type)).toHaveLength(2);
    });

    it('completes an action once when two people mark it done at the same time', async () => {
      const esc = await followUp();
      const action = esc.actions[1];
      const done = (user: TestUser) =>
        app.request('POST', `/api/escalations/${esc.id}/actions/${action.id}/complete`, {
          token: user.token,
          body: {},
        });

      const results = await Promise.all([done(bygg), done(coordinator)]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expectProblem(
        results.find((r) => r.status === 409)!,
        409,
      );
      expect((await historyOf(esc.id)).filter((e) => e.type === 'ACTION_COMPLETED')).toHaveLength(1);
    });

    it('proposes one table when the units of a case are flagged twice at the same time', async () => {
      const c = await routedCase();
      const flag = (units: string[]) =>
        app.request('PUT', `/api/cases/${c.id}/involved-units`, { token: desk.token, body: { units } });

      const results = await Promise.all([flag(['livsmedel']), flag(['raddningstjanst'])]);

      for (const r of results) expect([200, 409]).toContain(r.status);
      expect(results.some((r) => r.status === 200)).toBe(true);
      expect((await listFor(coordinator, `caseId=${c.id}`)).body.items).toHaveLength(1);
    });
  });

  describe('reading a table (GET /api/escalations/:id)', () => {
    it('answers 400 naming params.id for an id that is not a uuid, on the table and its history', async () => {
      const one = await getTable(coordinator, 'HS-2026-000001');
      const history = await app.request('GET', '/api/escalations/garbage/history', { token: coordinator.token });

      expectFieldError(one, 'params.id');
      expectFieldError(history, 'params.id');
    });

    it('answers 404 for an unknown uuid, on the table and its history', async () => {
      const id = randomUUID();

      const one = await getTable(coordinator, id);
      const history = await app.request('GET', `/api/escalations/${id}/history`, { token: coordinator.token });

      expectProblem(one, 404);
      expectProblem(history, 404);
    });

    it('answers 400, not 500, for an id with a broken percent-escape', async () => {
      const res = await getTable(coordinator, '%E0%A4%A');

      expectProblem(res, 400);
    });

    it('answers 401 without a token', async () => {
      const esc = await requested();

      expectProblem(await app.request('GET', `/api/escalations/${esc.id}`), 401);
      expectProblem(await app.request('GET', '/api/escalations'), 401);
    });

    it('hides a table from an officer of an unrelated unit: 404 on the table and its history', async () => {
      const esc = await requested();

      const one = await getTable(outsider, esc.id);
      const history = await app.request('GET', `/api/escalations/${esc.id}/history`, { token: outsider.token });
      const listed = await listFor(outsider, `caseId=${esc.cases[0].id}`);

      expectProblem(one, 404);
      expectProblem(history, 404);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([]);
    });

    it('shows the table to an officer and a manager of the unit whose case is at it, with no events to send', async () => {
      const esc = await requested();

      const officerView = await getTable(bygg, esc.id);
      const managerView = await getTable(manager, esc.id);

      expect(officerView.status).toBe(200);
      expect(officerView.body).toMatchObject({ id: esc.id, status: 'requested', allowedEvents: [] });
      expect(managerView.status).toBe(200);
      expect(managerView.body.allowedEvents).toEqual([]);
    });

    it('shows the table to an invited officer of another unit', async () => {
      const esc = await composing();
      expectProblem(await getTable(livs, esc.id), 404);

      await step(esc, 'SET_PARTICIPANTS', { participantIds: [livs.id] });

      const res = await getTable(livs, esc.id);
      expect(res.status).toBe(200);
      expect(res.body.allowedEvents).toEqual([]);
    });

    it('shows the desk every table, with no events to send', async () => {
      const esc = await requested();

      const res = await getTable(desk, esc.id);

      expect(res.status).toBe(200);
      expect(res.body.allowedEvents).toEqual([]);
    });

    it("offers the coordinator and an admin the machine's events in every state", async () => {
      const seen = async (esc: Body) => {
        const byCoordinator = sorted((await getTable(coordinator, esc.id)).body.allowedEvents);
        expect(sorted((await getTable(admin, esc.id)).body.allowedEvents)).toEqual(byCoordinator);
        return byCoordinator;
      };
      const esc = await requested();
      const states: Array<[string, string[]]> = [];

      states.push(['requested', await seen(esc)]);
      const c = await step(esc, 'ACCEPT');
      states.push([c.status, await seen(c)]);
      const p = await step(c, 'SET_PARTICIPANTS', { participantIds: [bygg.id] });
      states.push(['composing with participants', await seen(p)]);
      const s = await step(p, 'SCHEDULE', meeting);
      states.push([s.status, await seen(s)]);
      const r = await step(s, 'RESCHEDULE', {
        ...meeting,
        startsAt: '2026-11-30T10:00:00+01:00',
        endsAt: '2026-11-30T11:00:00+01:00',
      });
      states.push([r.status, await seen(r)]);
      app.clock.set('2026-11-30T10:00:00+01:00');
      const h = await step(r, 'HOLD', { attendeeIds: [bygg.id], companyAttended: false });
      states.push([h.status, await seen(h)]);
      const f = await step(h, 'RECORD_OUTCOME', {
        summary: 'Klart.',
        actions: [{ description: 'Skicka ritning', ownerIsCompany: true, dueDate: '2026-12-01' }],
      });
      states.push([f.status, await seen(f)]);

      expect(states).toEqual([
        ['requested', ['ACCEPT', 'ATTACH_CASE', 'DECLINE']],
        ['composing', ['ATTACH_CASE', 'CANCEL', 'SET_PARTICIPANTS']],
        ['composing with participants', ['ATTACH_CASE', 'CANCEL', 'SCHEDULE', 'SET_PARTICIPANTS']],
        ['scheduled', ['ATTACH_CASE', 'CANCEL', 'HOLD', 'RESCHEDULE']],
        ['rescheduled', ['ATTACH_CASE', 'CANCEL', 'HOLD', 'RESCHEDULE']],
        ['held', ['RECORD_OUTCOME']],
        ['follow_up', []],
      ]);
    });

    it('offers nothing the coordinator would then be refused', async () => {
      const esc = await composing();
      const offered = (await getTable(coordinator, esc.id)).body.allowedEvents as string[];

      expect(offered).not.toContain('SCHEDULE');
      await expectRefused(coordinator, esc, 'SCHEDULE', meeting, 422);
    });
  });

  describe('agreed actions (POST /api/escalations/:id/actions/:actionId/complete)', () => {
    const complete = (user: TestUser, escId: string, actionId: string, body: unknown = {}) =>
      app.request('POST', `/api/escalations/${escId}/actions/${actionId}/complete`, { token: user.token, body });

    /** The completion is refused with `status` and nothing is written; the table keeps its version. */
    async function expectCompletionRefused(
      user: TestUser,
      esc: Body,
      actionId: string,
      status: number,
      body: unknown = {},
      path?: string,
    ): Promise<ApiResponse> {
      const before = (await getTable(coordinator, esc.id)).body;
      const countsBefore = await rowCounts(app);

      const res = await complete(user, esc.id, actionId, body);

      if (path) expectFieldError(res, path);
      else expectProblem(res, status);
      expect(await rowCounts(app)).toEqual(countsBefore);
      const after = (await getTable(coordinator, esc.id)).body;
      expect(after.version).toBe(before.version);
      expect(after.actions).toEqual(before.actions);
      return res;
    }

    it('answers 401 without a token', async () => {
      const esc = await followUp();

      await expectCompletionRefused({ ...bygg, token: '' }, esc, esc.actions[1].id, 401);
    });

    it('answers 404 for an unknown action', async () => {
      const esc = await followUp();

      await expectCompletionRefused(coordinator, esc, randomUUID(), 404);
    });

    it('answers 404 for an action of another table', async () => {
      const esc = await followUp();
      const other = await followUp();

      await expectCompletionRefused(coordinator, esc, other.actions[0].id, 404);
    });

    it('answers 400 naming params.actionId for an action id that is not a uuid', async () => {
      const esc = await followUp();

      await expectCompletionRefused(coordinator, esc, 'first', 400, {}, 'params.actionId');
    });

    it('answers 404 for an unknown table', async () => {
      const esc = await followUp();

      const res = await expectNothingWritten(() => complete(coordinator, randomUUID(), esc.actions[0].id));

      expectProblem(res, 404);
    });

    it('forbids an officer at the table to complete an action someone else owns', async () => {
      const esc = await followUp();
      const [companyAction, byggAction] = esc.actions as Body[];
      expect((await getTable(livs, esc.id)).status).toBe(200);

      await expectCompletionRefused(livs, esc, byggAction!.id, 403);
      await expectCompletionRefused(livs, esc, companyAction!.id, 403);
    });

    it('forbids the desk to complete an action it does not own', async () => {
      const esc = await followUp();

      await expectCompletionRefused(desk, esc, esc.actions[1].id, 403);
    });

    it('answers 404 to an officer who cannot see the table', async () => {
      const esc = await followUp();

      await expectCompletionRefused(outsider, esc, esc.actions[1].id, 404);
    });

    it('rejects a field the completion does not have', async () => {
      const esc = await followUp();

      await expectCompletionRefused(bygg, esc, esc.actions[1].id, 400, { done: true }, 'done');
    });

    it('answers 409 conflict for an action already done, and writes nothing more', async () => {
      const esc = await followUp();
      const first = await complete(bygg, esc.id, esc.actions[1].id, { note: 'Besök bokat.' });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.status).toBe('follow_up');

      const res = await expectCompletionRefused(coordinator, esc, esc.actions[1].id, 409);

      expect(res.body.type).toMatch(/\/conflict$/);
    });
  });

  describe('the register (/api/service-group)', () => {
    const unitCodes = [
      'medborgarcenter',
      'bygglov',
      'miljo-halsoskydd',
      'livsmedel',
      'serveringstillstand',
      'raddningstjanst',
      'mark-exploatering',
      'naringsliv',
      'upphandling',
    ];
    const putMember = (user: TestUser, unit: string, userId: string, body: unknown = { title: 'Handläggare' }) =>
      app.request('PUT', `/api/service-group/units/${unit}/members/${userId}`, { token: user.token, body });
    const deleteMember = (user: TestUser, unit: string, userId: string) =>
      app.request('DELETE', `/api/service-group/units/${unit}/members/${userId}`, { token: user.token });
    const putCategory = (user: TestUser, category: string, body: unknown) =>
      app.request('PUT', `/api/service-group/categories/${category}`, { token: user.token, body });
    const membersOf = (register: Body, unit: string) =>
      (register.units as Body[]).find((u) => u.code === unit)!.members as Body[];

    it('lists every unit to any member of staff', async () => {
      const res = await app.request('GET', '/api/service-group', { token: outsider.token });

      expect(res.status).toBe(200);
      expect(res.body.units.map((u: Body) => u.code)).toEqual(unitCodes);
      for (const u of res.body.units)
        expect(u).toEqual({
          code: expect.any(String),
          label: expect.any(String),
          members: expect.any(Array),
          categories: expect.any(Array),
        });
      expect(membersOf(res.body, 'bygglov')).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: bygg.id, title: 'Bygglovshandläggare' })]),
      );
      expect(res.body.categories.map((c: Body) => c.code)).not.toContain('klagomal');
    });

    it('answers 401 without a token, and changes nothing', async () => {
      const read = await app.request('GET', '/api/service-group');
      const put = await expectNothingWritten(() =>
        app.request('PUT', `/api/service-group/units/bygglov/members/${outsider.id}`, {
          body: { title: 'Handläggare' },
        }),
      );
      const del = await expectNothingWritten(() =>
        app.request('DELETE', `/api/service-group/units/bygglov/members/${bygg.id}`),
      );
      const cat = await expectNothingWritten(() =>
        app.request('PUT', '/api/service-group/categories/ovrigt', { body: { units: ['upphandling'] } }),
      );

      for (const res of [read, put, del, cat]) expectProblem(res, 401);
    });

    it('lets the coordinator add a member, who appears with their title', async () => {
      const user = await app.user('officer', 'raddningstjanst', 'Britt Brand');

      const res = await putMember(coordinator, 'raddningstjanst', user.id, { title: 'Brandinspektör' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(membersOf(res.body, 'raddningstjanst')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: user.id, name: 'Britt Brand', title: 'Brandinspektör', active: true }),
        ]),
      );
      const read = await app.request('GET', '/api/service-group', { token: desk.token });
      expect(membersOf(read.body, 'raddningstjanst').map((m) => m.userId)).toContain(user.id);
    });

    it('changes the title of a member already in the unit, without a second row', async () => {
      const user = await app.user('officer', 'naringsliv');
      await putMember(coordinator, 'naringsliv', user.id, { title: 'Näringslivsutvecklare' });

      const res = await putMember(admin, 'naringsliv', user.id, { title: 'Företagslots' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(membersOf(res.body, 'naringsliv').filter((m) => m.userId === user.id)).toEqual([
        expect.objectContaining({ title: 'Företagslots' }),
      ]);
    });

    it.each(['officer', 'desk', 'manager'] as const)(
      'forbids a %s to change the register: 403 and nothing written',
      async (who) => {
        const user = { officer: bygg, desk, manager }[who];
        const someone = await app.user('officer', 'naringsliv');

        const put = await expectNothingWritten(() => putMember(user, 'naringsliv', someone.id));
        const del = await expectNothingWritten(() => deleteMember(user, 'bygglov', bygg.id));
        const cat = await expectNothingWritten(() =>
          putCategory(user, 'ovrigt', { units: ['naringsliv', 'upphandling'] }),
        );

        expectProblem(put, 403);
        expectProblem(del, 403);
        expectProblem(cat, 403);
      },
    );

    const invalidMembers: Array<{ name: string; unit: string; userId: () => string; body: unknown; path: string }> = [
      {
        name: 'an unknown unit',
        unit: 'nowhere',
        userId: () => bygg.id,
        body: { title: 'Handläggare' },
        path: 'params.unit',
      },
      {
        name: 'a user id that is not a uuid',
        unit: 'bygglov',
        userId: () => 'bo.bygg',
        body: { title: 'Handläggare' },
        path: 'params.userId',
      },
      { name: 'a missing title', unit: 'bygglov', userId: () => bygg.id, body: {}, path: 'title' },
      { name: 'an empty title', unit: 'bygglov', userId: () => bygg.id, body: { title: ' ' }, path: 'title' },
      {
        name: 'a title over 120 characters',
        unit: 'bygglov',
        userId: () => bygg.id,
        body: { title: 't'.repeat(121) },
        path: 'title',
      },
      {
        name: 'a field the member does not have',
        unit: 'bygglov',
        userId: () => bygg.id,
        body: { title: 'Handläggare', phone: '08-123' },
        path: 'phone',
      },
    ];

    it.each(invalidMembers)('rejects adding a member with $name naming $path', async ({ unit, userId, body, path }) => {
      const res = await expectNothingWritten(() => putMember(coordinator, unit, userId(), body));

      expectFieldError(res, path);
    });

    it('answers 404 for a user that does not exist', async () => {
      const res = await expectNothingWritten(() => putMember(coordinator, 'bygglov', randomUUID()));

      expectProblem(res, 404);
    });

    it('removes a member with 204, and answers 404 when asked again', async () => {
      const user = await app.user('officer', 'mark-exploatering');
      await putMember(coordinator, 'mark-exploatering', user.id, { title: 'Exploateringsingenjör' });

      const first = await deleteMember(coordinator, 'mark-exploatering', user.id);
      const again = await expectNothingWritten(() => deleteMember(coordinator, 'mark-exploatering', user.id));

      expect(first.status).toBe(204);
      expect(first.body).toBeNull();
      expectProblem(again, 404);
      const read = await app.request('GET', '/api/service-group', { token: coordinator.token });
      expect(membersOf(read.body, 'mark-exploatering').map((m) => m.userId)).not.toContain(user.id);
    });

    it('rejects removing a member of an unknown unit naming params.unit', async () => {
      const res = await expectNothingWritten(() => deleteMember(coordinator, 'nowhere', bygg.id));

      expectFieldError(res, 'params.unit');
    });

    const invalidCategories: Array<{ name: string; category: string; body: unknown; path: string }> = [
      { name: 'an unknown unit', category: 'ovrigt', body: { units: ['naringsliv', 'nowhere'] }, path: 'units.1' },
      { name: 'no units', category: 'ovrigt', body: { units: [] }, path: 'units' },
      { name: 'units that is not a list', category: 'ovrigt', body: { units: 'naringsliv' }, path: 'units' },
      { name: 'an unknown category', category: 'fiskevard', body: { units: ['naringsliv'] }, path: 'params.category' },
      {
        name: 'a complaint category, which never comes to a table',
        category: 'klagomal',
        body: { units: ['naringsliv'] },
        path: 'params.category',
      },
      {
        name: 'a field the body does not have',
        category: 'ovrigt',
        body: { units: ['naringsliv'], note: 'x' },
        path: 'note',
      },
    ];

    it.each(invalidCategories)(
      'rejects setting category units with $name naming $path',
      async ({ category, body, path }) => {
        const before = (await app.request('GET', '/api/service-group', { token: coordinator.token })).body.categories;

        const res = await expectNothingWritten(() => putCategory(coordinator, category, body));

        expectFieldError(res, path);
        expect((await app.request('GET', '/api/service-group', { token: coordinator.token })).body.categories).toEqual(
          before,
        );
      },
    );

    it("lets the coordinator set a category's units, and a new table for that category then suggests those units' members", async () => {
      const upp = await app.user('officer', 'upphandling', 'Ulla Upphandlare');
      expect((await putMember(coordinator, 'upphandling', upp.id, { title: 'Upphandlare' })).status).toBe(200);
      const before = await requestFor(await companyCase(newCompany(), { category: 'anmalan' }));
      expect(before.suggestedParticipants.map((p: Body) => p.id)).not.toContain(upp.id);

      const res = await putCategory(coordinator, 'anmalan', { units: ['upphandling'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.categories.find((c: Body) => c.code === 'anmalan').units).toEqual(['upphandling']);
      expect(res.body.units.find((u: Body) => u.code === 'upphandling').categories).toContain('anmalan');
      const after = await requestFor(await companyCase(newCompany(), { category: 'anmalan' }));
      expect(after.units.map((u: Body) => u.code)).toContain('upphandling');
      expect(after.suggestedParticipants).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: upp.id, title: 'Upphandlare', unit: 'upphandling' })]),
      );
    });
  });

  describe('involved units (PUT /api/cases/:id/involved-units)', () => {
    const flag = (user: TestUser, caseId: string, body: unknown) =>
      app.request('PUT', `/api/cases/${caseId}/involved-units`, { token: user.token, body });
    const tablesOfCase = async (caseId: string) =>
      (await listFor(coordinator, `caseId=${caseId}`)).body.items as Body[];

    it('proposes a table by itself when a company case touches two units', async () => {
      const c = await routedCase();

      const res = await flag(desk, c.id, { units: ['bygglov', 'livsmedel'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const found = await tablesOfCase(c.id);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        origin: 'multi_unit',
        status: 'requested',
        requestedBy: null,
        cases: [{ id: c.id, primary: true }],
      });
      expect(found[0]!.units.map((u: Body) => u.code)).toEqual(expect.arrayContaining(['bygglov', 'livsmedel']));
      expect((await listFor(coordinator, `caseId=${c.reference}`)).body.items.map((e: Body) => e.id)).toEqual([
        found[0]!.id,
      ]);
    });

    it('proposes no second table when the units are flagged again', async () => {
      const c = await routedCase();
      await flag(desk, c.id, { units: ['livsmedel'] });
      const before = await rowCounts(app);

      const res = await flag(bygg, c.id, { units: ['livsmedel', 'raddningstjanst'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await tablesOfCase(c.id)).toHaveLength(1);
      const after = await rowCounts(app);
      expect(after.escalations).toBe(before.escalations);
      expect(after.escalation_cases).toBe(before.escalation_cases);
    });

    it('rejects flagging units on a complaint naming units, and writes nothing', async () => {
      const complaint = await register(app, desk, complaintBody({ company: newCompany(), unit: 'bygglov' }));

      const res = await expectNothingWritten(() => flag(desk, complaint.id, { units: ['bygglov', 'livsmedel'] }));

      expectFieldError(res, 'units');
    });

    it('rejects an unknown unit naming its index', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() => flag(desk, c.id, { units: ['livsmedel', 'nowhere'] }));

      expectFieldError(res, 'units.1');
    });

    it('rejects an empty list of units', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() => flag(desk, c.id, { units: [] }));

      expectFieldError(res, 'units');
    });

    it('answers 404 for an unknown case and for a case of another unit', async () => {
      const hidden = await routedCase(newCompany(), 'livsmedel');

      const unknown = await expectNothingWritten(() => flag(desk, 'HS-2026-999999', { units: ['livsmedel'] }));
      const other = await expectNothingWritten(() => flag(bygg, hidden.id, { units: ['bygglov', 'livsmedel'] }));

      expectProblem(unknown, 404);
      expectProblem(other, 404);
    });

    it('proposes a table for a company case registered with another unit involved', async () => {
      const c = await companyCase(newCompany(), { category: 'bygglov', involvedUnits: ['livsmedel'] });

      const found = await tablesOfCase(c.id);

      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ origin: 'multi_unit', status: 'requested' });
    });

    it('proposes nothing for a company case registered with only its own unit', async () => {
      const before = await rowCounts(app);

      const c = await companyCase(newCompany(), { category: 'bygglov', involvedUnits: ['bygglov'] });

      expect(await tablesOfCase(c.id)).toEqual([]);
      expect((await rowCounts(app)).escalations).toBe(before.escalations);
    });

    it('rejects involved units on a complaint at registration', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/cases', { token: desk.token, body: complaintBody({ involvedUnits: ['livsmedel'] }) }),
      );

      expectFieldError(res, 'involvedUnits');
    });

    it('answers 409 conflict when the desk asks for a table for a case already proposed for one', async () => {
      const c = await companyCase(newCompany(), { involvedUnits: ['livsmedel'] });
      const [proposal] = await tablesOfCase(c.id);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } }),
      );

      expectConflict(res);
      expect(res.body.escalationId).toBe(proposal!.id);
    });
  });
});

describe('"dukat bord": the list (GET /api/escalations)', () => {
  let app: TestApp;
  let desk: TestUser;
  let coordinator: TestUser;
  let bygg: TestUser;
  const made: Record<string, Body> = {};
  let sameInstant: string[] = [];
  let caseOfFirst: Body;

  beforeAll(async () => {
    app = await startTestApp();
    desk = await app.user('registrar');
    coordinator = await app.user('coordinator');
    bygg = await app.user('officer', 'bygglov');
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
  afterAll(async () => {
    await app.close();
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
