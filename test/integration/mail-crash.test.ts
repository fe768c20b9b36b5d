import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register } from '../support/fixtures.js';
import { staffAccount, startStaffApp, StaffBrowser } from '../support/staff-web.js';
import { eventually } from '../support/wait.js';

const BURST = 12;
// The mail whose answer the server holds back: by then several have gone and others are on
// their way, so the kill lands in the middle of the burst.
const HELD = 5;
const LOCK_MS = 2_000;

/** The worker as docker-compose runs it, in a process of its own, on the test's database and queues. */
function startWorkerProcess(app: TestApp, smtpUrl: string): ChildProcess {
  const c = app.ctx.config;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: app.dbUrl,
    ...(app.schema ? { DATABASE_SCHEMA: app.schema } : {}),
    REDIS_URL: c.REDIS_URL,
    REDIS_PREFIX: c.REDIS_PREFIX,
    SMTP_URL: smtpUrl,
    MAIL_DIR: c.MAIL_DIR,
    PUBLIC_BASE_URL: c.PUBLIC_BASE_URL,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '50',
    RECONCILE_EVERY_MS: String(3_600_000),
    // A job held by the killed worker runs again after two seconds rather than thirty.
    QUEUE_LOCK_MS: String(LOCK_MS),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

interface Row {
  id: number;
  key: string;
  status: string;
  attempts: number;
}

describe('a worker killed in the middle of a burst of mail', () => {
  it(
    'leaves every mail sent exactly once or visibly uncertain, none stuck, and an admin settles the uncertain ones',
    { timeout: 90_000 },
    async () => {
      let release: (m: ParsedMail) => void = () => undefined;
      const held = new Promise<ParsedMail>((resolve) => (release = resolve));
      const smtp = await startSmtpSink({ holdAnswer: (_m, index) => index === HELD, onHeld: (m) => release(m) });
      // The API alone; the workers are real processes of their own. Its clock starts at the
      // machine's time, which is what the workers read, and then moves only when told.
      const app = await startStaffApp({ now: new Date().toISOString(), smtpUrl: smtp.url });
      const workers: ChildProcess[] = [];
      try {
        const desk = await app.user('registrar');
        const api = await app.user('admin');
        for (let i = 0; i < BURST; i++) {
          await register(
            app,
            desk,
            companyCaseBody({
              subject: `Fråga ${i}`,
              contact: { name: `Kund ${i}`, email: `kund${i}@firma.example`, phone: '+46701234567' },
            }),
          );
        }
        const rows = async () =>
          ((await app.ctx.db('notifications').select('id', 'key', 'status', 'attempts').orderBy('id')) as Row[]).map(
            (r) => ({ ...r, id: Number(r.id) }),
          );
        expect(await rows()).toHaveLength(BURST);

        workers.push(startWorkerProcess(app, smtp.url));
        const heldMail = await Promise.race([
          held,
          new Promise<never>((_r, reject) =>
            setTimeout(() => reject(new Error('no mail reached the held answer')), 45_000),
          ),
        ]);
        // The server has the mail; the worker waits for the answer and dies waiting.
        await stop(workers[0]!, 'SIGKILL');
        const heldKey = /^<(.+)@localhost>$/.exec(heldMail.messageId ?? '')![1]!;
        const atKill = await rows();
        expect(atKill.find((r) => r.key === heldKey)?.status).toBe('sending');
        const deadClaims = new Set(atKill.filter((r) => r.status === 'sending').map((r) => r.key));

        // A new worker takes over: the mails nobody had claimed go out; the jobs the dead worker
        // held run again once their lock lapses and find their rows claimed.
        workers.push(startWorkerProcess(app, smtp.url));
        await eventually(
          rows,
          (r) => r.every((n) => n.status === 'sent' || deadClaims.has(n.key)),
          'every mail the dead worker had not claimed to be sent',
          45_000,
        );
        // Its stalled jobs have run again too, and left the claims alone.
        await eventually(
          () => app.ctx.queues.mail.getJobCounts('active', 'wait', 'delayed'),
          (c) => (c.active ?? 0) + (c.wait ?? 0) + (c.delayed ?? 0) === 0,
          'the mail queue to be empty',
          20_000,
        );
        expect(
          (await rows())
            .filter((r) => r.status === 'sending')
            .map((r) => r.key)
            .sort(),
        ).toEqual([...deadClaims].sort());

        // Ten minutes on by the clock, the claims nobody answered are settled as uncertain.
        app.clock.advance(app.ctx.config.MAIL_CLAIM_STALE_MS + 60_000);
        await app.reconcile();
        const after = await rows();
        const copies = (key: string) => smtp.mails.filter((m) => m.messageId === `<${key}@localhost>`).length;
        expect(after.filter((r) => r.status !== 'sent' && r.status !== 'uncertain')).toEqual([]);
        for (const r of after.filter((n) => n.status === 'sent')) expect([r.key, copies(r.key)]).toEqual([r.key, 1]);
        for (const r of after.filter((n) => n.status === 'uncertain')) expect(copies(r.key)).toBeLessThanOrEqual(1);
        expect(after.find((r) => r.key === heldKey)?.status).toBe('uncertain');
        // Nothing went twice: every message the server holds is one mail, once.
        expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(smtp.mails.length);
        const uncertain = after.filter((r) => r.status === 'uncertain');

        // The admin sees them, through the API and on the failed-mail page with a retry each.
        const listed = await app.request('GET', '/api/admin/notifications?status=uncertain', { token: api.token });
        expect(listed.status).toBe(200);
        expect(listed.body.items.map((n: Row) => n.id).sort((a: number, b: number) => a - b)).toEqual(
          uncertain.map((r) => r.id),
        );
        expect(
          listed.body.items.every(
            (n: { status: string; lastError: string }) =>
              n.status === 'uncertain' && /kan ha gått fram/.test(n.lastError),
          ),
        ).toBe(true);
        const admin = await staffAccount(app, 'admin');
        const browser = new StaffBrowser(app);
        await browser.login(admin.email, admin.password);
        const page = await browser.get('/admin/e-post');
        expect(page.text).toContain(`<h2 id="osakra-h">Osäkra meddelanden (${uncertain.length})</h2>`);
        const heldRow = after.find((r) => r.key === heldKey)!;
        expect(page.text).toContain(`action="/admin/e-post/${heldRow.id}/skicka-igen"`);
        expect(page.text).toContain('id="e-postlarm"');

        // Skicka igen: the same message, with the same Message-ID, so the receiver can tell. The
        // retry is due at the API's time, which goes back to the machine's, the worker's clock.
        app.clock.set(new Date());
        const retried = await browser.post(`/admin/e-post/${heldRow.id}/skicka-igen`);
        expect(retried.status).toBe(303);
        await eventually(
          rows,
          (r) => r.find((n) => n.id === heldRow.id)?.status === 'sent',
          'the retried mail to be sent',
          20_000,
        );
        expect(copies(heldKey)).toBe(2);
        const twice = smtp.mails.filter((m) => m.messageId === `<${heldKey}@localhost>`);
        expect(twice[1]!.subject).toBe(twice[0]!.subject);
      } finally {
        for (const w of workers) await stop(w, 'SIGTERM');
        await app.close();
        await smtp.stop().catch(() => undefined);
      }
    },
  );
});
