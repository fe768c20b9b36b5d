import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import type { ParsedMail } from 'mailparser';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { eventually } from '../support/wait.js';

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
  (Array.isArray(event.attendee) ? event.attendee : event.attendee ? [event.attendee] : []).map((a) => String(typeof a === 'string' ? a : a.val).replace(/^mailto:/i, '').toLowerCase());

describe('"dukat bord": from request to closed, over HTTP with real Redis and SMTP', () => {
  let smtp: SmtpSink;
  let app: TestApp;
  let desk: TestUser;
  let coordinator: TestUser;
  let bygg: TestUser;
  let livs: TestUser;
  let brand: TestUser;
  const emailOf = async (u: TestUser) => ((await app.ctx.db('users').where({ id: u.id }).first()) as { email: string }).email;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Monday 23 November 2026, 09:00 in Stockholm.
    app = await startTestApp({ now: '2026-11-23T09:00:00+01:00', worker: true, smtpUrl: smtp.url });
    desk = await app.user('registrar');
    coordinator = await app.user('coordinator', null, 'Sara Samordnare');
    bygg = await app.user('officer', 'bygglov', 'Bo Bygg');
    livs = await app.user('officer', 'livsmedel', 'Lisa Livs');
    brand = await app.user('officer', 'raddningstjanst', 'Britt Brand');
    for (const [u, unit, title] of [
      [bygg, 'bygglov', 'Bygglovshandläggare'],
      [livs, 'livsmedel', 'Livsmedelsinspektör'],
      [brand, 'raddningstjanst', 'Brandinspektör'],
    ] as const) {
      const res = await app.request('PUT', `/api/service-group/units/${unit}/members/${u.id}`, { token: coordinator.token, body: { title } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const event = async (id: string, type: string, payload: Record<string, unknown> = {}, user = coordinator) => {
    const current = await app.request('GET', `/api/escalations/${id}`, { token: user.token });
    const res = await app.request('POST', `/api/escalations/${id}/events`, { token: user.token, body: { type, expectedVersion: current.body.version, ...payload } });
    if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)} ${app.logLines.filter((l) => l.includes('unhandled')).join('\n')}`);
    return res.body;
  };

  it('takes a restaurant from request to closed, with invitations, a reschedule, the summary and every action done', async () => {
    const company = { orgNumber: '556677-8899', name: 'Krogen Gyllene Gåsen AB' };
    const contact = { name: 'Greta Gås', email: 'greta@gasen.example' };
    const servering = await register(app, desk, companyCaseBody({ category: 'serveringstillstand', subject: 'Serveringstillstånd för restaurang', company, contact }));
    const bygglov = await register(app, desk, companyCaseBody({ category: 'bygglov', subject: 'Bygglov för uteservering', company, contact }));

    // The desk asks for a table with a reason and brings the company's other open case along.
    const requested = await app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: servering.reference, reason: 'Tre enheter ställer krav på samma lokal.', otherCaseIds: [bygglov.id] } });
    expect(requested.status).toBe(201);
    expect(requested.headers.get('location')).toBe(`/api/escalations/${requested.body.id}`);
    const id = requested.body.id as string;
    expect(requested.body).toMatchObject({ status: 'requested', statusLabel: 'Begärt', origin: 'manual', company: { name: company.name } });
    expect(requested.body.cases.map((c: { reference: string }) => c.reference)).toEqual([servering.reference, bygglov.reference]);
    // The guarantee: a meeting booked within 10 working days of Monday 23 November → Monday 7 December 2026.
    expect(requested.body.deadlines).toMatchObject([{ clock: 'table_set', state: 'running', dueDate: '2026-12-07', dueDateText: 'måndag 7 december 2026' }]);
    expect(requested.body.units.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['serveringstillstand', 'livsmedel', 'bygglov', 'raddningstjanst']));
    expect(requested.body.suggestedParticipants.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([bygg.id, livs.id, brand.id]));

    // The coordinator hears of it, and the desk cannot run the table.
    const coordinatorMail = await emailOf(coordinator);
    await smtp.waitFor(() => smtp.to(coordinatorMail).some((m) => m.subject === `Ny begäran om dukat bord: ${company.name}`), 'the request to the coordinator');
    const deskTry = await app.request('POST', `/api/escalations/${id}/events`, { token: desk.token, body: { type: 'ACCEPT', expectedVersion: requested.body.version } });
    expect(deskTry.status).toBe(403);

    await event(id, 'ACCEPT');
    await event(id, 'SET_PARTICIPANTS', { participantIds: [bygg.id, livs.id, brand.id] });
    const scheduled = await event(id, 'SCHEDULE', { startsAt: '2026-11-27T10:00:00+01:00', endsAt: '2026-11-27T11:30:00+01:00', location: 'Rådhuset, sal 3' });
    expect(scheduled).toMatchObject({ status: 'scheduled', sequence: 0, meeting: { text: 'fredag 27 november 2026 kl. 10.00–11.30' } });
    expect(scheduled.deadlines[0]).toMatchObject({ clock: 'table_set', state: 'met' });

    // Every participant and the company contact get the invitation with a calendar part.
    const invitees = [contact.email, await emailOf(bygg), await emailOf(livs), await emailOf(brand)];
    await smtp.waitFor(() => invitees.every((a) => smtp.to(a).some((m) => m.subject?.startsWith('Dukat bord'))), 'four invitations');
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
    const moved = await event(id, 'RESCHEDULE', { startsAt: '2026-12-01T13:00:00+01:00', endsAt: '2026-12-01T14:00:00+01:00', videoUrl: 'https://mote.kommun.example/dukat-bord', participantIds: [bygg.id, livs.id] });
    expect(moved).toMatchObject({ status: 'rescheduled', sequence: 1 });
    await smtp.waitFor(() => smtp.to(contact.email).some((m) => m.subject?.startsWith('Ny tid: Dukat bord')), 'the new time');
    const second = calendarOf(smtp.to(contact.email).find((m) => m.subject?.startsWith('Ny tid: Dukat bord'))!);
    expect(second.method).toBe('REQUEST');
    expect(second.event.uid).toBe(first.event.uid);
    expect(Number(second.event.sequence)).toBeGreaterThan(Number(first.event.sequence));
    expect(second.event.start.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    const brandMail = await emailOf(brand);
    await smtp.waitFor(() => smtp.to(brandMail).some((m) => m.subject?.startsWith('Inställt')), 'the cancellation to the one taken off');
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
    expect(outcome).toMatchObject({ status: 'follow_up', outcome: { summary: 'Vi gick igenom lokalen och kom överens om nästa steg.' } });
    expect(outcome.actions).toMatchObject([
      { description: 'Skicka reviderad planritning', owner: { kind: 'company', name: company.name }, dueDate: '2026-12-04', dueDateText: 'fredag 4 december 2026', status: 'open' },
      { description: 'Boka gemensamt platsbesök', owner: { kind: 'staff', id: bygg.id, name: 'Bo Bygg' }, dueDate: '2026-12-08', status: 'open' },
    ]);
    await smtp.waitFor(() => smtp.to(contact.email).some((m) => m.subject === 'Sammanfattning av mötet tisdag 1 december 2026'), 'the summary');
    const summary = smtp.to(contact.email).find((m) => m.subject === 'Sammanfattning av mötet tisdag 1 december 2026')!;
    expect(summary.text).toContain('Skicka reviderad planritning. Ansvarig: Krogen Gyllene Gåsen AB. Klart senast fredag 4 december 2026.');
    expect(summary.text).toContain('Boka gemensamt platsbesök. Ansvarig: Bo Bygg. Klart senast tisdag 8 december 2026.');
    expect(summary.text).not.toContain('ventilationen');

    // The linked cases show the table in their history.
    const history = await app.request('GET', `/api/cases/${bygglov.id}/history`, { token: desk.token });
    expect(history.body.items.map((e: { label: string }) => e.label)).toEqual(
      expect.arrayContaining(['Dukat bord: dukat bord begärt', 'Dukat bord: boka mötet', 'Dukat bord: dokumentera utfall och åtgärder']),
    );
    expect(JSON.stringify(history.body.items)).not.toContain('ventilationen');

    // Done one by one; the last one closes the escalation.
    const [companyAction, officerAction] = outcome.actions as { id: string }[];
    const byOwner = await app.request('POST', `/api/escalations/${id}/actions/${officerAction!.id}/complete`, { token: bygg.token, body: { note: 'Besök bokat 10 december.' } });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.status).toBe('follow_up');
    const notOwner = await app.request('POST', `/api/escalations/${id}/actions/${companyAction!.id}/complete`, { token: livs.token, body: {} });
    expect(notOwner.status).toBe(403);
    const last = await app.request('POST', `/api/escalations/${id}/actions/${companyAction!.id}/complete`, { token: coordinator.token, body: {} });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'closed', statusLabel: 'Avslutat', open: false });
    expect(last.body.closedAt).toBe('2026-12-01T14:00:00.000Z');
  });
});
