import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

// A mail whose sending a crash interrupted is uncertain. When its recipient says it did arrive,
// the admin settles it as delivered: it is never sent again, and the uncertain list and the
// banner let it go. Retrying is the only other way out, and it would send a second copy.
describe('an uncertain mail the recipient has', () => {
  let smtp: SmtpSink;
  let browser: StaffBrowser;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  const {
    app,
    users: { desk, api, officer },
  } = useTestApp({
    staff: true,
    now: '2026-12-03T10:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: { desk: 'registrar', api: 'admin', officer: ['officer', 'bygglov'] },
  });
  beforeAll(async () => {
    const admin = await staffAccount(app, 'admin');
    browser = new StaffBrowser(app);
    await browser.login(admin.email, admin.password);
  });

  /** A receipt the server took, whose worker died before it heard the answer: the row is left claimed, then settled uncertain. */
  async function uncertainReceipt(email: string) {
    const c = await register(app, desk, companyCaseBody({ contact: { name: 'Ida Ek', email } }));
    await smtp.waitFor(() => smtp.to(email).length === 1, 'the receipt');
    const key = `case-${c.id}-receipt`;
    await app.ctx
      .db('notifications')
      .where({ key })
      .update({ status: 'sending', claimed_at: app.clock.now().toISOString() });
    app.clock.advance(app.ctx.config.MAIL_CLAIM_STALE_MS + 60_000);
    await app.reconcile();
    const row = await app.ctx.db('notifications').where({ key }).first('id', 'status');
    expect(row.status).toBe('uncertain');
    return { id: Number(row.id), key };
  }

  it('is settled as delivered through the API, never sent again, and leaves the list', async () => {
    const email = 'ida.ek@firma.example';
    const { id, key } = await uncertainReceipt(email);
    expect(
      (await app.request('POST', `/api/admin/notifications/${id}/delivered`, { token: officer.token })).status,
    ).toBe(403);

    const settled = await app.request('POST', `/api/admin/notifications/${id}/delivered`, { token: api.token });
    expect(settled.status).toBe(204);
    const row = await app.ctx.db('notifications').where({ key }).first('status', 'sent_at', 'last_error');
    expect(row).toMatchObject({ status: 'sent', last_error: null });
    expect(row.sent_at).toBe(app.clock.now().toISOString());
    const listed = await app.request('GET', '/api/admin/notifications?status=uncertain', { token: api.token });
    expect(listed.body.items.map((n: { id: number }) => n.id)).not.toContain(id);

    // Once settled there is nothing to decide: a second settle and a retry are both refused.
    const again = await app.request('POST', `/api/admin/notifications/${id}/delivered`, { token: api.token });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('E-postmeddelandet är inte osäkert längre.');
    expect((await app.request('POST', `/api/admin/notifications/${id}/retry`, { token: api.token })).status).toBe(409);
    await app.reconcile();
    expect(smtp.to(email)).toHaveLength(1);
    expect((await app.request('POST', '/api/admin/notifications/999999/delivered', { token: api.token })).status).toBe(
      404,
    );
  });

  it('is settled from the failed-mail page with its own button, and the banner goes', async () => {
    const email = 'per.lund@firma.example';
    const { id } = await uncertainReceipt(email);
    const before = await browser.get('/admin/e-post');
    expect(before.text).toContain(`action="/admin/e-post/${id}/gatt-fram"`);
    expect(before.text).toContain(
      'Det har gått fram<span class="visually-hidden">: Mottagningsbekräftelse till per.lund@firma.example</span>',
    );
    expect(before.text).toContain('id="e-postlarm"');
    expect(before.text).toContain(
      '1 meddelande är osäkert: sändningen avbröts och det kan ha gått fram. Bestäm om det har gått fram eller ska skickas igen.',
    );

    const settled = await browser.post(`/admin/e-post/${id}/gatt-fram`);
    expect(settled.status).toBe(303);
    expect(settled.location).toBe('/admin/e-post?klart=framme');
    const after = await browser.get('/admin/e-post?klart=framme');
    expect(after.text).toContain('Meddelandet är markerat som framme och skickas inte igen.');
    expect(after.text).not.toContain(`action="/admin/e-post/${id}/gatt-fram"`);
    expect(after.text).toContain('Inga meddelanden är osäkra.');
    expect(after.text).not.toContain('id="e-postlarm"');
    await app.reconcile();
    expect(smtp.to(email)).toHaveLength(1);
  });
});
