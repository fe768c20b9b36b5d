import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobIdOf } from '../../src/domain/wake-ups.js';
import { startTestApp } from '../support/test-app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { eventually } from '../support/wait.js';
import { runJobNow } from '../support/jobs.js';
import { useTestApp } from '../support/use-test-app.js';

// A continuous clock of ten seconds with a warning half-way: short enough to follow in a test,
// long enough that nothing fires before the test moves the injected clock.
const TEN_SECONDS = 10 / 3600;
const quickGuarantee = (code: string, category: string) => ({
  code,
  definition: {
    label: 'Svar inom tio sekunder',
    kind: 'company_case',
    category,
    clock: `custom_${code.replace(/-/g, '_')}`,
    length: { value: TEN_SECONDS, unit: 'hours' },
    startsOn: { event: 'REGISTERED' },
    stopsOn: ['decided'],
    pausesIn: ['awaiting_complement'],
    warnings: [{ atFraction: 0.5 }],
    onBreach: ['notify_manager'],
  },
});

describe('reminders and escalations by e-mail, through BullMQ and a real SMTP server', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  // Friday 20 November 2026, 10:00 in Stockholm: inside office hours.
  const {
    app,
    users: { desk, officer, manager, admin },
  } = useTestApp({
    now: '2026-11-20T10:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: {
      desk: 'registrar',
      officer: ['officer', 'naringsliv'],
      manager: ['manager', 'naringsliv'],
      admin: 'admin',
    },
  });
  beforeAll(async () => {
    const created = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: quickGuarantee('snabbsvar', 'ovrigt'),
    });
    expect(created.status).toBe(201);
  });
  afterEach(() => {
    app.clock.set('2026-11-20T10:00:00+01:00');
  });

  async function assignedCase() {
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'ovrigt', subject: `Fråga ${Math.random().toString(36).slice(2, 8)}` }),
    );
    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    return send(app, officer, c.id, 'START');
  }
  const quick = (c: any) => c.deadlines.find((d: any) => d.clock === 'custom_snabbsvar');
  const mailsAbout = (reference: string) => smtp.mails.filter((m) => (m.subject ?? '').includes(reference));
  const jobResult = (jobId: string) => runJobNow(app, jobId);
  /**
   * The dispatcher schedules a clock's wake-ups from the outbox shortly after it starts; a test of what
   * they do once the clock moved on waits for them first.
   */
  const scheduled = (dl: { id: string; version: number }) =>
    eventually(
      async () =>
        Boolean(
          (await app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version, 'warn-1'))) &&
          (await app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version, 'due'))),
        ),
      Boolean,
      'the clock’s wake-ups to be scheduled',
    );

  it('sends the company a receipt on registration, in Swedish, with the due date written out', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'bygglov', contact: { name: 'Per Holm', email: 'per@holm.example' } }),
    );
    const [receipt] = await smtp
      .waitFor(() => smtp.to('per@holm.example').length === 1, 'the receipt')
      .then(() => smtp.to('per@holm.example'));
    expect(receipt!.subject).toBe(`Vi har tagit emot ditt ärende ${c.reference}`);
    expect(receipt!.text).toContain('Hej Per Holm!');
    expect(receipt!.text).toContain('senast fredag 29 januari 2027');
    expect(receipt!.text).toContain('sänks avgiften med en femtedel');
    expect(receipt!.html).toContain('lang="sv"');
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(after.body.notifications[0]).toMatchObject({ template: 'receipt', status: 'sent', attempts: 1 });
  });

  it('warns the officer half-way and escalates the breach to officer and manager', async () => {
    const c = await assignedCase();
    const dl = quick(c);
    expect(dl.state).toBe('running');
    app.clock.advance(6_000);
    await app.reconcile();
    await smtp.waitFor(() => mailsAbout(c.reference).some((m) => m.subject!.startsWith('Påminnelse')), 'the warning');
    const warning = mailsAbout(c.reference).find((m) => m.subject!.startsWith('Påminnelse'))!;
    expect(warning.to).toMatchObject({ value: [{ address: officer.email }] });

    app.clock.advance(5_000);
    await app.reconcile();
    await smtp.waitFor(
      () =>
        mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Servicegarantin har inte hållits')).length === 2,
      'breach mails to officer and manager',
    );
    const breached = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    expect(quick(breached.body).state).toBe('breached');
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: officer.token });
    expect(history.body.items.map((e: any) => e.type)).toContain('GUARANTEE_BREACHED');
    const overdue = await app.request('GET', '/api/cases?overdue=true&limit=100', { token: manager.token });
    expect(overdue.body.items.map((i: any) => i.id)).toContain(c.id);
  });

  it('sends nothing for a clock that was met before its points', async () => {
    const c = await assignedCase();
    const dl = quick(c);
    await scheduled(dl);
    await send(app, officer, c.id, 'DECIDE', { outcome: 'approved', reasoning: 'Frågan är besvarad.' });
    app.clock.advance(11_000);
    await app.reconcile();
    expect(await jobResult(jobIdOf(dl.id, dl.version, 'warn-1'))).toEqual({ result: 'stale' });
    expect(await jobResult(jobIdOf(dl.id, dl.version, 'due'))).toEqual({ result: 'stale' });
    expect(
      mailsAbout(c.reference).filter(
        (m) => m.subject!.startsWith('Påminnelse') || m.subject!.startsWith('Servicegarantin'),
      ),
    ).toEqual([]);
  });

  it('sends nothing while the clock is paused, and counts on from where it stopped', async () => {
    const c = await assignedCase();
    const dl = quick(c);
    await scheduled(dl);
    app.clock.advance(2_000);
    const paused = await send(app, officer, c.id, 'REQUEST_COMPLEMENT', { message: 'Skicka underlag.' });
    expect(quick(paused)).toMatchObject({ state: 'paused', remainingMs: 8_000 });
    app.clock.advance(60_000);
    await app.reconcile();
    expect(await jobResult(jobIdOf(dl.id, dl.version, 'due'))).toEqual({ result: 'stale' });
    const resumed = await send(app, officer, c.id, 'COMPLEMENT_RECEIVED');
    expect(new Date(quick(resumed).dueAt).getTime() - app.clock.now().getTime()).toBe(8_000);
    expect(
      mailsAbout(c.reference).filter(
        (m) => m.subject!.startsWith('Påminnelse') || m.subject!.startsWith('Servicegarantin'),
      ),
    ).toEqual([]);
  });

  it('mails exactly once when the same job runs twice', async () => {
    const c = await assignedCase();
    const dl = quick(c);
    app.clock.advance(6_000);
    await app.reconcile();
    await smtp.waitFor(() => mailsAbout(c.reference).some((m) => m.subject!.startsWith('Påminnelse')), 'the warning');
    // The same wake-up again under another job id, as a duplicate delivery would be.
    const again = await app.ctx.queues.deadlines.add(
      'deadline-point',
      {
        deadlineId: dl.id,
        version: dl.version,
        point: 'warn-1',
        at: new Date(Date.parse(dl.startedAt) + 5_000).toISOString(),
      },
      { jobId: `dup-${dl.id}` },
    );
    await eventually(() => again.isCompleted(), Boolean, 'the duplicate job');
    const key = (await app.ctx.db('notifications').where({ deadline_id: dl.id }).first()).key;
    const mailAgain = await app.ctx.queues.mail.add('send-mail', { key }, { jobId: `dup-mail-${dl.id}` });
    await eventually(() => mailAgain.isCompleted(), Boolean, 'the duplicate mail job');
    expect(mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Påminnelse'))).toHaveLength(1);
  });

  it('delivers a staff warning due at 23:00 at 08:00 the next working day', async () => {
    app.clock.set('2026-11-20T22:59:55+01:00'); // fredag 22:59:55; the warning point is 23:00:00
    const c = await assignedCase();
    app.clock.set('2026-11-20T23:00:01+01:00');
    await app.reconcile();
    const note = await eventually(
      () => app.ctx.db('notifications').where({ template: 'deadline_warning', case_id: c.id }).first(),
      (n) => Boolean(n),
      'the warning to be recorded',
    );
    expect(note.deliver_after).toBe('2026-11-23T07:00:00.000Z'); // måndag 23 november kl. 08.00
    expect(note.status).toBe('pending');
    app.clock.set('2026-11-23T08:00:00+01:00');
    await app.reconcile();
    await smtp.waitFor(
      () => mailsAbout(c.reference).some((m) => m.subject!.startsWith('Påminnelse')),
      'the warning on Monday morning',
    );
  });

  it('repeats an escalation at most once a working day', async () => {
    app.clock.set('2026-11-24T10:00:00+01:00'); // tisdag
    const c = await assignedCase();
    app.clock.advance(11_000);
    await app.reconcile();
    await smtp.waitFor(
      () => mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Servicegarantin')).length === 2,
      'the breach',
    );
    const breach = mailsAbout(c.reference).find((m) => m.subject!.startsWith('Servicegarantin'))!;
    expect(breach.text).toContain(
      `Öppna ärendet: ${app.ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/arenden/${c.reference}`,
    );
    await app.reconcile();
    await app.reconcile();
    app.clock.set('2026-11-25T08:00:00+01:00'); // onsdag 08.00
    await app.reconcile();
    await smtp.waitFor(
      () => mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Fortfarande försenat')).length === 2,
      'Wednesday escalation',
    );
    // Written the working day after the limit, it says how late the case is.
    for (const m of mailsAbout(c.reference).filter((x) => x.subject!.startsWith('Fortfarande försenat')))
      expect(m.text).toContain('gick ut tisdag 24 november 2026 kl. 10.00. Vi är 1 arbetsdag sena.');
    await app.reconcile();
    app.clock.set('2026-11-25T15:00:00+01:00');
    await app.reconcile();
    const dl = quick((await app.request('GET', `/api/cases/${c.id}`, { token: officer.token })).body);
    expect(await jobResult(jobIdOf(dl.id, dl.version, 'esc-2026-11-25'))).toEqual({ result: 'escalated' });
    expect(mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Fortfarande försenat'))).toHaveLength(2);
    app.clock.set('2026-11-26T08:00:00+01:00'); // torsdag
    await app.reconcile();
    await smtp.waitFor(
      () => mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Fortfarande försenat')).length === 4,
      'Thursday escalation',
    );
    expect(mailsAbout(c.reference).filter((m) => m.text!.includes('Vi är 2 arbetsdagar sena.'))).toHaveLength(2);
  });

  it('sends nothing at the old points of a deadline that was moved by an extension', async () => {
    const created = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: {
        code: 'snabbt-beslut',
        definition: {
          ...quickGuarantee('snabbt-beslut', 'upphandling').definition,
          clock: 'decision',
          label: 'Beslut inom tio sekunder',
        },
      },
    });
    expect(created.status).toBe(201);
    const c = await register(app, desk, companyCaseBody({ category: 'upphandling', subject: 'Fråga om upphandling' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const started = await send(app, officer, c.id, 'START');
    const before = started.deadlines.find((d: any) => d.clock === 'decision')!;
    await scheduled(before);
    const extended = await send(app, officer, c.id, 'EXTEND_DEADLINE', {
      reason: 'Vi väntar på ett yttrande.',
      weeks: 1,
    });
    const after = extended.deadlines.find((d: any) => d.clock === 'decision')!;
    expect(new Date(after.dueAt).getTime() - new Date(before.dueAt).getTime()).toBe(7 * 24 * 3_600_000);
    await smtp.waitFor(
      () => smtp.to('anna@example.se').some((m) => m.subject === `Tidsfristen i ärende ${c.reference} har förlängts`),
      'the extension notice',
    );
    app.clock.advance(11_000);
    await app.reconcile();
    expect(await jobResult(jobIdOf(before.id, before.version, 'warn-1'))).toEqual({ result: 'stale' });
    expect(await jobResult(jobIdOf(before.id, before.version, 'due'))).toEqual({ result: 'stale' });
    expect(
      mailsAbout(c.reference).filter(
        (m) => m.subject!.startsWith('Påminnelse') || m.subject!.startsWith('Servicegarantin'),
      ),
    ).toEqual([]);
  });

  it('tells the company of a late decision and the fee reduction in the decision mail', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'bygglov', contact: { name: 'Ulla Ek', email: 'ulla@ek.example' } }),
    );
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    const bygg = await app.user('officer', 'bygglov');
    await send(app, bygg, c.id, 'ASSIGN', { assigneeId: bygg.id });
    await send(app, bygg, c.id, 'START');
    app.clock.set('2027-02-05T10:00:00+01:00'); // due fredag 29 januari 2027: one started week late
    await send(app, bygg, c.id, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Byggnaden följer detaljplanen.',
      decidedBy: 'Eva Ek',
    });
    await smtp.waitFor(
      () => smtp.to('ulla@ek.example').some((m) => m.subject === `Beslut i ärende ${c.reference}`),
      'the decision mail',
    );
    const mail = smtp.to('ulla@ek.example').find((m) => m.subject === `Beslut i ärende ${c.reference}`)!;
    expect(mail.text).toContain('Din ansökan är beviljad.');
    expect(mail.text).toContain('fattades fredag 5 februari 2027');
    expect(mail.text).toContain('Motivering:\nByggnaden följer detaljplanen.');
    expect(mail.text).toContain('sänks avgiften med 1 femtedel');
    expect(mail.text).toContain('överklaga');
  });

  it('tells the company who handles its case, what to complement, and of an extension without a clock', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'ovrigt', contact: { name: 'Kim Dahl', email: 'kim@dahl.example' } }),
    );
    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    await send(app, officer, c.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka ert registreringsbevis.',
      dueDate: '2026-12-04',
    });
    await send(app, officer, c.id, 'EXTEND_DEADLINE', { reason: 'Vi väntar på Skatteverket.', weeks: 2 });
    await smtp.waitFor(
      () => smtp.to('kim@dahl.example').length === 4,
      'receipt, assignment, complement and extension mails',
    );
    const bySubject = (start: string) => smtp.to('kim@dahl.example').find((m) => m.subject!.startsWith(start))!;
    expect(bySubject('Din handläggare').text).toContain('handläggs nu av');
    expect(bySubject('Din handläggare').text).toContain('på Näringsliv');
    const complement = bySubject('Vi behöver komplettering').text!;
    expect(complement).toContain('Skicka ert registreringsbevis.');
    expect(complement).toContain('senast fredag 4 december 2026');
    // Övrigt has no decision clock: nothing is said about one.
    expect(complement).not.toContain('Tiden för vårt beslut');
    expect(bySubject('Tidsfristen').text).toContain('förlängs med 2 veckor');
  });

  it('acknowledges and answers a named complaint by e-mail', async () => {
    const c = await register(app, desk, {
      kind: 'complaint',
      channel: 'email',
      subject: 'Ingen återkoppling',
      concerns: ['information'],
      unit: 'naringsliv',
      contact: { name: 'Sara Lind', email: 'sara@lind.example' },
    });
    await send(app, manager, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'ACKNOWLEDGE');
    await send(app, officer, c.id, 'START_INVESTIGATION');
    await send(app, officer, c.id, 'ANSWER', {
      answer: 'Vi ber om ursäkt för att vi inte hörde av oss.',
      measures: 'Vi ringer tillbaka inom en arbetsdag.',
    });
    await smtp.waitFor(() => smtp.to('sara@lind.example').length === 2, 'acknowledgement and answer');
    const ack = smtp
      .to('sara@lind.example')
      .find((m) => m.subject === `Vi har tagit emot ditt klagomål ${c.reference}`)!;
    expect(ack.text).toContain('utreder det');
    expect(ack.text).toContain('Du får svar senast fredag 4 december 2026');
    const answer = smtp.to('sara@lind.example').find((m) => m.subject === `Svar på ditt klagomål ${c.reference}`)!;
    expect(answer.text).toContain('Vi ringer tillbaka inom en arbetsdag.');
  });

  it('shows the queues to an admin only', async () => {
    expect((await app.request('GET', '/admin/queues')).status).toBe(401);
    expect((await app.request('GET', '/admin/queues', { token: officer.token })).status).toBe(403);
    const board = await app.request('GET', '/admin/queues/api/queues', { token: admin.token });
    expect(board.status).toBe(200);
    expect(board.body.queues.map((q: any) => q.name).sort()).toEqual(['deadlines', 'mail']);
  });

  it('never sends a stale overdue notice after a case is decided and reopened', async () => {
    const c = await assignedCase();
    const dl = quick(c);
    await scheduled(dl);
    await send(app, officer, c.id, 'DECIDE', { outcome: 'approved', reasoning: 'Klart.' });
    await send(app, officer, c.id, 'CLOSE');
    await send(app, officer, c.id, 'REOPEN', { reason: 'Bilaga saknades.' });
    app.clock.advance(60_000);
    await app.reconcile();
    expect(await jobResult(jobIdOf(dl.id, dl.version, 'due'))).toEqual({ result: 'stale' });
    expect(mailsAbout(c.reference).filter((m) => m.subject!.startsWith('Servicegarantin'))).toEqual([]);
  });
});

