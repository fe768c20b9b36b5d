import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { findCase } from '../../src/infra/db/case-repository.js';
import { pathOf, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// "Löst direkt": the company got its answer at the desk. It gets a confirmation with that answer
// and nothing that promises a unit, an officer or a decision.
describe('a case resolved at first contact', () => {
  let smtp: SmtpSink;
  let desk: StaffBrowser;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  const {
    app,
    users: { apiDesk },
  } = useTestApp({
    staff: true,
    now: '2026-11-23T09:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: { apiDesk: 'registrar' },
  });
  beforeAll(async () => {
    const account = await staffAccount(app, 'registrar', { name: 'Disa Disk' });
    desk = new StaffBrowser(app);
    await desk.login(account.email, account.password);
  });

  const expectNoPromises = (text: string) => {
    expect(text).not.toContain('Nästa steg');
    expect(text).not.toContain('handläggare');
    expect(text).not.toContain('Det här lovar vi dig');
    expect(text).not.toContain('senast');
  };

  it('registered and resolved in one go at the desk: one confirmation with the answer, and the answer on the tracking page', async () => {
    const email = 'sofia@skylt.example';
    expect((await desk.get('/arenden/ny')).status).toBe(200);
    const res = await desk.post('/arenden/ny', {
      orgNumber: '5560360793',
      companyName: 'Saab AB',
      contactName: 'Sofia Skylt',
      contactEmail: email,
      contactPhone: '',
      category: 'livsmedel',
      channel: 'phone',
      description: 'Fråga om registrering\nBehöver en food truck registreras i varje kommun?',
      next: 'resolve',
      resolution:
        'Nej, registreringen görs i den kommun där fordonet står uppställt. Vi skickade länken till e-tjänsten.',
      unit: '',
    });
    expect(res.status).toBe(303);
    const row = (await findCase(app.ctx.db, res.location!.split('/').pop()!))!;
    expect(row.status).toBe('resolved_at_first_contact');

    // The receipt asked for at registration became the confirmation: one mail to the company, sent.
    await smtp.waitFor(() => smtp.to(email).length >= 1, 'the confirmation');
    const recorded = await app.ctx
      .db('notifications')
      .where({ case_id: row.id, audience: 'company' })
      .select('key', 'template');
    expect(recorded).toEqual([{ key: `case-${row.id}-receipt`, template: 'resolved_at_first_contact' }]);
    const mails = smtp.to(email);
    expect(mails.map((m) => m.subject)).toEqual([`Ditt ärende ${row.reference} är löst`]);
    const text = mails[0]!.text!;
    expect(text).toContain(
      'Det här svaret fick du:\nNej, registreringen görs i den kommun där fordonet står uppställt. Vi skickade länken till e-tjänsten.',
    );
    expect(text).toContain('Vi löste ärendet direkt måndag 23 november 2026.');
    expect(text).toContain('Du behöver inte göra något mer.');
    expect(text).not.toContain('Livsmedelskontroll');
    expectNoPromises(text);

    const url = await trackingUrl(app, apiDesk, row.id);
    expect(text).toContain(`Följ ditt ärende: ${url}`);
    // In the HTML part the link is a link.
    expect(mails[0]!.html).toContain(`Följ ditt ärende: <a href="${url}">${url}</a>`);
    const view = await publicView(app, url);
    expect(view).toMatchObject({
      status: { code: 'resolved_at_first_contact' },
      resolution: {
        text: 'Nej, registreringen görs i den kommun där fordonet står uppställt. Vi skickade länken till e-tjänsten.',
        date: '2026-11-23',
        dateText: 'måndag 23 november 2026',
      },
    });
    // Nothing on the page reads as a promise: the clocks of the case are not shown.
    expect(view.guarantees).toEqual([]);
    const page = await app.request('GET', pathOf(url));
    expect(page.body).not.toContain('Det här har vi lovat dig');
    expect(page.body).toContain('<h2 id="r-h">Svaret du fick</h2>');
    expect(page.body).toContain(
      '<p>Nej, registreringen görs i den kommun där fordonet står uppställt. Vi skickade länken till e-tjänsten.</p>',
    );
  });

  it('resolved after its receipt went out: the confirmation follows, with the answer and no promises', async () => {
    const email = 'olof@lager.example';
    const c = await register(
      app,
      apiDesk,
      companyCaseBody({ contact: { name: 'Olof Lager', email }, subject: 'Fråga om skyltlov' }),
    );
    await smtp.waitFor(() => smtp.to(email).length >= 1, 'the receipt');
    await send(app, apiDesk, c.id, 'RESOLVE_AT_FIRST_CONTACT', {
      resolution: 'En skylt under 1 kvm behöver inget lov.',
    });
    await smtp.waitFor(() => smtp.to(email).length >= 2, 'the confirmation');
    const confirmation = smtp.to(email).find((m) => m.subject === `Ditt ärende ${c.reference} är löst`)!;
    expect(confirmation.text).toContain('Det här svaret fick du:\nEn skylt under 1 kvm behöver inget lov.');
    expectNoPromises(confirmation.text!);
  });
});
