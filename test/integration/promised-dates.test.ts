import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, postAtCurrentVersion, register, send } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { eventually } from '../support/wait.js';
import { pathOf, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// A promised date that has passed is never shown as a promise: every mail and page says how
// late it is, in working days on the Swedish calendar.
describe('a promised date that has passed', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  // Thursday 3 December 2026, 10:00 in Stockholm.
  const {
    app,
    users: { desk, officer, coordinator },
  } = useTestApp({
    staff: true,
    now: '2026-12-03T10:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: {
      desk: 'registrar',
      officer: ['officer', 'livsmedel', 'Lina Livs'],
      coordinator: ['coordinator', null, 'Sara Samordnare'],
    },
  });
  beforeAll(async () => {
    const member = await app.request('PUT', `/api/service-group/units/livsmedel/members/${officer.id}`, {
      token: coordinator.token,
      body: { title: 'Livsmedelsinspektör' },
    });
    expect(member.status).toBe(200);
  });

  it('in the receipt of a backdated letter, on the tracking page, the case page and the queue: "skulle ha varit klart …; vi är 1 arbetsdag sena"', async () => {
    const contact = { name: 'Lotta Brev', email: 'lotta@brev.example' };
    // A letter that arrived Friday 27 November, registered Thursday 3 December: the first contact
    // (3 working days) was due Wednesday 2 December; the decision (10 working days) is due Friday 11 December.
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'livsmedel',
        channel: 'letter',
        receivedAt: '2026-11-27T09:00:00+01:00',
        contact,
        subject: 'Registrering av livsmedelsanläggning',
      }),
    );

    await smtp.waitFor(() => smtp.to(contact.email).length >= 1, 'the receipt');
    const receipt = smtp.to(contact.email).find((m) => m.subject === `Vi har tagit emot ditt ärende ${c.reference}`)!;
    expect(receipt.text).toContain(
      '– Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar (skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena)',
    );
    expect(receipt.text).toContain('– Beslut om registrering inom 10 arbetsdagar (senast fredag 11 december 2026)');
    expect(receipt.text).not.toContain('senast onsdag 2 december');

    const url = await trackingUrl(app, desk, c.id);
    const view = await publicView(app, url);
    const firstContact = view.guarantees.find((g: { label: string }) => g.label.startsWith('Du får veta vem'));
    expect(firstContact).toMatchObject({
      promise: 'skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena',
      lateWorkingDays: 1,
    });
    expect(view.guarantees.find((g: { label: string }) => g.label.startsWith('Beslut'))).toMatchObject({
      promise: 'senast fredag 11 december 2026',
      lateWorkingDays: null,
    });
    const page = await app.request('GET', pathOf(url));
    expect(page.body).toContain('Skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena');
    expect(page.body).not.toContain('Senast <strong>onsdag 2 december 2026</strong>');

    const staff = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(staff.body.deadlines.map((d: { clock: string; promiseText: string }) => [d.clock, d.promiseText])).toEqual([
      ['first_contact', 'skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena'],
      ['decision', 'senast fredag 11 december 2026'],
    ]);

    const account = await staffAccount(app, 'registrar');
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    const casePage = await b.get(`/arenden/${c.reference}`);
    expect(casePage.text).toContain(
      '<td data-label="Utlovat">skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena</td>',
    );
    const queue = await b.get(`/arenden?vy=alla&sok=${encodeURIComponent(c.reference)}`);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(
      'Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar, skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena',
    );
  });

  it('in the staff breach notice of a case registered already late: how late, and the clock named for staff', async () => {
    // A letter that arrived Thursday 1 October, registered Thursday 3 December: the decision
    // (10 working days) was due Thursday 15 October, 35 working days before today. No unit has it yet: the notices go to the administrators.
    await app.user('admin', null, 'Ada Admin');
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'livsmedel',
        channel: 'letter',
        receivedAt: '2026-10-01T09:00:00+02:00',
        subject: 'Gammalt brev',
      }),
    );
    const subject = `Servicegarantin har inte hållits i ${c.reference}`;
    await smtp.waitFor(() => smtp.mails.filter((m) => m.subject === subject).length >= 2, 'both breach notices');
    const texts = smtp.mails.filter((m) => m.subject === subject).map((m) => m.text!);
    const decision = texts.find((t) => t.includes('servicegarantin: Beslut.'))!;
    expect(decision).toContain(
      `Ärende ${c.reference} "Gammalt brev" har passerat gränsen för servicegarantin: Beslut.`,
    );
    expect(decision).toContain('Gränsen var torsdag 15 oktober 2026. Vi är 35 arbetsdagar sena.');
    const first = texts.find((t) => t !== decision)!;
    expect(first).toContain(
      `Ärende ${c.reference} "Gammalt brev" har passerat gränsen för servicegarantin: Första kontakt.`,
    );
    expect(first).toContain('Gränsen var tisdag 6 oktober 2026. Vi är 42 arbetsdagar sena.');
    for (const t of texts) expect(t).not.toMatch(/Du får veta vem|Beslut om registrering inom/);
  });

  it('in the agenda of a "dukat bord" invitation: the decision promised Tuesday 24 November is 7 working days late', async () => {
    const contact = { name: 'Kalle Krog', email: 'kalle@krog.example' };
    // Arrived Tuesday 10 November: the decision (10 working days) was due Tuesday 24 November.
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'livsmedel',
        channel: 'letter',
        receivedAt: '2026-11-10T09:00:00+01:00',
        contact,
        subject: 'Ny restaurang',
      }),
    );
    // Both clocks ran out before registration; the worker marks them breached at once, and the
    // breach of the decision clock proposes a table by itself; the test uses that one. Waiting
    // for both first keeps the events below from meeting the worker's writes (409).
    await eventually(
      async () =>
        (await app.ctx.db('deadlines').where({ case_id: c.id }).select('state')).map((d: { state: string }) => d.state),
      (states) => states.length === 2 && states.every((s) => s === 'breached'),
      'both clocks to be breached',
    );
    await send(app, desk, c.id, 'ROUTE', { unit: 'livsmedel' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    const link = (await eventually(
      () => app.ctx.db('escalation_cases').where({ case_id: c.id }).first(),
      Boolean,
      'the proposed table',
    )) as { escalation_id: string };
    const id = link.escalation_id;
    const event = async (type: string, payload: Record<string, unknown> = {}) => {
      const { res } = await postAtCurrentVersion(app, coordinator, 'escalations', id, type, payload);
      expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    await event('ACCEPT');
    await event('SET_PARTICIPANTS', { participantIds: [officer.id] });
    await event('SCHEDULE', {
      startsAt: '2026-12-08T10:00:00+01:00',
      endsAt: '2026-12-08T11:00:00+01:00',
      location: 'Rådhuset',
    });

    await smtp.waitFor(() => smtp.to(contact.email).some((m) => m.subject!.startsWith('Dukat bord')), 'the invitation');
    const invitation = smtp.to(contact.email).find((m) => m.subject!.startsWith('Dukat bord'))!;
    expect(invitation.text).toContain(`${c.reference} Ny restaurang: `);
    expect(invitation.text).toContain('beslut skulle ha varit klart tisdag 24 november 2026; vi är 7 arbetsdagar sena');
    expect(invitation.text).not.toContain('utlovat senast tisdag 24 november');

    // Agreed actions on the table's page: a day passed says so; the company's own is not "our" lateness.
    app.clock.set('2026-12-08T15:00:00+01:00');
    try {
      await event('HOLD', { attendeeIds: [officer.id], companyAttended: true });
      await event('RECORD_OUTCOME', {
        summary: 'Vi gick igenom registreringen.',
        actions: [
          { description: 'Skicka planritningen', ownerIsCompany: true, dueDate: '2026-12-09' },
          { description: 'Granska ventilationen', ownerId: officer.id, dueDate: '2026-12-10' },
        ],
      });
      app.clock.set('2026-12-14T10:00:00+01:00'); // Monday
      const account = await staffAccount(app, 'coordinator');
      const b = new StaffBrowser(app);
      await b.login(account.email, account.password);
      const page = (await b.get(`/dukat-bord/${id}`)).text;
      expect(page).toContain(
        'Ansvarig: Saab AB. Skulle ha varit klart onsdag 9 december 2026, för 3 arbetsdagar sedan.',
      );
      expect(page).toContain(
        'Ansvarig: Lina Livs. Skulle ha varit klart torsdag 10 december 2026; vi är 2 arbetsdagar sena.',
      );
    } finally {
      app.clock.set('2026-12-03T10:00:00+01:00');
    }
  });

  it('on the service group’s pages: a table not booked in time says how late it is', async () => {
    const c = await register(app, desk, companyCaseBody({ category: 'livsmedel', subject: 'Ny bageributik' }));
    const asked = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Flera enheter berörs.' },
    });
    expect(asked.status).toBe(201);
    // Asked for Thursday 3 December: a meeting time within 10 working days, by Thursday 17 December.
    const account = await staffAccount(app, 'coordinator');
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    expect((await b.get(`/dukat-bord/${asked.body.id}`)).text).toContain(
      'En mötestid bokad – senast torsdag 17 december 2026, 10 arbetsdagar kvar',
    );
    app.clock.set('2026-12-21T10:00:00+01:00'); // Monday: two working days after
    try {
      // A session idle that long has ended: sign in again.
      await b.login(account.email, account.password);
      expect((await b.get(`/dukat-bord/${asked.body.id}`)).text).toContain(
        'En mötestid bokad – skulle ha varit klart torsdag 17 december 2026; vi är 2 arbetsdagar sena',
      );
      expect((await b.get('/dukat-bord')).text).toContain(
        'skulle ha varit klart torsdag 17 december 2026; vi är 2 arbetsdagar sena',
      );
    } finally {
      app.clock.set('2026-12-03T10:00:00+01:00');
    }
  });
});
