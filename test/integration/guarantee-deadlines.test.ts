import { describe, expect, it } from 'vitest';
import { type TestUser } from '../support/test-app.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const clockOf = (c: any, clock: string) => c.deadlines.find((d: any) => d.clock === clock);

describe('guarantee clocks on cases, through HTTP', () => {
  const {
    app,
    users: { desk, officer, livsmedelOfficer, admin },
  } = useTestApp({
    now: '2026-04-10T10:00:00+02:00',
    users: {
      desk: 'registrar',
      officer: ['officer', 'bygglov'],
      livsmedelOfficer: ['officer', 'livsmedel'],
      admin: 'admin',
    },
  });

  async function toWork(id: string, who: TestUser, unit: string) {
    await send(app, desk, id, 'ROUTE', { unit });
    await send(app, who, id, 'ASSIGN', { assigneeId: who.id });
    return send(app, who, id, 'START');
  }

  it('follows the worked example: 10 weeks to midsommarafton → 22 June, restart on complement → 13 July, one fifth off a day late', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00'); // fredag 10 april 2026, complete application
    const c = await register(app, desk, companyCaseBody());
    expect(clockOf(c, 'decision')).toMatchObject({
      state: 'running',
      dueDate: '2026-06-22',
      dueDateText: 'måndag 22 juni 2026',
      ruleVersion: 'PBL-2025',
    });
    expect(clockOf(c, 'first_contact')).toMatchObject({ state: 'running', dueDate: '2026-04-15' });

    app.clock.set('2026-04-13T09:00:00+02:00');
    const working = await toWork(c.id, officer, 'bygglov');
    expect(clockOf(working, 'first_contact').state).toBe('met');

    app.clock.set('2026-04-20T09:00:00+02:00'); // within three weeks of the application
    const waiting = await send(app, officer, c.id, 'REQUEST_COMPLEMENT', { message: 'Skicka en situationsplan.' });
    expect(clockOf(waiting, 'decision').state).toBe('paused');

    app.clock.set('2026-05-04T09:00:00+02:00');
    const resumed = await send(app, officer, c.id, 'COMPLEMENT_RECEIVED');
    expect(clockOf(resumed, 'decision')).toMatchObject({
      state: 'running',
      dueDate: '2026-07-13',
      dueDateText: 'måndag 13 juli 2026',
    });

    app.clock.set('2026-07-14T10:00:00+02:00'); // tisdag, one started week late
    const decided = await send(app, officer, c.id, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Åtgärden följer detaljplanen.',
    });
    expect(clockOf(decided, 'decision')).toMatchObject({ state: 'met_late', feeReductionFifths: 1 });
    const decisionMail = decided.notifications!.find((n: any) => n.template === 'decision');
    expect(decisionMail).toMatchObject({ audience: 'company', recipient: 'anna@example.se' });
  });

  it('grants no fee reduction when the delay comes from a 9:102 decision', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00');
    const c = await register(app, desk, companyCaseBody());
    await toWork(c.id, officer, 'bygglov');
    app.clock.set('2026-07-01T10:00:00+02:00');
    const decided = await send(app, officer, c.id, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Dispens från strandskyddet har nu getts.',
      delayCause: 'pbl_9_102',
    });
    expect(clockOf(decided, 'decision')).toMatchObject({ state: 'met_late', feeReductionFifths: 0 });
  });

  it('caps the reduction at five fifths and gives none on the due date itself', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00');
    const late = await register(app, desk, companyCaseBody());
    const onTime = await register(app, desk, companyCaseBody());
    await toWork(late.id, officer, 'bygglov');
    await toWork(onTime.id, officer, 'bygglov');
    app.clock.set('2026-06-22T16:00:00+02:00');
    const d1 = await send(app, officer, onTime.id, 'DECIDE', { outcome: 'approved', reasoning: 'Följer planen.' });
    expect(clockOf(d1, 'decision')).toMatchObject({ state: 'met', feeReductionFifths: null });
    app.clock.set('2026-09-01T10:00:00+02:00');
    const d2 = await send(app, officer, late.id, 'DECIDE', { outcome: 'approved', reasoning: 'Följer planen.' });
    expect(clockOf(d2, 'decision').feeReductionFifths).toBe(5);
  });

  it('does not restart the limit for a complement ordered more than three weeks after the application', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00');
    const c = await register(app, desk, companyCaseBody());
    await toWork(c.id, officer, 'bygglov');
    app.clock.set('2026-05-05T10:00:00+02:00');
    const waiting = await send(app, officer, c.id, 'REQUEST_COMPLEMENT', { message: 'Skicka fasadritningar.' });
    expect(clockOf(waiting, 'decision')).toMatchObject({ state: 'running', dueDate: '2026-06-22' });
    app.clock.set('2026-05-20T10:00:00+02:00');
    const resumed = await send(app, officer, c.id, 'COMPLEMENT_RECEIVED');
    expect(clockOf(resumed, 'decision')).toMatchObject({ state: 'running', dueDate: '2026-06-22' });
  });

  it('pauses a working-day clock over julafton and nyårsafton and resumes with what was left', async () => {
    app.clock.set('2026-12-14T10:00:00+01:00'); // måndag: 10 arbetsdagar → onsdag 30 december
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'livsmedel', subject: 'Registrering av livsmedelsanläggning' }),
    );
    expect(clockOf(c, 'decision').dueDate).toBe('2026-12-30');
    await toWork(c.id, livsmedelOfficer, 'livsmedel');
    app.clock.set('2026-12-18T10:00:00+01:00'); // fredag: 6 working days left (21–23, 28–30 Dec)
    const paused = await send(app, livsmedelOfficer, c.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka ritning över lokalen.',
    });
    expect(clockOf(paused, 'decision')).toMatchObject({
      state: 'paused',
      remaining: 'Pausad i väntan på komplettering',
    });
    // The clock records why it stands still; the texts read the cause, not the complement date.
    const causeOf = async () =>
      (
        await app.ctx
          .db('deadlines')
          .where({ id: clockOf(paused, 'decision').id })
          .first('paused_cause')
      ).paused_cause;
    expect(await causeOf()).toBe('REQUEST_COMPLEMENT');
    app.clock.set('2027-01-04T10:00:00+01:00'); // måndag: + 6 working days, trettondedag jul skipped
    const resumed = await send(app, livsmedelOfficer, c.id, 'COMPLEMENT_RECEIVED');
    expect(await causeOf()).toBeNull();
    expect(clockOf(resumed, 'decision')).toMatchObject({
      state: 'running',
      dueDate: '2027-01-13',
      dueDateText: 'onsdag 13 januari 2027',
      remaining: '6 arbetsdagar kvar',
    });
  });

  it('extends the decision limit once, before it passes, and tells the company', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00');
    const c = await register(app, desk, companyCaseBody());
    await toWork(c.id, officer, 'bygglov');
    app.clock.set('2026-06-01T10:00:00+02:00');
    const extended = await send(app, officer, c.id, 'EXTEND_DEADLINE', {
      reason: 'Remiss till Länsstyrelsen behövs.',
      weeks: 4,
    });
    expect(clockOf(extended, 'decision')).toMatchObject({
      dueDate: '2026-07-20',
      extensionReason: 'Remiss till Länsstyrelsen behövs.',
    });
    const notice = extended.notifications!.find((n: any) => n.template === 'extension');
    expect(notice).toMatchObject({ audience: 'company', recipient: 'anna@example.se' });
  });

  it('refuses an extension after the limit has passed (422) and writes nothing', async () => {
    app.clock.set('2026-04-10T10:00:00+02:00');
    const c = await register(app, desk, companyCaseBody());
    const working = await toWork(c.id, officer, 'bygglov');
    app.clock.set('2026-06-23T09:00:00+02:00');
    const res = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: officer.token,
      body: { type: 'EXTEND_DEADLINE', expectedVersion: working.version, reason: 'För sent.' },
    });
    expect(res.status).toBe(422);
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    expect(after.body.version).toBe(working.version);
    expect(after.body.details.extension).toBeNull();
  });

  it('lists overdue cases and cases due before a date', async () => {
    app.clock.set('2026-11-02T10:00:00+01:00');
    const early = await register(app, desk, companyCaseBody({ subject: 'Tidig förfrågan', category: 'ovrigt' })); // first contact due 5 Nov
    app.clock.set('2026-11-05T10:00:00+01:00');
    const later = await register(app, desk, companyCaseBody({ subject: 'Senare förfrågan', category: 'ovrigt' })); // due 10 Nov
    app.clock.set('2026-11-06T10:00:00+01:00');
    const overdue = await app.request('GET', '/api/cases?overdue=true&category=ovrigt&limit=100', {
      token: desk.token,
    });
    const ids = overdue.body.items.map((i: any) => i.id);
    expect(ids).toContain(early.id);
    expect(ids).not.toContain(later.id);
    const notOverdue = await app.request('GET', '/api/cases?overdue=false&category=ovrigt&limit=100', {
      token: desk.token,
    });
    expect(notOverdue.body.items.map((i: any) => i.id)).toContain(later.id);
    const dueSoon = await app.request('GET', '/api/cases?dueBefore=2026-11-09&category=ovrigt&limit=100', {
      token: desk.token,
    });
    expect(dueSoon.body.items.map((i: any) => i.id)).toEqual([early.id]);
    const item = overdue.body.items.find((i: any) => i.id === early.id);
    expect(clockOf(item, 'first_contact').remaining).toBe('Försenat med 1 arbetsdag');
  });

  it('counts a letter registered late from its arrival day (OSL 5:2)', async () => {
    app.clock.set('2026-11-20T10:00:00+01:00');
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'ovrigt', channel: 'letter', receivedAt: '2026-11-16T09:00:00+01:00' }),
    );
    expect(clockOf(c, 'first_contact')).toMatchObject({ dueDate: '2026-11-19', remaining: 'Försenat med 1 arbetsdag' });
  });

  it('runs complaint clocks: acknowledgement for named complaints only, answer for all', async () => {
    app.clock.set('2026-11-20T10:00:00+01:00');
    const named = await register(app, desk, complaintBody());
    expect(named.deadlines.map((d: any) => [d.clock, d.dueDate])).toEqual([
      ['complaint_ack', '2026-11-24'],
      ['complaint_answer', '2026-12-04'],
    ]);
    const anonymous = await register(
      app,
      desk,
      complaintBody({ anonymous: true, contact: undefined, company: undefined }),
    );
    expect(anonymous.deadlines.map((d: any) => d.clock)).toEqual(['complaint_answer']);
  });

  it('changes a guarantee without touching running clocks until an admin recomputes, and audits that', async () => {
    app.clock.set('2026-11-20T10:00:00+01:00');
    const before = await register(app, desk, companyCaseBody({ category: 'markupplatelse' }));
    expect(clockOf(before, 'decision').dueDate).toBe('2026-12-11'); // 15 working days

    const current = await app.request('GET', '/api/guarantees/markupplatelse-decision', { token: admin.token });
    const definition = { ...current.body.definition, length: { value: 10, unit: 'working_days' } };
    const refused = await app.request('PUT', '/api/guarantees/markupplatelse-decision', {
      token: officer.token,
      body: { definition },
    });
    expect(refused.status).toBe(403);
    const changed = await app.request('PUT', '/api/guarantees/markupplatelse-decision', {
      token: admin.token,
      body: { definition },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);

    const untouched = await app.request('GET', `/api/cases/${before.id}`, { token: desk.token });
    expect(clockOf(untouched.body, 'decision')).toMatchObject({ dueDate: '2026-12-11', guaranteeVersion: 1 });
    const newer = await register(app, desk, companyCaseBody({ category: 'markupplatelse' }));
    expect(clockOf(newer, 'decision')).toMatchObject({ dueDate: '2026-12-04', guaranteeVersion: 2 });

    const recomputed = await app.request('POST', '/api/guarantees/markupplatelse-decision/recompute', {
      token: admin.token,
    });
    expect(recomputed.body.recomputed).toBeGreaterThanOrEqual(1);
    const moved = await app.request('GET', `/api/cases/${before.id}`, { token: desk.token });
    expect(clockOf(moved.body, 'decision')).toMatchObject({ dueDate: '2026-12-04', guaranteeVersion: 2 });
    const history = await app.request('GET', `/api/cases/${before.id}/history`, { token: desk.token });
    const audit = history.body.items.find((e: any) => e.type === 'GUARANTEE_RECOMPUTED');
    expect(audit).toMatchObject({ actor: { id: admin.id }, payload: { fromVersion: 1, toVersion: 2 } });
  });

  it('rejects a guarantee naming a state the lifecycle does not have', async () => {
    const res = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: {
        code: 'felaktig',
        definition: {
          label: 'Fel',
          kind: 'company_case',
          clock: 'custom_fel',
          length: { value: 1, unit: 'working_days' },
          startsOn: { event: 'REGISTERED' },
          stopsOn: ['finns_inte'],
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('definition.stopsOn.0');
  });

  it('does not start a guarantee during its suspended period', async () => {
    const created = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: {
        code: 'sommarfri-etablering',
        definition: {
          label: 'Besök inom 10 arbetsdagar (gäller inte sommartid)',
          kind: 'company_case',
          category: 'etablering',
          clock: 'custom_visit',
          length: { value: 10, unit: 'working_days' },
          startsOn: { event: 'REGISTERED' },
          stopsOn: ['decided'],
          suspended: [{ from: '06-01', to: '08-31' }],
        },
      },
    });
    expect(created.status).toBe(201);
    app.clock.set('2026-07-01T10:00:00+02:00');
    const summer = await register(app, desk, companyCaseBody({ category: 'etablering' }));
    expect(summer.deadlines.map((d: any) => d.clock)).not.toContain('custom_visit');
    app.clock.set('2026-09-01T10:00:00+02:00');
    const autumn = await register(app, desk, companyCaseBody({ category: 'etablering' }));
    expect(clockOf(autumn, 'custom_visit').dueDate).toBe('2026-09-15');
  });

  it('counts local closing days an admin sets', async () => {
    const put = await app.request('PUT', '/api/admin/closing-days', {
      token: admin.token,
      body: [{ date: '2027-03-01', name: 'Personaldag' }],
    });
    expect(put.status).toBe(200);
    app.clock.set('2027-02-26T10:00:00+01:00'); // fredag
    const c = await register(app, desk, companyCaseBody({ category: 'ovrigt' }));
    expect(clockOf(c, 'first_contact').dueDate).toBe('2027-03-04');
    const cal = await app.request('GET', '/api/calendar/non-working-days?year=2027');
    expect(cal.body).toContainEqual({ date: '2027-03-01', name: 'Personaldag' });
    await app.request('PUT', '/api/admin/closing-days', { token: admin.token, body: [] });
  });

  it('adds an extension made while a paused clock waits to what it has left', async () => {
    app.clock.set('2026-11-02T10:00:00+01:00'); // måndag: livsmedel, 10 arbetsdagar → måndag 16 november
    const c = await register(app, desk, companyCaseBody({ category: 'livsmedel' }));
    await toWork(c.id, livsmedelOfficer, 'livsmedel');
    app.clock.set('2026-11-06T10:00:00+01:00'); // fredag: 6 working days left
    await send(app, livsmedelOfficer, c.id, 'REQUEST_COMPLEMENT', { message: 'Skicka planritning.' });
    const extended = await send(app, livsmedelOfficer, c.id, 'EXTEND_DEADLINE', {
      reason: 'Samråd med räddningstjänsten.',
      weeks: 1,
    });
    expect(clockOf(extended, 'decision').state).toBe('paused');
    app.clock.set('2026-11-16T10:00:00+01:00'); // måndag: 6 + 5 working days → tisdag 1 december
    const resumed = await send(app, livsmedelOfficer, c.id, 'COMPLEMENT_RECEIVED');
    expect(clockOf(resumed, 'decision')).toMatchObject({ state: 'running', dueDate: '2026-12-01' });
  });

  it('refuses a second guarantee that would start the same clock for the same cases', async () => {
    const current = await app.request('GET', '/api/guarantees/bygglov-decision', { token: admin.token });
    const res = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: { code: 'bygglov-beslut-2', definition: current.body.definition },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('definition.clock');
  });

  it('refuses the same closing day twice', async () => {
    const res = await app.request('PUT', '/api/admin/closing-days', {
      token: admin.token,
      body: [
        { date: '2027-03-01', name: 'A' },
        { date: '2027-03-01', name: 'B' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('1.date');
  });

  it('lets an officer follow a case it registered before the desk routes it', async () => {
    app.clock.set('2026-11-20T10:00:00+01:00');
    const c = await register(app, officer, companyCaseBody({ category: 'ovrigt' }));
    const seen = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    expect(seen.status).toBe(200);
    const listed = await app.request('GET', '/api/cases?limit=100', { token: officer.token });
    expect(listed.body.items.map((i: any) => i.id)).toContain(c.id);
    const other = await app.user('officer', 'bygglov');
    expect((await app.request('GET', `/api/cases/${c.id}`, { token: other.token })).status).toBe(404);
  });

  it('links a follow-up company case to an earlier case', async () => {
    app.clock.set('2026-11-20T10:00:00+01:00');
    const first = await register(app, desk, companyCaseBody());
    const followUp = await register(
      app,
      desk,
      companyCaseBody({ relatedCaseId: first.reference, subject: 'Ändring av beviljat bygglov' }),
    );
    expect(followUp.relatedCaseId).toBe(first.id);
  });

  it('shows the categories with the guarantees of the catalogue', async () => {
    const res = await app.request('GET', '/api/categories');
    const bygglov = res.body.items.find((c: any) => c.code === 'bygglov');
    expect(bygglov.guarantees.map((g: any) => [g.clock, g.length])).toEqual([
      ['decision', { value: 10, unit: 'weeks' }],
      ['first_contact', { value: 3, unit: 'working_days' }],
    ]);
  });
});
