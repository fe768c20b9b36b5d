import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { asJson, awaitingComplement, pathOf, postComplement, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
};

// A tracking page's form registers once: a double click, a reload or a tab left open sends
// the same form again, and that must not file a second complaint or a second complement.
describe('a tracking page form is one-time', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  const {
    app,
    users: { desk, bo },
  } = useTestApp({
    now: '2026-11-23T09:00:00+01:00',
    worker: true,
    env: { TRACKING_POST_RATE_LIMIT: '200' },
    late: () => ({ smtpUrl: smtp.url }),
    users: { desk: 'registrar', bo: ['officer', 'bygglov', 'Bo Bygg'] },
  });
  beforeAll(async () => {
    await app.user('manager', 'bygglov', 'Maja Chef');
  });

  const complaintsOf = async (caseId: string) =>
    (await app.ctx.db('cases').where({ related_case_id: caseId, kind: 'complaint' })).length;
  const postComplaint = (url: string, body: string, headers: Record<string, string> = asJson) =>
    app.request('POST', `${pathOf(url)}/complaint`, {
      rawBody: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('a complaint form sent twice files one complaint and leads the second time to the complaint already filed', async () => {
    const contact = { name: 'Greta Gås', email: 'greta.once@gasen.example' };
    const c = await register(app, desk, companyCaseBody({ contact }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, bo, c.id, 'ASSIGN', { assigneeId: bo.id });
    const url = await trackingUrl(app, desk, c.id);
    const { forms } = await publicView(app, url);
    const body = form({
      formToken: forms.complaint.formToken,
      concerns: ['treatment'],
      description: 'Ingen ringde tillbaka.',
    });

    // As a browser posts it: the redirect is looked at, not followed.
    const asBrowser = () =>
      fetch(`${app.url}${pathOf(url)}/complaint`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const first = await asBrowser();
    expect(first.status).toBe(303);
    const again = await asBrowser();
    expect(again.status).toBe(303);
    const firstPage = first.headers.get('location')!;
    expect(firstPage).toMatch(/^\.\.\/[A-Za-z0-9_-]{48}\?skickat=klagomal$/);
    expect(again.headers.get('location')).toBe(`${firstPage}-redan`);
    expect(await complaintsOf(c.id)).toBe(1);
    const landed = await app.request('GET', `/track/${again.headers.get('location')!.slice(3)}`);
    expect(landed.status).toBe(200);
    expect(landed.body).toContain('Ditt klagomål var redan mottaget, så vi registrerade inget nytt.');

    // Sent twice at once from a fresh page: one registers, the other gets the same complaint.
    const fresh = (await publicView(app, url)).forms.complaint.formToken;
    expect(fresh).not.toBe(forms.complaint.formToken);
    const twice = form({ formToken: fresh, concerns: ['efficiency'], description: 'Det tog för lång tid.' });
    const both = await Promise.all([postComplaint(url, twice), postComplaint(url, twice)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.reference).toBe(both[1]!.body.reference);
    expect(both.find((r) => r.status === 200)!.body.alreadyFiled).toBe(true);
    expect(await complaintsOf(c.id)).toBe(2);

    // One acknowledgement per complaint reaches the company, never one per submit.
    await app.reconcile();
    await smtp.waitFor(
      () => smtp.to(contact.email).filter((m) => /^Ditt klagomål HS-/.test(m.subject ?? '')).length >= 2,
      'both acknowledgements',
    );
    const acks = smtp.to(contact.email).filter((m) => /^Ditt klagomål HS-/.test(m.subject ?? ''));
    expect(acks.map((m) => m.subject).sort()).toEqual([...new Set(acks.map((m) => m.subject))].sort());
    expect(acks).toHaveLength(2);
  });

  it('a complement form sent again registers nothing, even when a new complement is asked for', async () => {
    app.clock.set('2026-11-23T09:00:00+01:00');
    const waiting = await awaitingComplement(app, desk, bo, companyCaseBody({ category: 'bygglov' }), {
      message: 'Skicka en situationsplan.',
      dueDate: '2026-12-01',
    });
    const url = await trackingUrl(app, desk, waiting.id);
    const { forms } = await publicView(app, url);
    const sent = await postComplement(app, url, {
      formToken: forms.complement.formToken,
      message: 'Här kommer planen.',
    });
    expect(sent.status).toBe(201);
    const twice = await postComplement(app, url, {
      formToken: forms.complement.formToken,
      message: 'Här kommer planen.',
    });
    expect(twice.status).toBe(422);
    expect(twice.body.detail).toBe('Kompletteringen är redan mottagen. Du behöver inte skicka den igen.');

    // The officer asks again; the old page's form (a tab left open) must not answer it.
    const now = (await app.request('GET', `/api/cases/${waiting.id}`, { token: desk.token })).body;
    await send(app, bo, waiting.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka även en fasadritning.',
      dueDate: '2026-12-04',
    });
    const stale = await postComplement(app, url, {
      formToken: forms.complement.formToken,
      message: 'Här kommer planen.',
    });
    expect(stale.status).toBe(422);
    const received = await app.ctx.db('case_events').where({ case_id: waiting.id, type: 'COMPLEMENT_RECEIVED' });
    expect(received).toHaveLength(1);
    const after = (await app.request('GET', `/api/cases/${waiting.id}`, { token: desk.token })).body;
    expect(after.status).toBe('awaiting_complement');
    expect(after.version).toBe(now.version + 1);
  });
});
