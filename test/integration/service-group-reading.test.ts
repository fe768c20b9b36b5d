import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tableCounts } from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { type ApiResponse, type TestUser } from '../support/test-app.js';
import { sorted, meeting, type Body, useServiceGroupApp } from './service-group-support.js';

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
    listFor,
    step,
    requested,
    composing,
    followUp,
    expectRefused,
  } = useServiceGroupApp();

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
      const countsBefore = await tableCounts(app);

      const res = await complete(user, esc.id, actionId, body);

      if (path) expectFieldError(res, path);
      else expectProblem(res, status);
      expect(await tableCounts(app)).toEqual(countsBefore);
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
});
