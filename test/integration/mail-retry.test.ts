import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register } from '../support/fixtures.js';
import { staffAccount, startStaffApp, StaffBrowser } from '../support/staff-web.js';
import { eventually } from '../support/wait.js';

// A mail server that is down, followed try by try on the injected clock: each try's time comes
// from the row, the clock is set to it and the reconciler runs the job that waits for it.
const START = '2026-11-20T10:00:00.000Z';
const HOUR = 3_600_000;

interface Row {
  id: number;
  key: string;
  status: string;
  attempts: number;
  deliver_after: string;
  claimed_at: string | null;
  first_claimed_at: string | null;
}

async function outageApp() {
  const smtp = await startSmtpSink();
  await smtp.stop();
  // The production schedule: 30 s, doubling, at most an hour between tries, for a day.
  const app = await startStaffApp({
    now: START,
    worker: true,
    smtpUrl: smtp.url,
    env: { MAIL_RETRY_BASE_MS: '30000' },
  });
  const desk = await app.user('registrar');
  const c = await register(
    app,
    desk,
    companyCaseBody({ contact: { name: 'Eva Lind', email: 'eva@lind.example', phone: '+46701234567' } }),
  );
  const row = () => app.ctx.db('notifications').where({ case_id: c.id, template: 'receipt' }).first() as Promise<Row>;
  const first = await eventually(row, (n) => n.attempts === 1 && n.status === 'pending', 'the first try to fail');
  return { smtp, app, c, row, first };
}

/** Runs the next try when its time has come by the clock; resolves with the row after it. */
async function nextTry(app: TestApp, row: () => Promise<Row>, before: Row): Promise<Row> {
  app.clock.set(before.deliver_after);
  await app.reconcile();
  return eventually(
    row,
    (n) => n.attempts === before.attempts + 1 && n.status !== 'sending',
    `try ${before.attempts + 1}`,
  );
}

async function adminPage(app: TestApp, path: string) {
  // Logged in at the clock's time now: a session from hours ago has run out.
  const admin = await staffAccount(app, 'admin');
  const browser = new StaffBrowser(app);
  await browser.login(admin.email, admin.password);
  return (await browser.get(path)).text;
}

describe('mail through an SMTP outage', () => {
  it('keeps trying through a three-hour outage, tells the admins after an hour, and sends once when the server is back', async () => {
    const { smtp, app, row, first } = await outageApp();
    try {
      expect(first.first_claimed_at).toBe(START);
      expect(first.deliver_after).toBe('2026-11-20T10:00:30.000Z');
      const tries = [first];
      while (Date.parse(tries.at(-1)!.claimed_at!) - Date.parse(START) < 3 * HOUR) {
        const next = await nextTry(app, row, tries.at(-1)!);
        expect(next.status).toBe('pending');
        tries.push(next);
        if (Date.parse(next.claimed_at!) - Date.parse(START) === 1_890_000) {
          // 31.5 minutes in: failing, but not for an hour yet, so no banner.
          expect(await adminPage(app, '/admin/e-post')).not.toContain('E-post går inte att skicka');
        }
      }
      // The waits between tries: 30 s doubling, then an hour at most.
      const gaps = tries.slice(1).map((t, i) => (Date.parse(t.claimed_at!) - Date.parse(tries[i]!.claimed_at!)) / 1000);
      expect(gaps).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
      expect(tries.at(-1)!.status).toBe('pending');
      expect(tries.every((t) => t.first_claimed_at === START)).toBe(true);

      // Over an hour of failures: the banner on the admin pages says so.
      const page = await adminPage(app, '/admin/garantier');
      expect(page).toContain('<div class="alert" role="status" id="e-postlarm">');
      expect(page).toContain(
        '<strong>E-post går inte att skicka.</strong> 1 meddelande har inte gått fram sedan fredag 20 november 2026 kl. 11.00',
      );
      expect(page).toContain('<a href="/admin/e-post">Gå till E-post som misslyckats</a>');
      // On the mail page the banner stands without a link to the page itself.
      const mailPage = await adminPage(app, '/admin/e-post');
      expect(mailPage).toContain('<strong>E-post går inte att skicka.</strong>');
      expect(mailPage).not.toContain('Gå till E-post som misslyckats');

      await smtp.start();
      const sent = await nextTry(app, row, tries.at(-1)!);
      expect(sent.status).toBe('sent');
      await smtp.waitFor((m) => m.length === 1, 'the receipt');
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.messageId).toBe(`<${sent.key}@localhost>`);
      expect(await adminPage(app, '/admin/garantier')).not.toContain('id="e-postlarm"');
    } finally {
      await app.close();
      await smtp.stop().catch(() => undefined);
    }
  });

  it('gives a mail up only after a day of tries, and an admin sends it again', async () => {
    const { smtp, app, row, first } = await outageApp();
    try {
      const api = await app.user('admin');
      let last = first;
      const claims: string[] = [first.claimed_at!];
      while (last.status === 'pending') {
        last = await nextTry(app, row, last);
        claims.push(last.claimed_at!);
      }
      expect(last.status).toBe('failed');
      const hoursIn = claims.map((at) => (Date.parse(at) - Date.parse(START)) / HOUR);
      // Every try but the last was within the day; the last, at or after it, gave up.
      expect(hoursIn.at(-1)!).toBeGreaterThanOrEqual(24);
      expect(hoursIn.slice(0, -1).every((h) => h < 24)).toBe(true);
      expect(last.attempts).toBe(claims.length);
      expect(last.attempts).toBe(31);

      const failed = await app.request('GET', '/api/admin/notifications?status=failed', { token: api.token });
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          id: Number(last.id),
          status: 'failed',
          attempts: 31,
          lastError: expect.stringMatching(/ECONNREFUSED/),
        }),
      ]);
      const page = await adminPage(app, '/admin/e-post');
      expect(page).toContain('1 meddelande har misslyckats efter alla automatiska försök.');
      expect(page).toContain('misslyckades efter 31 försök');

      await smtp.start();
      expect(
        (await app.request('POST', `/api/admin/notifications/${last.id}/retry`, { token: api.token })).status,
      ).toBe(204);
      await smtp.waitFor((m) => m.length === 1, 'the receipt sent again');
      const after = await eventually(row, (n) => n.status === 'sent', 'the retried mail to be sent');
      expect(after.attempts).toBe(32);
      expect(smtp.mails[0]!.messageId).toBe(`<${last.key}@localhost>`);
    } finally {
      await app.close();
      await smtp.stop().catch(() => undefined);
    }
  });
});
