import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { complaintBody, register } from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { DEFAULT_NOW, type TestUser } from '../support/test-app.js';
import {
  expectConflict,
  without,
  newCompany,
  reason,
  meeting,
  type Body,
  useServiceGroupApp,
} from './service-group-support.js';

describe('"dukat bord": input validation, roles and error answers', () => {
  const {
    app,
    desk,
    coordinator,
    admin,
    bygg,
    livs,
    manager,
    outsider,
    expectNothingWritten,
    getTable,
    historyOf,
    listFor,
    companyCase,
    routedCase,
    closedCase,
    requestFor,
    step,
    requested,
    composing,
    withParticipants,
    scheduled,
    meetingBegun,
    held,
    followUp,
    expectRefusedBody,
    expectRefused,
  } = useServiceGroupApp();

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
});
