import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseNki, type SurveyAnswerScores } from '../../src/domain/nki.js';
import { surveyJobIdOf } from '../../src/domain/survey-schedule.js';
import { companyCaseBody, complaintBody, register, send, tableCounts } from '../support/fixtures.js';
import { runJobNow } from '../support/jobs.js';
import {
  closedCase,
  contactFor,
  goodAnswer,
  invited,
  isInvitation,
  isReminder,
  settled,
  surveyMails,
  surveyOf,
  startSurveyWorld,
  tokenIn,
  type SurveyWorld,
} from './survey-flow.js';

const soleTrader = { orgNumber: '19121212-1212', name: 'Tolvans Snickeri' };

describe('the follow-up survey: from a closed case to an answer without identity', () => {
  let w: SurveyWorld;
  beforeAll(async () => {
    w = await startSurveyWorld();
  });
  afterAll(async () => {
    await w.close();
  });
  const job = (s: { id: string; version: number | string }, point: Parameters<typeof surveyJobIdOf>[2]) =>
    runJobNow(w.app, surveyJobIdOf(s.id, Number(s.version), point));

  it('invites two working days after closing, reminds three times, stops after the answer and keeps no identity beside it', async () => {
    const contact = contactFor('Anna');
    // Closed on Friday 27 November 2026 at 14.00.
    const c = await closedCase(w, { contact }, '2026-11-27T14:00:00+01:00');
    await settled(w.app, c.id);
    const s = await surveyOf(w.app, c.id);
    expect(s).toMatchObject({
      status: 'scheduled',
      area: 'bygglov',
      unit: 'bygglov',
      closed_month: '2026-11',
      send_after: '2026-12-01T08:00:00.000Z',
    });
    expect(await (await w.app.ctx.queues.deadlines.getJob(surveyJobIdOf(s.id, 1, 'invite')))?.isDelayed()).toBe(true);

    // Nothing before tisdag 1 december 2026 kl. 09.00.
    w.app.clock.set('2026-12-01T08:59:59+01:00');
    await w.app.reconcile();
    expect(
      await w.app.ctx
        .db('notifications')
        .where({ case_id: c.id })
        .whereIn('template', ['survey_invitation', 'survey_reminder']),
    ).toEqual([]);
    expect(await w.app.ctx.db('surveys').where({ id: s.id }).first()).toMatchObject({ status: 'scheduled' });

    w.app.clock.set('2026-12-01T09:00:00+01:00');
    expect(await job(s, 'invite')).toEqual({ result: 'invited' });
    await w.smtp.waitFor(() => surveyMails(w, contact.email).length === 1, 'the invitation');
    const invitation = surveyMails(w, contact.email)[0]!;
    expect(invitation.subject).toBe(`Vad tyckte du om vår service i ärende ${c.reference}?`);
    expect(invitation.text).toContain('Hej Anna Svensson!');
    expect(invitation.text).toContain('Du kan svara till och med onsdag 23 december 2026.');
    expect(invitation.text).toContain('utan ditt namn, ditt företag och ärendenumret');
    const firstToken = tokenIn(invitation);
    const note = await w.app.ctx
      .db('notifications')
      .where({ key: `survey-${s.id}-invite` })
      .first();
    expect(note).toMatchObject({
      case_id: c.id,
      template: 'survey_invitation',
      created_at: '2026-12-01T08:00:00.000Z',
    });
    // Only the hash of a link is kept with the survey.
    const tokens = await w.app.ctx.db('survey_tokens').where({ survey_id: s.id });
    expect(tokens).toHaveLength(1);
    expect(tokens[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await w.app.ctx.db('surveys').where({ id: s.id }).first())).not.toContain(firstToken);

    // Reminder 1: five days later is Sunday 6 December, so Monday 7 December at 09.00.
    w.app.clock.set('2026-12-07T08:59:00+01:00');
    await w.app.reconcile();
    expect(surveyMails(w, contact.email).filter(isReminder)).toHaveLength(0);
    w.app.clock.set('2026-12-07T09:00:00+01:00');
    expect(await job(s, 'remind-1')).toEqual({ result: 'reminded' });
    await w.smtp.waitFor(() => surveyMails(w, contact.email).filter(isReminder).length === 1, 'reminder 1');
    const reminder = surveyMails(w, contact.email).find(isReminder)!;
    expect(reminder.subject).toBe(`Påminnelse: vad tyckte du om vår service i ärende ${c.reference}?`);
    const secondToken = tokenIn(reminder);
    expect(secondToken).not.toBe(firstToken);

    // The answer, on Tuesday 8 December, through the reminder's link.
    w.app.clock.set('2026-12-08T10:15:00+01:00');
    // The answer adds its row and spends the survey's links; every other table stays as it was.
    const answerTables = ['survey_answers', 'survey_tokens'] as const;
    const before = await tableCounts(w.app, [...answerTables]);
    const notesBefore = await w.app.ctx.db('notifications').count({ n: '*' }).first();
    const answered = await w.app.request('POST', `/survey/${secondToken}`, { body: goodAnswer });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ status: 'answered' });

    // The answer row: area, unit and month only. No case, contact, company or survey beside it.
    const columns = Object.keys(await w.app.ctx.db('survey_answers').columnInfo()).sort();
    expect(columns).toEqual(
      [
        'answered_at',
        'area',
        'closed_month',
        'comment',
        'f_bemotande',
        'f_effektivitet',
        'f_information',
        'f_kompetens',
        'f_rattssakerhet',
        'f_tillganglighet',
        'id',
        'nki_expectations',
        'nki_ideal',
        'nki_overall',
        'unit',
      ].sort(),
    );
    const rows = await w.app.ctx.db('survey_answers').where({ area: 'bygglov' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      area: 'bygglov',
      unit: 'bygglov',
      closed_month: '2026-11',
      answered_at: '2026-12-08T09:15:00.000Z',
      nki_overall: 8,
      nki_expectations: 7,
      nki_ideal: 7,
      f_information: 5,
      f_tillganglighet: 4,
      f_bemotande: 5,
      f_kompetens: 6,
      f_rattssakerhet: null,
      f_effektivitet: 4,
      comment: 'Tydligt besked och snabbt svar.',
    });
    // The survey learns only that it was answered: no answer id, no time, no link left.
    expect(Object.keys(await w.app.ctx.db('surveys').columnInfo()).filter((k) => /answer/.test(k))).toEqual([]);
    const after = await w.app.ctx.db('surveys').where({ id: s.id }).first();
    expect(after.status).toBe('answered');
    expect(JSON.stringify(after)).not.toContain('2026-12-08');
    expect(await w.app.ctx.db('survey_tokens').where({ survey_id: s.id })).toEqual([]);
    // Nothing else was written at the moment of answering that could tie it to the case.
    expect(await tableCounts(w.app, [...answerTables])).toEqual(before);
    expect(await w.app.ctx.db('notifications').count({ n: '*' }).first()).toEqual(notesBefore);
    expect(w.app.logLines.filter((l) => l.includes(secondToken) || l.includes(firstToken))).toEqual([]);

    // One time only, whichever link: the same 404 as a link that never existed.
    const again = await w.app.request('POST', `/survey/${secondToken}`, { body: goodAnswer });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await w.app.request('POST', `/survey/${firstToken}`, { body: goodAnswer })).status).toBe(404);
    const unknown = await w.app.request('GET', `/survey/${'A'.repeat(43)}`);
    const used = await w.app.request('GET', `/survey/${firstToken}`);
    expect([unknown.status, used.status]).toEqual([404, 404]);
    expect(used.body).toBe(unknown.body);
    expect(await w.app.ctx.db('survey_answers').where({ area: 'bygglov' })).toHaveLength(1);

    // No reminder after the answer.
    w.app.clock.set('2026-12-11T09:00:00+01:00');
    expect(await job(s, 'remind-2')).toEqual({ result: 'stale' });
    w.app.clock.set('2026-12-16T09:00:00+01:00');
    expect(await job(s, 'remind-3')).toEqual({ result: 'stale' });
    w.app.clock.set('2026-12-24T00:00:00+01:00');
    expect(await job(s, 'expire')).toEqual({ result: 'closed-out' });
    await w.app.reconcile();
    expect(surveyMails(w, contact.email).map((m) => (isInvitation(m) ? 'invitation' : 'reminder'))).toEqual([
      'invitation',
      'reminder',
    ]);
  });

  it('sends all three reminders at their dates to a company that does not answer, then closes the survey', async () => {
    w.app.clock.set('2026-11-23T09:00:00+01:00');
    const contact = contactFor('Bo');
    const c = await closedCase(w, { contact }, '2026-11-27T14:00:00+01:00');
    const { survey: s, token } = await invited(w, c.id, contact.email);
    expect(s.expires_at).toBe('2026-12-23T23:00:00.000Z');
    const sentAt = async () =>
      (await w.app.ctx.db('notifications').where({ case_id: c.id, template: 'survey_reminder' }).orderBy('id')).map(
        (n: any) => n.created_at,
      );
    for (const [point, at] of [
      ['remind-1', '2026-12-07T09:00:00+01:00'], // måndag 7 december
      ['remind-2', '2026-12-11T09:00:00+01:00'], // fredag 11 december
      ['remind-3', '2026-12-16T09:00:00+01:00'], // onsdag 16 december
    ] as const) {
      w.app.clock.set(at);
      expect(await job(s, point)).toEqual({ result: 'reminded' });
    }
    await w.smtp.waitFor(() => surveyMails(w, contact.email).filter(isReminder).length === 3, 'three reminders');
    expect(await sentAt()).toEqual([
      '2026-12-07T08:00:00.000Z',
      '2026-12-11T08:00:00.000Z',
      '2026-12-16T08:00:00.000Z',
    ]);
    // The last day to answer is onsdag 23 december; at midnight the survey closes.
    w.app.clock.set('2026-12-23T23:59:00+01:00');
    expect((await w.app.request('GET', `/survey/${token}`)).status).toBe(200);
    w.app.clock.set('2026-12-24T00:00:00+01:00');
    expect((await w.app.request('GET', `/survey/${token}`)).status).toBe(404);
    expect(await job(s, 'expire')).toEqual({ result: 'expired' });
    expect(await surveyOf(w.app, c.id)).toMatchObject({ status: 'expired' });
    expect(await w.app.ctx.db('survey_tokens').where({ survey_id: s.id })).toEqual([]);
    await w.app.reconcile();
    expect(surveyMails(w, contact.email)).toHaveLength(4);
  });

  it('surveys a matter resolved at first contact, for the desk', async () => {
    w.app.clock.set('2026-11-24T10:00:00+01:00'); // tisdag
    const c = await register(w.app, w.desk, companyCaseBody({ category: 'ovrigt', contact: contactFor('Cecilia') }));
    await send(w.app, w.desk, c.id, 'RESOLVE_AT_FIRST_CONTACT', { resolution: 'Frågan besvarades i telefon.' });
    expect(await surveyOf(w.app, c.id)).toMatchObject({
      area: 'ovrigt',
      unit: 'medborgarcenter',
      send_after: '2026-11-26T08:00:00.000Z',
    });
  });

  it('does not survey a withdrawn case, a complaint, a case left at "Beslut fattat" or an organisation that said no', async () => {
    w.app.clock.set('2026-11-24T10:00:00+01:00');
    const withdrawn = await register(w.app, w.desk, companyCaseBody({ contact: contactFor('Dan') }));
    await send(w.app, w.desk, withdrawn.id, 'WITHDRAW', { reason: 'Företaget drog tillbaka ansökan.' });

    const complaint = await register(w.app, w.desk, complaintBody({ contact: contactFor('Eva'), unit: 'bygglov' }));
    const officer = await w.officer('bygglov');
    const manager = await w.app.user('manager', 'bygglov');
    await send(w.app, manager, complaint.id, 'ASSIGN', { assigneeId: officer.id });
    await send(w.app, officer, complaint.id, 'ACKNOWLEDGE');
    await send(w.app, officer, complaint.id, 'START_INVESTIGATION');
    await send(w.app, officer, complaint.id, 'ANSWER', {
      answer: 'Vi ber om ursäkt.',
      measures: 'Vi går igenom rutinen.',
    });
    await send(w.app, officer, complaint.id, 'CLOSE');

    const decidedOnly = await register(w.app, w.desk, companyCaseBody({ contact: contactFor('Fia') }));
    await send(w.app, w.desk, decidedOnly.id, 'ROUTE', { unit: 'bygglov' });
    await send(w.app, officer, decidedOnly.id, 'ASSIGN', { assigneeId: officer.id });
    await send(w.app, officer, decidedOnly.id, 'START');
    await send(w.app, officer, decidedOnly.id, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Ansökan uppfyller kraven.',
    });

    const declined = await closedCase(
      w,
      { contact: contactFor('Gun'), surveyConsent: false },
      '2026-11-24T11:00:00+01:00',
    );

    for (const c of [withdrawn, complaint, decidedOnly, declined]) await settled(w.app, c.id);
    const surveyed = await w.app.ctx
      .db('surveys')
      .whereIn('case_id', [withdrawn.id, complaint.id, decidedOnly.id, declined.id]);
    expect(surveyed).toEqual([]);
  });

  it('asks a sole trader first: no answer is a 400 naming surveyConsent, no is no survey, yes is a survey', async () => {
    w.app.clock.set('2026-11-24T10:00:00+01:00');
    const consents = () => w.app.ctx.db('survey_consents').select('case_id', 'consent');
    const before = { tables: await tableCounts(w.app), consents: await consents() };
    const missing = await w.app.request('POST', '/api/cases', {
      token: w.desk.token,
      body: companyCaseBody({ company: soleTrader, contact: contactFor('Hans') }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'surveyConsent', message: expect.stringContaining('enkät') }]);
    expect({ tables: await tableCounts(w.app), consents: await consents() }).toEqual(before);

    const no = await closedCase(
      w,
      { company: soleTrader, contact: contactFor('Ida'), surveyConsent: false },
      '2026-11-24T11:00:00+01:00',
    );
    const yes = await closedCase(
      w,
      { company: soleTrader, contact: contactFor('Jan'), surveyConsent: true },
      '2026-11-24T11:00:00+01:00',
    );
    await settled(w.app, no.id);
    expect(await w.app.ctx.db('surveys').where({ case_id: no.id })).toEqual([]);
    expect(await surveyOf(w.app, yes.id)).toMatchObject({
      status: 'scheduled',
      send_after: '2026-11-26T08:00:00.000Z',
    });
    // A complaint needs no consent: it is never surveyed.
    const complaint = await w.app.request('POST', '/api/cases', {
      token: w.desk.token,
      body: complaintBody({ company: soleTrader, contact: contactFor('Kim') }),
    });
    expect(complaint.status).toBe(201);
  });

  it('moves the invitation to the latest closing when the case is reopened before it went out', async () => {
    const contact = contactFor('Lena');
    const c = await closedCase(w, { contact }, '2026-11-27T14:00:00+01:00');
    await settled(w.app, c.id);
    const first = await surveyOf(w.app, c.id);
    const officer = await w.officer('bygglov');
    w.app.clock.set('2026-11-30T10:00:00+01:00');
    await send(w.app, officer, c.id, 'REOPEN', { reason: 'En bilaga saknades.' });
    w.app.clock.set('2026-12-01T09:00:00+01:00');
    expect(await job(first, 'invite')).toEqual({ result: 'stale' });
    expect(surveyMails(w, contact.email)).toEqual([]);

    await send(w.app, officer, c.id, 'DECIDE', { outcome: 'approved', reasoning: 'Bilagan har kommit in.' });
    w.app.clock.set('2026-12-03T11:00:00+01:00'); // torsdag
    await send(w.app, officer, c.id, 'CLOSE');
    await settled(w.app, c.id);
    const moved = await surveyOf(w.app, c.id);
    expect(moved).toMatchObject({
      id: first.id,
      version: 2,
      status: 'scheduled',
      closed_month: '2026-12',
      send_after: '2026-12-07T08:00:00.000Z',
    });
    const { mail } = await invited(w, c.id, contact.email);
    expect(mail.text).toContain(c.reference);
    expect(await w.app.ctx.db('surveys').where({ case_id: c.id })).toHaveLength(1);
  });

  it('turns seven answers of one area and month into an approx. NKI with exact figures', async () => {
    // The worked example of docs/survey.md, answered over HTTP from seven livsmedel cases.
    const example = [
      [8, 7, 7, 5, 4],
      [9, 8, 8, 6, 5],
      [6, 5, 5, 4, 3],
      [10, 9, 9, 6, 6],
      [7, 7, 6, 5, 4],
      [8, 8, 7, 5, null],
      [5, 4, 4, 3, 2],
    ] as const;
    const tokens: string[] = [];
    for (const [i] of example.entries()) {
      w.app.clock.set('2026-11-23T09:00:00+01:00');
      const contact = contactFor(`Livs${i}`);
      const c = await closedCase(w, { category: 'livsmedel', contact }, '2026-11-27T15:00:00+01:00', 'livsmedel');
      tokens.push((await invited(w, c.id, contact.email)).token);
    }
    const readAnswers = async (): Promise<SurveyAnswerScores[]> =>
      (await w.app.ctx.db('survey_answers').where({ area: 'livsmedel', closed_month: '2026-11' })).map((r: any) => ({
        overall: r.nki_overall,
        expectations: r.nki_expectations,
        ideal: r.nki_ideal,
        factors: { bemotande: r.f_bemotande, effektivitet: r.f_effektivitet },
      }));
    for (const [i, [overall, expectations, ideal, bemotande, effektivitet]] of example.entries()) {
      const res = await w.app.request('POST', `/survey/${tokens[i]}`, {
        body: { nkiOverall: overall, nkiExpectations: expectations, nkiIdeal: ideal, bemotande, effektivitet },
      });
      expect(res.status).toBe(200);
      if (i === 5) expect(summariseNki(await readAnswers())).toMatchObject({ answers: 6, shown: false, nki: null });
    }
    const summary = summariseNki(await readAnswers());
    expect(summary).toMatchObject({ answers: 7, shown: true, comparable: false, nki: 67, band: 'godkant' });
    expect(summary.factors).toMatchObject({ bemotande: 77, effektivitet: null });

    // The same figures in the NKI report.
    const manager = await w.app.user('manager', 'livsmedel');
    const report = await w.app.request('GET', '/api/reports/nki?from=2026-11&to=2026-11&category=livsmedel', {
      token: manager.token,
    });
    expect(report.status).toBe(200);
    const row = (measure: string) => report.body.rows.find((r: any) => r.area === 'livsmedel' && r.measure === measure);
    expect(row('nki')).toMatchObject({ answers: 7, value: 67, band: 'godkant' });
    expect(row('bemotande')).toMatchObject({ answers: 7, value: 77 });
    expect(row('effektivitet')).toMatchObject({ answers: 6, value: null });
  });
});

