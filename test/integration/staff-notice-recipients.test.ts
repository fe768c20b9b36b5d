import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { eventually } from '../support/wait.js';
import { useTestApp } from '../support/use-test-app.js';

// A letter that arrived on Monday 16 November 2026 and is registered on Friday 20 November:
// its first contact ("inom 3 arbetsdagar") was due on Thursday 19 November, so the clock is
// breached the moment the case exists, before any unit or officer has it.
const ARRIVED = '2026-11-16T09:00:00+01:00';

describe('who hears about a breach on a case registered late', () => {
  let smtp: SmtpSink;
  const breachMails = (reference: string, to: string) =>
    smtp.to(to).filter((m) => m.subject === `Servicegarantin har inte hållits i ${reference}`);

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
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

  async function lateLetter() {
    const c = await register(
      app,
      desk,
      companyCaseBody({
        category: 'ovrigt',
        channel: 'letter',
        receivedAt: ARRIVED,
        subject: `Brev ${Math.random().toString(36).slice(2, 8)}`,
      }),
    );
    expect(c.deadlines.find((d: { clock: string }) => d.clock === 'first_contact')).toMatchObject({
      dueDate: '2026-11-19',
    });
    await eventually(
      () => app.ctx.db('deadlines').where({ case_id: c.id, clock: 'first_contact' }).first(),
      (d: { state: string } | undefined) => d?.state === 'breached',
      'the first-contact clock to be breached',
    );
    return c as { id: string; reference: string };
  }

  it('sends the breach notice of a mail that waited for office hours to whoever holds the case then', async () => {
    // Friday 18.00: staff mail waits for Monday 23 November 08.00.
    app.clock.set('2026-11-20T18:00:00+01:00');
    const c = await lateLetter();
    await eventually(
      () => app.ctx.db('notifications').where({ case_id: c.id, template: 'deadline_breach' }).first(),
      Boolean,
      'the breach notice',
    );
    // Until it goes, the case shows whom the notice is for, not anyone's address.
    const waiting = (await app.request('GET', `/api/cases/${c.id}`, { token: desk.token })).body.notifications.filter(
      (n: { template: string }) => n.template === 'deadline_breach',
    );
    expect(waiting).toEqual([
      expect.objectContaining({
        status: 'pending',
        audience: 'staff',
        recipient: 'ärendets handläggare och enhetens chefer',
      }),
    ]);
    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });

    app.clock.set('2026-11-23T08:00:00+01:00');
    await app.reconcile();
    const [officerMail, managerMail, adminMail] = [officer.email, manager.email, admin.email];
    await smtp.waitFor(
      () => breachMails(c.reference, officerMail).length === 1 && breachMails(c.reference, managerMail).length === 1,
      'the breach mails to the officer and the manager',
    );
    expect(breachMails(c.reference, adminMail)).toEqual([]);
    const view = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    const staff = view.body.notifications.filter((n: { template: string }) => n.template === 'deadline_breach');
    expect(staff.map((n: { recipient: string }) => n.recipient).sort()).toEqual([officerMail, managerMail].sort());
  });

  it('passes a breach already told to the administrators on to the unit manager when the case is routed', async () => {
    // Friday 10.00, office hours: the breach goes at once, and nobody but the administrators holds the case.
    app.clock.set('2026-11-20T10:00:00+01:00');
    const c = await lateLetter();
    const [officerMail, managerMail, adminMail] = [officer.email, manager.email, admin.email];
    await smtp.waitFor(() => breachMails(c.reference, adminMail).length === 1, 'the breach mail to the administrator');
    expect(breachMails(c.reference, managerMail)).toEqual([]);

    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await smtp.waitFor(() => breachMails(c.reference, managerMail).length === 1, 'the breach mail to the unit manager');
    // Giving the case an officer meets the clock (late), so there is no breach left to tell.
    await send(app, manager, c.id, 'ASSIGN', { assigneeId: officer.id });
    await app.reconcile();
    expect(breachMails(c.reference, adminMail)).toHaveLength(1);
    expect(breachMails(c.reference, managerMail)).toHaveLength(1);
    expect(breachMails(c.reference, officerMail)).toEqual([]);
  });
});