describe('mail delivery when SMTP or Redis is lost', () => {
  it('sends every mail once after the SMTP server was down for a while', async () => {
    const smtp = await startSmtpSink();
    const app = await startTestApp({ now: '2026-11-20T10:00:00+01:00', worker: true, smtpUrl: smtp.url });
    try {
      const desk = await app.user('registrar');
      await smtp.stop();
      const cases = [];
      for (let i = 0; i < 3; i++)
        cases.push(
          await register(app, desk, companyCaseBody({ contact: { name: 'Lisa', email: `lisa${i}@firma.example` } })),
        );
      await eventually(
        () => app.ctx.db('notifications').whereNotNull('last_error').count({ n: '*' }).first(),
        (r: any) => Number(r.n) === 3,
        'three failed attempts to be recorded',
      );
      await smtp.start();
      // The next try is due by the injected clock; the reconciler runs it now.
      app.clock.advance(60_000);
      await app.reconcile();
      await smtp.waitFor((m) => m.length >= 3, 'all three receipts after SMTP came back');
      const rows = await eventually(
        () => app.ctx.db('notifications').select('status', 'recipient'),
        (r: any[]) => r.every((n) => n.status === 'sent'),
        'all mails sent',
      );
      expect(rows).toHaveLength(3);
      expect(smtp.mails.map((m) => (m.to as any).value[0].address).sort()).toEqual([
        'lisa0@firma.example',
        'lisa1@firma.example',
        'lisa2@firma.example',
      ]);
    } finally {
      await app.close();
      await smtp.stop().catch(() => undefined);
    }
  });

  it('still sends the reminders that were pending when Redis lost everything', async () => {
    const smtp = await startSmtpSink();
    // A Redis database of its own: flushing it is FLUSHALL as far as this app can tell, without
    // touching the queues of test files running beside it.
    const app = await startTestApp({ now: '2026-11-20T10:00:00+01:00', worker: true, smtpUrl: smtp.url, redisDb: 7 });
    try {
      const desk = await app.user('registrar');
      const officer = await app.user('officer', 'naringsliv');
      const admin = await app.user('admin');
      await app.request('POST', '/api/guarantees', { token: admin.token, body: quickGuarantee('snabbsvar', 'ovrigt') });
      const c = await register(app, desk, companyCaseBody({ category: 'ovrigt' }));
      await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
      await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
      await app.reconcile();
      const dl = (await app.request('GET', `/api/cases/${c.id}`, { token: desk.token })).body.deadlines.find(
        (d: any) => d.clock === 'custom_snabbsvar',
      );
      expect(await app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version, 'due'))).toBeTruthy();

      await app.ctx.queues.connection.flushdb();
      expect(await app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version, 'due'))).toBeUndefined();

      app.clock.advance(11_000);
      await app.reconcile();
      await smtp.waitFor(
        (m) => m.filter((x) => x.subject!.includes(c.reference) && x.subject!.startsWith('Påminnelse')).length === 1,
        'the warning after the flush',
      );
      await smtp.waitFor(
        (m) =>
          m.filter((x) => x.subject!.includes(c.reference) && x.subject!.startsWith('Servicegarantin')).length === 1,
        'the breach after the flush',
      );
    } finally {
      await app.close();
      await smtp.stop();
    }
  });
});
