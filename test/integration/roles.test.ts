import { describe, expect, it } from 'vitest';
import {
  companyCaseBody,
  complaintBody,
  getCase as getCaseOf,
  register,
  send,
  tableCounts,
} from '../support/fixtures.js';
import { expectProblem } from '../support/problem.js';
import { type TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

type Case = Record<string, any>;

const sorted = (events: string[]) => [...events].sort();

describe('roles', () => {
  const {
    app,
    users: { registrar, coordinator, admin, officer, colleague, outsider, manager, otherManager },
  } = useTestApp({
    users: {
      registrar: 'registrar',
      coordinator: 'coordinator',
      admin: 'admin',
      officer: ['officer', 'bygglov'],
      colleague: ['officer', 'bygglov'],
      outsider: ['officer', 'livsmedel'],
      manager: ['manager', 'bygglov'],
      otherManager: ['manager', 'livsmedel'],
    },
  });

  const getCase = (user: TestUser, id: string) => getCaseOf(app, user, id);
  const history = async (user: TestUser, id: string) =>
    (await app.request('GET', `/api/cases/${id}/history`, { token: user.token })).body.items as Case[];
  const post = (user: TestUser, c: Case, type: string, payload: Record<string, unknown> = {}) =>
    app.request('POST', `/api/cases/${c.id}/events`, {
      token: user.token,
      body: { type, expectedVersion: c.version, ...payload },
    });

  /** The event is refused with `status`, and the case, its history and every table stay as they were. */
  async function expectRefused(
    user: TestUser,
    c: Case,
    type: string,
    payload: Record<string, unknown>,
    status: 403 | 404,
  ): Promise<void> {
    const countsBefore = await tableCounts(app);
    const historyBefore = await history(admin, c.id);

    const res = await post(user, c, type, payload);

    expectProblem(res, status);
    expect(await tableCounts(app)).toEqual(countsBefore);
    const after = (await getCase(admin, c.id)).body;
    expect(after.version).toBe(c.version);
    expect(after.status).toBe(c.status);
    expect(await history(admin, c.id)).toEqual(historyBefore);
  }

  const registered = () => register(app, registrar, companyCaseBody());
  const routed = async (unit = 'bygglov') => send(app, registrar, (await registered()).id, 'ROUTE', { unit });
  const assigned = async () => send(app, officer, (await routed()).id, 'ASSIGN', { assigneeId: officer.id });
  const inProgress = async () => send(app, officer, (await assigned()).id, 'START');
  const decision = { outcome: 'approved', reasoning: 'Åtgärden följer detaljplanen.' };

  /** A named complaint about bygglov, handed by the unit's manager to an officer, answered, whose complainant is not satisfied. */
  async function complaintInManagerReview(): Promise<Case> {
    const c = await register(app, registrar, complaintBody({ unit: 'bygglov' }));
    await send(app, manager, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'ACKNOWLEDGE');
    await send(app, officer, c.id, 'START_INVESTIGATION');
    await send(app, officer, c.id, 'ANSWER', { answer: 'Vi beklagar.', measures: 'Samtalsrutinen ses över.' });
    return send(app, registrar, c.id, 'DISSATISFIED', { reason: 'Svaret tar inte upp det som hände.' });
  }

  describe('registering', () => {
    it('forbids a coordinator to register a case and writes nothing', async () => {
      const before = await tableCounts(app);

      const res = await app.request('POST', '/api/cases', { token: coordinator.token, body: companyCaseBody() });

      expectProblem(res, 403);
      expect(await tableCounts(app)).toEqual(before);
    });

    it.each(['registrar', 'officer', 'manager', 'admin'] as const)(
      'lets a %s register a case, recorded as theirs',
      async (role) => {
        const user = { registrar: () => registrar, officer: () => officer, manager: () => manager, admin: () => admin }[
          role
        ]();

        const res = await app.request('POST', '/api/cases', { token: user.token, body: companyCaseBody() });

        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const [first] = await history(admin, res.body.id);
        expect(first).toMatchObject({ type: 'REGISTERED', actor: { id: user.id, role } });
      },
    );
  });

  describe('a role that may never do a thing', () => {
    // Whatever the request holds, the answer is 403 before anything of it is read: a body or a
    // path that would be refused as 400 does not tell such a caller more about the endpoint.
    const definition = {
      label: 'Svar inom 5 arbetsdagar',
      kind: 'company_case',
      category: 'ovrigt',
      clock: 'custom_x',
      length: { value: 5, unit: 'working_days' },
      startsOn: { event: 'REGISTERED' },
      stopsOn: ['decided'],
    };
    const id = '00000000-0000-4000-8000-000000000001';
    const requests: [string, () => TestUser, string, string, unknown][] = [
      ['registering as a coordinator, an empty body', () => coordinator, 'POST', '/api/cases', {}],
      [
        'registering as a coordinator, a body of the wrong kind',
        () => coordinator,
        'POST',
        '/api/cases',
        { kind: 'nej' },
      ],
      ['adding a guarantee as an officer, an empty body', () => officer, 'POST', '/api/guarantees', {}],
      [
        'adding a guarantee as a manager, a bad code',
        () => manager,
        'POST',
        '/api/guarantees',
        { code: 'Ä Ö', definition },
      ],
      [
        'changing a guarantee as an officer, an empty body',
        () => officer,
        'PUT',
        '/api/guarantees/bygglov-decision',
        {},
      ],
      [
        'changing a guarantee as a coordinator, a bad code in the path',
        () => coordinator,
        'PUT',
        '/api/guarantees/Ä',
        { definition },
      ],
      [
        'recomputing a guarantee as a registrar, a bad code in the path',
        () => registrar,
        'POST',
        '/api/guarantees/Ä/recompute',
        {},
      ],
      [
        'replacing closing days as a manager, not a list',
        () => manager,
        'PUT',
        '/api/admin/closing-days',
        { date: 'x' },
      ],
      [
        "a category's units as an officer, an empty body",
        () => officer,
        'PUT',
        '/api/service-group/categories/bygglov',
        {},
      ],
      [
        "a category's units as a registrar, an unknown category",
        () => registrar,
        'PUT',
        '/api/service-group/categories/finns-inte',
        { units: ['bygglov'] },
      ],
      [
        'a member as a manager, a bad user id',
        () => manager,
        'PUT',
        '/api/service-group/units/bygglov/members/x',
        { title: 'Chef' },
      ],
      [
        'a member as an officer, an empty body',
        () => officer,
        'PUT',
        `/api/service-group/units/bygglov/members/${id}`,
        {},
      ],
      [
        'removing a member as an officer, an unknown unit',
        () => officer,
        'DELETE',
        `/api/service-group/units/finns-inte/members/${id}`,
        undefined,
      ],
      [
        'retrying a mail as a coordinator, a bad id',
        () => coordinator,
        'POST',
        '/api/admin/notifications/x/retry',
        undefined,
      ],
    ];
    it.each(requests)('answers 403 first: %s', async (_what, user, method, path, body) => {
      const before = await tableCounts(app);
      const res = await app.request(method, path, { token: user().token, ...(body === undefined ? {} : { body }) });
      expectProblem(res, 403);
      expect(await tableCounts(app)).toEqual(before);
    });

    it('answers 403 before reading the body of an event on a table the caller sees but may not run', async () => {
      const c = await routed();
      const table = await app.request('POST', '/api/escalations', {
        token: registrar.token,
        body: { caseId: c.id, reason: 'Flera enheter berörs.' },
      });
      expect(table.status).toBe(201);
      for (const [user, body] of [
        [registrar, {}],
        [registrar, { type: 'FINNS_INTE', expectedVersion: 'ett' }],
        [officer, { type: 'ACCEPT' }],
        [manager, { type: 'SCHEDULE', expectedVersion: table.body.version, startsAt: 'i morgon' }],
      ] as const) {
        const before = await tableCounts(app);
        expectProblem(
          await app.request('POST', `/api/escalations/${table.body.id}/events`, { token: user.token, body }),
          403,
        );
        expect(await tableCounts(app)).toEqual(before);
      }
      // One who cannot see the table is not told it exists, whatever the body.
      expectProblem(
        await app.request('POST', `/api/escalations/${table.body.id}/events`, { token: outsider.token, body: {} }),
        404,
      );
    });

    it('answers 403 before reading the body of a change to a case the caller sees but may not make', async () => {
      const c = await routed();
      const requests: [TestUser, string, unknown][] = [
        [coordinator, 'involved-units', {}],
        [coordinator, 'involved-units', { units: ['finns-inte'] }],
        [coordinator, 'notes', {}],
        [coordinator, 'notes', { body: 42 }],
        [registrar, 'tracking/revoke', { reason: 7 }],
        [coordinator, 'tracking/revoke', { okänt: 'fält' }],
      ];
      for (const [user, action, body] of requests) {
        const before = await tableCounts(app);
        const res = await app.request(action === 'involved-units' ? 'PUT' : 'POST', `/api/cases/${c.id}/${action}`, {
          token: user.token,
          body,
        });
        expectProblem(res, 403);
        expect(await tableCounts(app)).toEqual(before);
      }
      // A case one cannot see stays unseen: 404, whatever the body.
      expectProblem(await app.request('POST', `/api/cases/${c.id}/notes`, { token: outsider.token, body: {} }), 404);
      // And one who may gets the 400 that names the field.
      const refused = await app.request('POST', `/api/cases/${c.id}/notes`, { token: officer.token, body: {} });
      expectProblem(refused, 400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['body']);
    });
  });

  describe('the desk', () => {
    it('lets a registrar route a case to a unit', async () => {
      const c = await registered();

      const res = await post(registrar, c, 'ROUTE', { unit: 'bygglov' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'routed', unit: 'bygglov', version: c.version + 1 });
    });

    it('lets a registrar resolve a case at first contact', async () => {
      const c = await registered();

      const res = await post(registrar, c, 'RESOLVE_AT_FIRST_CONTACT', { resolution: 'Blankett skickad per e-post.' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('resolved_at_first_contact');
    });

    it('lets the desk reopen a case it resolved at first contact', async () => {
      // Such a case was never routed, so no unit's officer or manager can see it; the desk must be able to reopen it.
      const c = await send(app, registrar, (await registered()).id, 'RESOLVE_AT_FIRST_CONTACT', {
        resolution: 'Blankett skickad per e-post.',
      });

      const offered = (await getCase(registrar, c.id)).body.allowedEvents;
      const res = await post(registrar, c, 'REOPEN', { reason: 'Företaget ringde tillbaka; frågan kvarstår.' });

      expect(offered).toContain('REOPEN');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('registered');
    });

    it('forbids a registrar to assign an officer', async () => {
      const c = await routed();

      await expectRefused(registrar, c, 'ASSIGN', { assigneeId: officer.id }, 403);
    });

    it('forbids a registrar to start the handling', async () => {
      const c = await assigned();

      await expectRefused(registrar, c, 'START', {}, 403);
    });

    it('forbids a registrar to decide', async () => {
      const c = await inProgress();

      await expectRefused(registrar, c, 'DECIDE', decision, 403);
    });
  });

  describe('coordinators', () => {
    it('lets a coordinator read any case but send no event', async () => {
      const c = await inProgress();

      const one = await getCase(coordinator, c.id);

      expect(one.status).toBe(200);
      await expectRefused(coordinator, c, 'WITHDRAW', { reason: 'Företaget har gått i konkurs.' }, 403);
      await expectRefused(coordinator, c, 'DECIDE', decision, 403);
    });
  });

  describe('unit officers', () => {
    it('lets an officer of the unit assign, start, decide and close a case of their unit', async () => {
      const c = await routed();

      const a = await post(officer, c, 'ASSIGN', { assigneeId: officer.id });
      const s = await post(officer, a.body, 'START');
      const d = await post(officer, s.body, 'DECIDE', decision);
      const closed = await post(officer, d.body, 'CLOSE');

      expect([a.status, s.status, d.status, closed.status]).toEqual([200, 200, 200, 200]);
      expect(closed.body).toMatchObject({ status: 'closed', assignee: { id: officer.id, unit: 'bygglov' } });
    });

    it('lets a colleague in the same unit act on a case assigned to someone else', async () => {
      const c = await inProgress();

      const res = await post(colleague, c, 'REQUEST_COMPLEMENT', { message: 'Situationsplan saknas.' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('awaiting_complement');
    });

    it('hides a case of another unit from an officer: 404 on the case and its history', async () => {
      const c = await inProgress();

      const one = await getCase(outsider, c.id);
      const byReference = await getCase(outsider, c.reference);
      const trail = await app.request('GET', `/api/cases/${c.id}/history`, { token: outsider.token });

      expectProblem(one, 404);
      expectProblem(byReference, 404);
      expectProblem(trail, 404);
    });

    it('answers 404, not 403, when an officer of another unit sends an event', async () => {
      const c = await inProgress();

      await expectRefused(outsider, c, 'DECIDE', decision, 404);
      await expectRefused(outsider, c, 'WITHDRAW', { reason: 'Fel enhet.' }, 404);
    });

    it("leaves another unit's cases out of an officer's list", async () => {
      const bygglovCase = await inProgress();
      const livsmedelCase = await routed('livsmedel');

      const outsiders = await app.request('GET', '/api/cases?limit=100', { token: outsider.token });
      const byReference = await app.request('GET', `/api/cases?q=${bygglovCase.reference}`, { token: outsider.token });
      const own = await app.request('GET', `/api/cases?q=${livsmedelCase.reference}`, { token: outsider.token });

      expect(outsiders.status).toBe(200);
      expect(outsiders.body.items.length).toBeGreaterThan(0);
      for (const item of outsiders.body.items)
        expect(item.unit === 'livsmedel' || item.assignee?.id === outsider.id).toBe(true);
      expect(byReference.body.items).toEqual([]);
      expect(own.body.items.map((i: Case) => i.id)).toEqual([livsmedelCase.id]);
    });

    it("shows an officer their unit's cases and the ones assigned to them", async () => {
      const mine = await inProgress();

      const unitList = await app.request('GET', `/api/cases?q=${mine.reference}`, { token: colleague.token });
      const assignedToMe = await app.request('GET', '/api/cases?assignee=me&limit=100', { token: officer.token });

      expect(unitList.body.items.map((i: Case) => i.id)).toEqual([mine.id]);
      expect(assignedToMe.body.items.map((i: Case) => i.id)).toContain(mine.id);
      for (const item of assignedToMe.body.items) expect(item.assignee.id).toBe(officer.id);
    });

    it('takes a case re-routed to another unit away from its former officer and gives it to the new unit', async () => {
      const c = await assigned();

      const rerouted = await post(registrar, c, 'ROUTE', { unit: 'livsmedel' });

      expect(rerouted.status, JSON.stringify(rerouted.body)).toBe(200);
      expect(rerouted.body).toMatchObject({ status: 'routed', unit: 'livsmedel', assignee: null });
      expectProblem(await getCase(officer, c.id), 404);
      expect((await getCase(outsider, c.id)).status).toBe(200);
    });
  });

  describe('managers', () => {
    it("lets the unit's manager act on the unit's cases", async () => {
      const c = await routed();

      const a = await post(manager, c, 'ASSIGN', { assigneeId: colleague.id });
      const s = await post(manager, a.body, 'START');
      const x = await post(manager, s.body, 'EXTEND_DEADLINE', { reason: 'Remiss till Trafikverket.', weeks: 4 });
      const d = await post(manager, x.body, 'DECIDE', decision);

      expect([a.status, s.status, x.status, d.status]).toEqual([200, 200, 200, 200]);
      expect(d.body).toMatchObject({ status: 'decided', assignee: { id: colleague.id } });
    });

    it("hides a unit's cases from the manager of another unit", async () => {
      const c = await inProgress();

      expectProblem(await getCase(otherManager, c.id), 404);
      await expectRefused(otherManager, c, 'DECIDE', decision, 404);
    });
  });

  describe('a complaint in manager review', () => {
    it('goes to manager review when the complainant is dissatisfied', async () => {
      const c = await complaintInManagerReview();

      expect(c.status).toBe('manager_review');
      const trail = await history(admin, c.id);
      expect(trail.at(-1)).toMatchObject({ type: 'DISSATISFIED', fromState: 'answered', toState: 'manager_review' });
    });

    it('forbids the officer to answer or restart the investigation', async () => {
      const c = await complaintInManagerReview();

      await expectRefused(officer, c, 'ANSWER', { answer: 'Nytt svar.', measures: 'Inga.' }, 403);
      await expectRefused(officer, c, 'START_INVESTIGATION', {}, 403);
    });

    it('forbids the registrar to answer or restart the investigation', async () => {
      const c = await complaintInManagerReview();

      await expectRefused(registrar, c, 'ANSWER', { answer: 'Nytt svar.', measures: 'Inga.' }, 403);
      await expectRefused(registrar, c, 'START_INVESTIGATION', {}, 403);
    });

    it('hides the complaint from the manager of another unit', async () => {
      const c = await complaintInManagerReview();

      expectProblem(await getCase(otherManager, c.id), 404);
      await expectRefused(otherManager, c, 'ANSWER', { answer: 'Nytt svar.', measures: 'Inga.' }, 404);
    });

    it("lets the unit's manager answer", async () => {
      const c = await complaintInManagerReview();

      const res = await post(manager, c, 'ANSWER', {
        answer: 'Chefen har gått igenom ärendet.',
        measures: 'Utbildning i bemötande.',
      });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('answered');
    });

    it("lets the unit's manager send it back to investigation", async () => {
      const c = await complaintInManagerReview();

      const res = await post(manager, c, 'START_INVESTIGATION');

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('investigating');
    });

    it('lets an admin send it back to investigation', async () => {
      const c = await complaintInManagerReview();

      const res = await post(admin, c, 'START_INVESTIGATION');

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('investigating');
    });

    it('offers its events only to the manager and the admin', async () => {
      const c = await complaintInManagerReview();

      const seen = async (user: TestUser) => sorted((await getCase(user, c.id)).body.allowedEvents);

      expect(await seen(manager)).toEqual(['ANSWER', 'START_INVESTIGATION']);
      expect(await seen(admin)).toEqual(['ANSWER', 'START_INVESTIGATION']);
      expect(await seen(officer)).toEqual([]);
      expect(await seen(registrar)).toEqual([]);
      expect(await seen(coordinator)).toEqual([]);
    });
  });

  describe('allowedEvents', () => {
    it('offers the registrar route, resolve and withdraw on a registered company case', async () => {
      const c = await registered();

      const one = await getCase(registrar, c.id);
      const list = await app.request('GET', `/api/cases?q=${c.reference}`, { token: registrar.token });

      expect(sorted(c.allowedEvents)).toEqual(sorted(['ROUTE', 'RESOLVE_AT_FIRST_CONTACT', 'WITHDRAW']));
      expect(sorted(one.body.allowedEvents)).toEqual(sorted(['ROUTE', 'RESOLVE_AT_FIRST_CONTACT', 'WITHDRAW']));
      expect(sorted(list.body.items[0].allowedEvents)).toEqual(
        sorted(['ROUTE', 'RESOLVE_AT_FIRST_CONTACT', 'WITHDRAW']),
      );
    });

    it('offers the officer the handling events of a case in progress and the registrar only withdrawal', async () => {
      const c = await inProgress();

      const forOfficer = (await getCase(officer, c.id)).body.allowedEvents;
      const forRegistrar = (await getCase(registrar, c.id)).body.allowedEvents;
      const inOfficersList = (await app.request('GET', `/api/cases?q=${c.reference}`, { token: officer.token })).body
        .items[0].allowedEvents;

      const handling = sorted(['REQUEST_COMPLEMENT', 'EXTEND_DEADLINE', 'DECIDE', 'ASSIGN', 'WITHDRAW']);
      expect(sorted(forOfficer)).toEqual(handling);
      expect(sorted(inOfficersList)).toEqual(handling);
      expect(forRegistrar).toEqual(['WITHDRAW']);
    });

    it('offers a coordinator no events, in the case or in the list', async () => {
      const fresh = await registered();
      const busy = await inProgress();

      const one = await getCase(coordinator, fresh.id);
      const other = await getCase(coordinator, busy.id);
      const list = await app.request('GET', '/api/cases?limit=100', { token: coordinator.token });

      expect(one.body.allowedEvents).toEqual([]);
      expect(other.body.allowedEvents).toEqual([]);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(item.allowedEvents).toEqual([]);
    });

    it('offers nothing the role would then be refused', async () => {
      const c = await inProgress();
      const offered = (await getCase(registrar, c.id)).body.allowedEvents as string[];

      const refusedDecision = await post(registrar, c, 'DECIDE', decision);
      const acceptedWithdrawal = await post(registrar, c, 'WITHDRAW', { reason: 'Ansökan återkallad per telefon.' });

      expect(offered).not.toContain('DECIDE');
      expectProblem(refusedDecision, 403);
      expect(offered).toContain('WITHDRAW');
      expect(acceptedWithdrawal.status, JSON.stringify(acceptedWithdrawal.body)).toBe(200);
    });
  });

  describe('history', () => {
    it('records the actor of every accepted event on a company case', async () => {
      const c = await registered();
      await send(app, registrar, c.id, 'ROUTE', { unit: 'bygglov' });
      await send(app, manager, c.id, 'ASSIGN', { assigneeId: officer.id });
      await send(app, officer, c.id, 'START');
      await send(app, officer, c.id, 'REQUEST_COMPLEMENT', { message: 'Fasadritning saknas.' });
      await send(app, colleague, c.id, 'COMPLEMENT_RECEIVED', { note: 'Inkom per post.' });
      await send(app, manager, c.id, 'DECIDE', decision);
      await send(app, officer, c.id, 'CLOSE');
      await send(app, admin, c.id, 'REOPEN', { reason: 'Beslutet överklagat och upphävt.' });

      const trail = await history(officer, c.id);

      expect(trail.map((e) => [e.type, e.actor?.id, e.version])).toEqual([
        ['REGISTERED', registrar.id, 1],
        ['ROUTE', registrar.id, 2],
        ['ASSIGN', manager.id, 3],
        ['START', officer.id, 4],
        ['REQUEST_COMPLEMENT', officer.id, 5],
        ['COMPLEMENT_RECEIVED', colleague.id, 6],
        ['DECIDE', manager.id, 7],
        ['CLOSE', officer.id, 8],
        ['REOPEN', admin.id, 9],
      ]);
      expect(trail.map((e) => e.actor?.role)).toEqual([
        'registrar',
        'registrar',
        'manager',
        'officer',
        'officer',
        'officer',
        'manager',
        'officer',
        'admin',
      ]);
    });

    it('records the actor of every accepted event on a complaint', async () => {
      const c = await complaintInManagerReview();
      await send(app, manager, c.id, 'ANSWER', {
        answer: 'Chefen har gått igenom ärendet.',
        measures: 'Utbildning i bemötande.',
      });
      await send(app, officer, c.id, 'CLOSE');

      const trail = await history(manager, c.id);

      expect(trail.map((e) => [e.type, e.actor?.id])).toEqual([
        ['REGISTERED', registrar.id],
        ['ASSIGN', manager.id],
        ['ACKNOWLEDGE', officer.id],
        ['START_INVESTIGATION', officer.id],
        ['ANSWER', officer.id],
        ['DISSATISFIED', registrar.id],
        ['ANSWER', manager.id],
        ['CLOSE', officer.id],
      ]);
    });

    it('records nothing for a refused event', async () => {
      const c = await inProgress();
      const before = await history(officer, c.id);

      const res = await post(registrar, c, 'DECIDE', decision);

      expectProblem(res, 403);
      expect(await history(officer, c.id)).toEqual(before);
    });
  });
});
