import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import type { ParsedMail } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register } from '../support/fixtures.js';
import { eventually } from '../support/wait.js';
import { runJobNow } from '../support/jobs.js';
import { useTestApp } from '../support/use-test-app.js';

/** The VEVENT and METHOD of a mail's calendar part, parsed back with an iCalendar parser. */
function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no calendar part in "${mail.subject}"`);
  const text = part.content.toString('utf8');
  const parsed = ical.sync.parseICS(text);
  const event = Object.values(parsed).find((v): v is ical.VEvent => (v as { type?: string }).type === 'VEVENT')!;
  const method = /^METHOD:(.+)$/m.exec(text)?.[1]?.trim();
  return { event, method, text };
}
const attendeesOf = (event: ical.VEvent) =>
  (Array.isArray(event.attendee) ? event.attendee : event.attendee ? [event.attendee] : []).map((a) =>
    String(typeof a === 'string' ? a : a.val)
      .replace(/^mailto:/i, '')
      .toLowerCase(),
  );

describe('"dukat bord": from request to closed, over HTTP with real Redis and SMTP', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk, coordinator, bygg, livs, brand },
  } = useTestApp({
    now: '2026-11-23T09:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: {
      desk: 'registrar',
      coordinator: ['coordinator', null, 'Sara Samordnare'],
      bygg: ['officer', 'bygglov', 'Bo Bygg'],
      livs: ['officer', 'livsmedel', 'Lisa Livs'],
      brand: ['officer', 'raddningstjanst', 'Britt Brand'],
    },
  });
  beforeAll(async () => {
    for (const [u, unit, title] of [
      [bygg, 'bygglov', 'Bygglovshandläggare'],
      [livs, 'livsmedel', 'Livsmedelsinspektör'],
      [brand, 'raddningstjanst', 'Brandinspektör'],
    ] as const) {
      const res = await app.request('PUT', `/api/service-group/units/${unit}/members/${u.id}`, {
        token: coordinator.token,
        body: { title },
      });
      expect(res.status).toBe(200);
    }
  });

  const event = async (id: string, type: string, payload: Record<string, unknown> = {}, user = coordinator) => {
    const current = await app.request('GET', `/api/escalations/${id}`, { token: user.token });
    const res = await app.request('POST', `/api/escalations/${id}/events`, {
      token: user.token,
      body: { type, expectedVersion: current.body.version, ...payload },
    });
    if (res.status !== 200)
      throw new Error(
        `${type} refused: ${res.status} ${JSON.stringify(res.body)} ${app.logLines.filter((l) => l.includes('unhandled')).join('\n')}`,
      );
    return res.body;
  };

  it('takes a restaurant from request to closed, with invitations, a reschedule, the summary and every action done', async () => {
    const company = { orgNumber: '556677-8899', name: 'Krogen Gyllene Gåsen AB' };
    const contact = { name: 'Greta Gås', email: 'greta@gasen.example' };
    const servering = await register(
      app,
      desk,
      companyCaseBody({
        category: 'serveringstillstand',
        subject: 'Serveringstillstånd för restaurang',
        company,
        contact,
      }),
    );
    const bygglov = await register(
      app,
      desk,
      companyCaseBody({ category: 'bygglov', subject: 'Bygglov för uteservering', company, contact }),
    );

    // The desk asks for a table with a reason and brings the company's other open case along.
    const requested = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: {
        caseId: servering.reference,
        reason: 'Tre enheter ställer krav på samma lokal.',
        otherCaseIds: [bygglov.id],
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.headers.get('location')).toBe(`/api/escalations/${requested.body.id}`);
    const id = requested.body.id as string;
    expect(requested.body).toMatchObject({
      status: 'requested',
      statusLabel: 'Begärt',
      origin: 'manual',
      company: { name: company.name },
    });
    expect(requested.body.cases.map((c: { reference: string }) => c.reference)).toEqual([
      servering.reference,
      bygglov.reference,
    ]);
    // The guarantee: a meeting booked within 10 working days of Monday 23 November → Monday 7 December 2026.
    expect(requested.body.deadlines).toMatchObject([
      { clock: 'table_set', state: 'running', dueDate: '2026-12-07', dueDateText: 'måndag 7 december 2026' },
    ]);
    expect(requested.body.units.map((u: { code: string }) => u.code)).toEqual(
      expect.arrayContaining(['serveringstillstand', 'livsmedel', 'bygglov', 'raddningstjanst']),
    );
    expect(requested.body.suggestedParticipants.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([bygg.id, livs.id, brand.id]),
    );

    // The coordinator hears of it, and the desk cannot run the table.
    const coordinatorMail = coordinator.email;
    await smtp.waitFor(
      () => smtp.to(coordinatorMail).some((m) => m.subject === `Ny begäran om dukat bord: ${company.name}`),
      'the request to the coordinator',
    );
    // The mail links to the staff page a person opens in the browser, not to the API.
    const requestMail = smtp
      .to(coordinatorMail)
      .find((m) => m.subject === `Ny begäran om dukat bord: ${company.name}`)!;
    expect(requestMail.text).toContain(
      `Ta emot eller avböj begäran: ${app.ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/dukat-bord/${id}`,
    );
    const deskTry = await app.request('POST', `/api/escalations/${id}/events`, {
      token: desk.token,
      body: { type: 'ACCEPT', expectedVersion: requested.body.version },
    });
    expect(deskTry.status).toBe(403);

    await event(id, 'ACCEPT');
    await event(id, 'SET_PARTICIPANTS', { participantIds: [bygg.id, livs.id, brand.id] });
    const scheduled = await event(id, 'SCHEDULE', {
      startsAt: '2026-11-27T10:00:00+01:00',
      endsAt: '2026-11-27T11:30:00+01:00',
      location: 'Rådhuset, sal 3',
    });
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      sequence: 0,
      meeting: { text: 'fredag 27 november 2026 kl. 10.00–11.30' },
    });
    expect(scheduled.deadlines[0]).toMatchObject({ clock: 'table_set', state: 'met' });

    // Every participant and the company contact get the invitation with a calendar part.
    const invitees = [contact.email, bygg.email, livs.email, brand.email];
    await smtp.waitFor(
      () => invitees.every((a) => smtp.to(a).some((m) => m.subject?.startsWith('Dukat bord'))),
      'four invitations',
    );
    const first = calendarOf(smtp.to(contact.email).find((m) => m.subject?.startsWith('Dukat bord'))!);
    expect(first.method).toBe('REQUEST');
    expect(first.text).toContain('DTSTART;TZID=Europe/Stockholm:20261127T100000');
    expect(first.event.start.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(first.event.end!.toISOString()).toBe('2026-11-27T10:30:00.000Z');
    expect((first.event.start as Date & { tz?: string }).tz).toBe('Europe/Stockholm');
    expect(Number(first.event.sequence)).toBe(0);
    expect(attendeesOf(first.event).sort()).toEqual([...invitees].map((a) => a.toLowerCase()).sort());
    const companyInvite = smtp.to(contact.email).find((m) => m.subject?.startsWith('Dukat bord'))!;
    expect(companyInvite.text).toContain('fredag 27 november 2026 kl. 10.00–11.30');
    expect(companyInvite.text).toContain(servering.reference);
    expect(companyInvite.text).toContain('Bo Bygg, Bygglovshandläggare (Bygglov)');
    expect(companyInvite.text).not.toContain('Tre enheter ställer krav');

    // A new time: same UID, higher SEQUENCE, and Britt leaves the table and gets a cancellation.
    const moved = await event(id, 'RESCHEDULE', {
      startsAt: '2026-12-01T13:00:00+01:00',
      endsAt: '2026-12-01T14:00:00+01:00',
      videoUrl: 'https://mote.kommun.example/dukat-bord',
      participantIds: [bygg.id, livs.id],
    });
    expect(moved).toMatchObject({ status: 'rescheduled', sequence: 1 });
    await smtp.waitFor(
      () => smtp.to(contact.email).some((m) => m.subject?.startsWith('Ny tid: Dukat bord')),
      'the new time',
    );
    const second = calendarOf(smtp.to(contact.email).find((m) => m.subject?.startsWith('Ny tid: Dukat bord'))!);
    expect(second.method).toBe('REQUEST');
    expect(second.event.uid).toBe(first.event.uid);
    expect(Number(second.event.sequence)).toBeGreaterThan(Number(first.event.sequence));
    expect(second.event.start.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    const brandMail = brand.email;
    await smtp.waitFor(
      () => smtp.to(brandMail).some((m) => m.subject?.startsWith('Inställt')),
      'the cancellation to the one taken off',
    );
    const off = calendarOf(smtp.to(brandMail).find((m) => m.subject?.startsWith('Inställt'))!);
    expect(off.method).toBe('CANCEL');
    expect(off.event.uid).toBe(first.event.uid);

    // After the meeting: attendees, internal notes, and two actions with owners and dates.
    app.clock.set('2026-12-01T15:00:00+01:00');
    await event(id, 'HOLD', { attendeeIds: [bygg.id, livs.id], companyAttended: true });
    const outcome = await event(id, 'RECORD_OUTCOME', {
      notes: 'Intern notering: ventilationen är den svåra frågan.',
      summary: 'Vi gick igenom lokalen och kom överens om nästa steg.',
      actions: [
        { description: 'Skicka reviderad planritning', ownerIsCompany: true, dueDate: '2026-12-04' },
        { description: 'Boka gemensamt platsbesök', ownerId: bygg.id, dueDate: '2026-12-08' },
      ],
    });
    expect(outcome).toMatchObject({
      status: 'follow_up',
      outcome: { summary: 'Vi gick igenom lokalen och kom överens om nästa steg.' },
    });
    expect(outcome.actions).toMatchObject([
      {
        description: 'Skicka reviderad planritning',
        owner: { kind: 'company', name: company.name },
        dueDate: '2026-12-04',
        dueDateText: 'fredag 4 december 2026',
        status: 'open',
      },
      {
        description: 'Boka gemensamt platsbesök',
        owner: { kind: 'staff', id: bygg.id, name: 'Bo Bygg' },
        dueDate: '2026-12-08',
        status: 'open',
      },
    ]);
    await smtp.waitFor(
      () => smtp.to(contact.email).some((m) => m.subject === 'Sammanfattning av mötet tisdag 1 december 2026'),
      'the summary',
    );
    const summary = smtp.to(contact.email).find((m) => m.subject === 'Sammanfattning av mötet tisdag 1 december 2026')!;
    expect(summary.text).toContain(
      'Skicka reviderad planritning. Ansvarig: Krogen Gyllene Gåsen AB. Klart senast fredag 4 december 2026.',
    );
    expect(summary.text).toContain(
      'Boka gemensamt platsbesök. Ansvarig: Bo Bygg. Klart senast tisdag 8 december 2026.',
    );
    expect(summary.text).not.toContain('ventilationen');

    // The linked cases show the table in their history.
    const history = await app.request('GET', `/api/cases/${bygglov.id}/history`, { token: desk.token });
    expect(history.body.items.map((e: { label: string }) => e.label)).toEqual(
      expect.arrayContaining([
        'Dukat bord: dukat bord begärt',
        'Dukat bord: boka mötet',
        'Dukat bord: dokumentera utfall och åtgärder',
      ]),
    );
    expect(JSON.stringify(history.body.items)).not.toContain('ventilationen');
    const linked = await app.request('GET', `/api/cases/${bygglov.id}`, { token: desk.token });
    expect(linked.body.serviceGroup).toEqual([
      {
        id,
        status: 'follow_up',
        statusLabel: 'Uppföljning av åtgärder',
        open: true,
        meetingStartsAt: '2026-12-01T12:00:00.000Z',
      },
    ]);

    // Done one by one; the last one closes the escalation.
    const [companyAction, officerAction] = outcome.actions as { id: string }[];
    const byOwner = await app.request('POST', `/api/escalations/${id}/actions/${officerAction!.id}/complete`, {
      token: bygg.token,
      body: { note: 'Besök bokat 10 december.' },
    });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.status).toBe('follow_up');
    const notOwner = await app.request('POST', `/api/escalations/${id}/actions/${companyAction!.id}/complete`, {
      token: livs.token,
      body: {},
    });
    expect(notOwner.status).toBe(403);
    const last = await app.request('POST', `/api/escalations/${id}/actions/${companyAction!.id}/complete`, {
      token: coordinator.token,
      body: {},
    });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'closed', statusLabel: 'Avslutat', open: false });
    expect(last.body.closedAt).toBe('2026-12-01T14:00:00.000Z');
  });

  const company2 = (n: string) => ({ orgNumber: n, name: `Företag ${n}` });
  const MONDAY = '2026-11-23T09:00:00+01:00';
  const schedule = (id: string) =>
    event(id, 'SCHEDULE', {
      startsAt: '2026-11-27T10:00:00+01:00',
      endsAt: '2026-11-27T11:00:00+01:00',
      location: 'Rådhuset',
    });

  it('proposes a table by itself when a guarantee with propose_service_group is breached', async () => {
    app.clock.set(MONDAY);
    const admin = await app.user('admin');
    const created = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: {
        code: 'snabb-etablering',
        definition: {
          label: 'Första svar inom tio sekunder',
          kind: 'company_case',
          category: 'etablering',
          clock: 'custom_snabb_etablering',
          length: { value: 10 / 3600, unit: 'hours' },
          startsOn: { event: 'REGISTERED' },
          stopsOn: ['decided'],
          onBreach: ['notify_manager', 'propose_service_group'],
        },
      },
    });
    expect(created.status).toBe(201);
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'etablering', subject: 'Etablering av lager', company: company2('5569876542') }),
    );
    const clock = c.deadlines.find((d: { clock: string }) => d.clock === 'custom_snabb_etablering')!;
    app.clock.set('2026-11-23T09:00:11+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${clock.id}-v1-due`)).toEqual({ result: 'breached' });

    const found = await app.request('GET', `/api/escalations?caseId=${c.reference}`, { token: coordinator.token });
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({
      status: 'requested',
      origin: 'breach',
      originLabel: 'Föreslaget: en servicegaranti hölls inte',
      reason: 'Servicegarantin överskreds: Första svar inom tio sekunder.',
      requestedBy: null,
    });
    const coordinatorMail = coordinator.email;
    await smtp.waitFor(
      () =>
        smtp
          .to(coordinatorMail)
          .some(
            (m) =>
              m.subject === 'Ny begäran om dukat bord: Företag 5569876542' &&
              (m.text ?? '').includes('eftersom en servicegaranti inte hölls'),
          ),
      'the proposal to the coordinator',
    );
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: desk.token });
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'REGISTERED',
      'GUARANTEE_BREACHED',
      'SERVICE_GROUP_PROPOSED',
    ]);

    // The coordinator declines with a reason: the proposal is closed and its clock cancelled.
    const declined = await event(found.body.items[0].id, 'DECLINE', { reason: 'Ärendet gäller bara en enhet.' });
    expect(declined).toMatchObject({ status: 'declined', open: false, declineReason: 'Ärendet gäller bara en enhet.' });
    expect(declined.deadlines[0]).toMatchObject({ clock: 'table_set', state: 'cancelled' });
  });

  it("reminds the coordinators before the table is due and tells them and the units' managers when it is breached", async () => {
    app.clock.set(MONDAY);
    const manager = await app.user('manager', 'livsmedel', 'Maja Chef');
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'livsmedel',
        subject: 'Registrering av livsmedelsanläggning',
        company: company2('5561231233'),
      }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Flera krav på samma kök.' },
    });
    const dl = res.body.deadlines[0];
    expect(dl).toMatchObject({ state: 'running', dueDate: '2026-12-07' });
    const coordinatorMail = coordinator.email;
    const managerMail = manager.email;

    // Two working days before Monday 7 December: Thursday 3 December at 08:00.
    app.clock.set('2026-12-03T08:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${dl.id}-v1-warn-1`)).toEqual({ result: 'warned' });
    await smtp.waitFor(
      () =>
        smtp
          .to(coordinatorMail)
          .some(
            (m) =>
              m.subject === 'Påminnelse: dukat bord för Företag 5561231233 ska bokas senast måndag 7 december 2026',
          ),
      'the warning',
    );

    app.clock.set('2026-12-08T08:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${dl.id}-v1-due`)).toEqual({ result: 'breached' });
    const subject = 'Servicegarantin har inte hållits: dukat bord för Företag 5561231233';
    await smtp.waitFor(
      () =>
        smtp.to(coordinatorMail).some((m) => m.subject === subject) &&
        smtp.to(managerMail).some((m) => m.subject === subject),
      'the breach to coordinator and manager',
    );
    const view = await app.request('GET', `/api/escalations/${res.body.id}`, { token: coordinator.token });
    expect(view.body.deadlines[0]).toMatchObject({ state: 'breached' });
    const history = await app.request('GET', `/api/escalations/${res.body.id}/history`, { token: coordinator.token });
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['REQUESTED', 'GUARANTEE_BREACHED']);
    // Booking the meeting afterwards stops the clock as kept late.
    await event(res.body.id, 'ACCEPT');
    await event(res.body.id, 'SET_PARTICIPANTS', { participantIds: [livs.id] });
    const booked = await event(res.body.id, 'SCHEDULE', {
      startsAt: '2026-12-10T10:00:00+01:00',
      endsAt: '2026-12-10T11:00:00+01:00',
      location: 'Rådhuset',
    });
    expect(booked.deadlines[0]).toMatchObject({ state: 'met_late' });
  });

  it('sends every invitee a CANCEL with the same UID and a higher SEQUENCE when the table is cancelled', async () => {
    app.clock.set(MONDAY);
    const contact = { name: 'Ivar Inställd', email: 'ivar@installt.example' };
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'brandskydd',
        subject: 'Tillstånd för brandfarlig vara',
        company: company2('5562223338'),
        contact,
      }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Behöver räddningstjänst och bygglov samtidigt.' },
    });
    await event(res.body.id, 'ACCEPT');
    await event(res.body.id, 'SET_PARTICIPANTS', { participantIds: [brand.id, bygg.id] });
    await schedule(res.body.id);
    await smtp.waitFor(() => smtp.to(contact.email).some((m) => m.subject?.startsWith('Dukat bord')), 'the invitation');
    const invite = calendarOf(smtp.to(contact.email).find((m) => m.subject?.startsWith('Dukat bord'))!);

    const cancelled = await event(res.body.id, 'CANCEL', { reason: 'Företaget har dragit tillbaka ansökan.' });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      sequence: 1,
      cancelReason: 'Företaget har dragit tillbaka ansökan.',
    });
    const invitees = [contact.email, brand.email, bygg.email];
    // The officers sit at other tables in this file too: pick this table's event by its UID.
    const cancellationsTo = (a: string) =>
      smtp
        .to(a)
        .filter((m) => m.subject === 'Inställt: dukat bord fredag 27 november 2026 kl. 10.00')
        .map(calendarOf)
        .filter((cal) => cal.event.uid === invite.event.uid);
    await smtp.waitFor(() => invitees.every((a) => cancellationsTo(a).length > 0), 'three cancellations');
    for (const a of invitees) {
      const [cancel, ...more] = cancellationsTo(a);
      expect(more).toHaveLength(0);
      expect(cancel!.method).toBe('CANCEL');
      expect(Number(cancel!.event.sequence)).toBe(1);
      expect(cancel!.text).toContain('STATUS:CANCELLED');
    }
  });

  it('reminds the owner of an action the working day before it is due and again when it is overdue', async () => {
    app.clock.set(MONDAY);
    const contact = { name: 'Olle Ägare', email: 'olle@agare.example' };
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'markupplatelse',
        subject: 'Uteservering på torget',
        company: company2('5563334449'),
        contact,
      }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Torget berör flera enheter.' },
    });
    const id = res.body.id as string;
    await event(id, 'ACCEPT');
    await event(id, 'SET_PARTICIPANTS', { participantIds: [bygg.id] });
    await schedule(id);
    app.clock.set('2026-11-27T11:30:00+01:00');
    await event(id, 'HOLD', { attendeeIds: [bygg.id], companyAttended: true });
    const done = await event(id, 'RECORD_OUTCOME', {
      summary: 'Vi kom överens om placeringen.',
      actions: [
        { description: 'Skicka skiss över uteserveringen', ownerIsCompany: true, dueDate: '2026-12-04' },
        { description: 'Ge besked om markupplåtelsen', ownerId: bygg.id, dueDate: '2026-12-04' },
      ],
    });
    const [companyAction, officerAction] = done.actions as { id: string }[];

    // Due Friday 4 December: reminders at 08:00 on Thursday 3 December.
    app.clock.set('2026-12-03T08:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `act-${companyAction!.id}-v1-remind`)).toEqual({ result: 'reminded' });
    expect(await runJobNow(app, `act-${officerAction!.id}-v1-remind`)).toEqual({ result: 'reminded' });
    const byggMail = bygg.email;
    await smtp.waitFor(
      () =>
        smtp
          .to(contact.email)
          .some((m) => m.subject === 'Påminnelse: Skicka skiss över uteserveringen – senast fredag 4 december 2026') &&
        smtp
          .to(byggMail)
          .some((m) => m.subject === 'Påminnelse: Ge besked om markupplåtelsen – senast fredag 4 december 2026'),
      'both reminders',
    );

    // The officer's is done; the company's is still open on Monday 7 December at 08:00.
    const completed = await app.request('POST', `/api/escalations/${id}/actions/${officerAction!.id}/complete`, {
      token: bygg.token,
      body: {},
    });
    expect(completed.body.status).toBe('follow_up');
    app.clock.set('2026-12-07T08:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `act-${companyAction!.id}-v1-overdue`)).toEqual({ result: 'reminded' });
    expect(await runJobNow(app, `act-${officerAction!.id}-v1-overdue`)).toEqual({ result: 'stale' });
    const coordinatorMail = coordinator.email;
    await smtp.waitFor(
      () =>
        smtp.to(contact.email).some((m) => m.subject === 'Försenad åtgärd: Skicka skiss över uteserveringen') &&
        smtp.to(coordinatorMail).some((m) => m.subject === 'Försenad åtgärd: Skicka skiss över uteserveringen'),
      'the overdue notices',
    );
    expect(smtp.mails.filter((m) => m.subject === 'Försenad åtgärd: Ge besked om markupplåtelsen')).toHaveLength(0);
    // A job run twice mails no one twice.
    const again = await app.ctx.queues.deadlines.add(
      'action-point',
      { actionId: companyAction!.id, version: 1, point: 'overdue', at: '2026-12-07T07:00:00.000Z' },
      { jobId: `again-${companyAction!.id}` },
    );
    await eventually(() => again.isCompleted(), Boolean, 'the repeated job');
    await dispatchAndSettle();
    expect(
      smtp.to(contact.email).filter((m) => m.subject === 'Försenad åtgärd: Skicka skiss över uteserveringen'),
    ).toHaveLength(1);
  });

  it('lets an administrator change the table_set promise; a new request runs on the new version', async () => {
    app.clock.set(MONDAY);
    const admin = await app.user('admin');
    const current = await app.request('GET', '/api/guarantees/service-group-table-set', { token: admin.token });
    expect(current.status).toBe(200);
    const definition = {
      ...current.body.definition,
      length: { value: 5, unit: 'working_days' },
      label: 'Dukat bord: mötestid bokad inom 5 arbetsdagar',
    };
    const changed = await app.request('PUT', '/api/guarantees/service-group-table-set', {
      token: admin.token,
      body: { definition },
    });
    expect(changed.status).toBe(200);
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'anmalan', subject: 'Anmälan om eldstad', company: company2('5566778899') }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Räddningstjänsten behöver vara med.' },
    });
    // Five working days from Monday 23 November 2026: Monday 30 November.
    expect(res.body.deadlines[0]).toMatchObject({
      clock: 'table_set',
      dueDate: '2026-11-30',
      label: 'Dukat bord: mötestid bokad inom 5 arbetsdagar',
      guaranteeVersion: 2,
    });
  });

  async function dispatchAndSettle() {
    await app.reconcile();
    await eventually(
      async () =>
        Number(
          (
            await app.ctx
              .db('notifications')
              .whereIn('status', ['pending', 'sending'])
              .where('deliver_after', '<=', app.clock.now().toISOString())
              .count({ n: '*' })
              .first()
          )?.n ?? 0,
        ),
      (n) => n === 0,
      'pending mails to go',
    );
  }
});
