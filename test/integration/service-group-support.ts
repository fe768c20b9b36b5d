import { afterEach, beforeAll, expect } from 'vitest';
import {
  companyCaseBody,
  expectNothingWritten,
  getTable as getTableOf,
  register,
  send,
  sendToTable,
  tableCounts,
} from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { DEFAULT_NOW, type ApiResponse, type TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

// What the "dukat bord" API tests share: the people, the cases and tables at each step of the
// table's lifecycle, and the checks that a refusal left everything as it was.

export type Body = Record<string, any>;

/** A 409 for something that already exists, as opposed to a stale version. */
export function expectConflict(res: ApiResponse): void {
  expectProblem(res, 409);
  expect(res.body.type).toMatch(/\/conflict$/);
}

export const without = (body: Body, key: string): Body => {
  const { [key]: _dropped, ...rest } = body;
  return rest;
};

export const sorted = (xs: string[]) => [...xs].sort();

/** A company of its own for each test: an organisation number that passes the Luhn check. */
let companySeq = 0;
export function newCompany(): { orgNumber: string; name: string } {
  companySeq += 1;
  const nine = `559${String(companySeq).padStart(6, '0')}`;
  let sum = 0;
  for (const [i, ch] of [...nine].entries()) {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return { orgNumber: `${nine}${(10 - (sum % 10)) % 10}`, name: `Bolag ${companySeq} AB` };
}

export const reason = 'Tre enheter ställer krav på samma lokal.';
export const meeting = {
  startsAt: '2026-11-27T10:00:00+01:00',
  endsAt: '2026-11-27T11:30:00+01:00',
  location: 'Rådhuset, sal 3',
};

/**
 * An app for the enclosing describe with the desk, a coordinator, an admin, two service-group
 * members (Bo for bygglov, Lisa for livsmedel), a bygglov manager and an officer of a unit with no
 * member; the injected clock goes back to DEFAULT_NOW after each test.
 */
export function useServiceGroupApp() {
  const {
    app,
    users: { desk, coordinator, admin, bygg, livs, manager, outsider },
  } = useTestApp({
    users: {
      desk: 'registrar',
      coordinator: ['coordinator', null, 'Sara Samordnare'],
      admin: 'admin',
      bygg: ['officer', 'bygglov', 'Bo Bygg'],
      livs: ['officer', 'livsmedel', 'Lisa Livs'],
      manager: ['manager', 'bygglov'],
      outsider: ['officer', 'upphandling'],
    },
  });

  beforeAll(async () => {
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

  const getTable = (user: TestUser, id: string) => getTableOf(app, user, id);
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
  const step = (esc: Body, type: string, payload: Body = {}, user = coordinator): Promise<Body> =>
    sendToTable(app, user, esc.id, type, payload);

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
    const countsBefore = await tableCounts(app);

    const res = await app.request('POST', `/api/escalations/${esc.id}/events`, { token: user.token, body });

    if (path) expectFieldError(res, path);
    else expectProblem(res, status);
    expect(res.status).toBe(status);
    expect(await tableCounts(app)).toEqual(countsBefore);
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

  return {
    app,
    desk,
    coordinator,
    admin,
    bygg,
    livs,
    manager,
    outsider,
    /** Runs `act` and asserts that not a single row was written anywhere. */
    expectNothingWritten: <T>(act: () => Promise<T>): Promise<T> => expectNothingWritten(app, act),
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
  };
}