describe('the survey after Redis lost everything', () => {
  it('still sends the pending invitation, and the reminder, exactly once', async () => {
    const w = await startSurveyWorld({ redisDb: 12 });
    try {
      const contact = contactFor('Maja');
      const c = await closedCase(w, { contact }, '2026-11-27T14:00:00+01:00');
      const s = await surveyOf(w.app, c.id);
      await settled(w.app, c.id);
      await w.app.ctx.queues.connection.flushdb();
      expect(await w.app.ctx.queues.deadlines.getJob(surveyJobIdOf(s.id, 1, 'invite'))).toBeUndefined();

      w.app.clock.set('2026-12-01T09:00:00+01:00');
      await w.app.reconcile();
      await w.smtp.waitFor(() => surveyMails(w, contact.email).length === 1, 'the invitation after the flush');
      await w.app.reconcile();
      await w.app.reconcile();

      await w.app.ctx.queues.connection.flushdb();
      w.app.clock.set('2026-12-07T09:00:00+01:00');
      await w.app.reconcile();
      await w.smtp.waitFor(
        () => surveyMails(w, contact.email).filter(isReminder).length === 1,
        'reminder 1 after the second flush',
      );
      // Every wake-up of the survey runs once more; none of them mails again.
      for (const point of ['invite', 'remind-1'] as const) {
        const again = await w.app.ctx.queues.deadlines.add(
          'survey-point',
          { surveyId: s.id, version: 1, point, at: s.send_after },
          { jobId: `dup-${s.id}-${point}` },
        );
        expect(await runJobNow(w.app, again.id!)).toEqual({ result: 'stale' });
      }
      await w.app.reconcile();
      expect(surveyMails(w, contact.email).map((m) => (isInvitation(m) ? 'invitation' : 'reminder'))).toEqual([
        'invitation',
        'reminder',
      ]);
      expect(
        await w.app.ctx
          .db('notifications')
          .where({ case_id: c.id })
          .whereIn('template', ['survey_invitation', 'survey_reminder'])
          .pluck('status'),
      ).toEqual(['sent', 'sent']);
    } finally {
      await w.close();
    }
  });
});
