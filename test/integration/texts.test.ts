import { describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { asJson, pathOf, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// What people read: the right law on the right case, who did what, no repeated lines, plain
// Swedish in the API's messages, and an icon where browsers look for one.
describe('texts people read', () => {
  const {
    app,
    users: { desk },
  } = useTestApp({ staff: true, now: '2026-11-23T09:00:00+01:00', users: { desk: 'registrar' } });

  async function officerBrowser(unit: string) {
    const account = await staffAccount(app, 'officer', { unit, name: `Olle ${unit}` });
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    return { b, id: account.id };
  }
  async function inProgress(
    unit: string,
    category: string,
    officerId: string,
    overrides: Record<string, unknown> = {},
  ) {
    const c = await register(app, desk, companyCaseBody({ category, ...overrides }));
    await send(app, desk, c.id, 'ROUTE', { unit });
    const admin = await app.user('admin');
    await send(app, admin, c.id, 'ASSIGN', { assigneeId: officerId });
    await send(app, admin, c.id, 'START');
    return c;
  }
  const hintOf = (page: string) => /<p class="hint" id="extend-deadline-weeks-hint">([^<]*)<\/p>/.exec(page)?.[1];

  it('names the PBL section for an extension only on a PBL case, by the rule version the case started under', async () => {
    const servering = await officerBrowser('serveringstillstand');
    const s = await inProgress('serveringstillstand', 'serveringstillstand', servering.id);
    expect(hintOf((await servering.b.get(`/arenden/${s.reference}`)).text)).toBe(
      'Högst 10 veckor. Skälet skickas till företaget.',
    );

    const bygg = await officerBrowser('bygglov');
    const b = await inProgress('bygglov', 'bygglov', bygg.id);
    expect(hintOf((await bygg.b.get(`/arenden/${b.reference}`)).text)).toBe(
      'Högst 10 veckor (PBL 9 kap. 100 §). Skälet skickas till företaget.',
    );
    // Received before 1 December 2025: the older numbering.
    const old = await inProgress('bygglov', 'bygglov', bygg.id, {
      channel: 'letter',
      receivedAt: '2025-11-20T09:00:00+01:00',
    });
    expect(hintOf((await bygg.b.get(`/arenden/${old.reference}`)).text)).toBe(
      'Högst 10 veckor (PBL 9 kap. 27 §). Skälet skickas till företaget.',
    );
  });

  it('shows what the company did through the e-service as the company’s, not a registrar’s', async () => {
    const c = await register(app, desk, companyCaseBody());
    const url = await trackingUrl(app, desk, c.id);
    const { forms } = await publicView(app, url);
    const filed = await app.request('POST', `${pathOf(url)}/complaint`, {
      rawBody: new URLSearchParams({
        formToken: forms.complaint.formToken,
        concerns: 'information',
        description: 'Ingen svarade.',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...asJson },
    });
    expect(filed.status).toBe(201);
    const account = await staffAccount(app, 'registrar');
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    const page = await b.get(`/arenden/${filed.body.reference}`);
    expect(page.text).toContain('· Företaget via e-tjänsten');
    expect(page.text).not.toContain('Företaget via e-tjänsten, registrator');
  });

  it('says a decision is made once on the tracking page', async () => {
    const admin = await app.user('admin');
    const c = await register(app, desk, companyCaseBody({ category: 'livsmedel' }));
    await send(app, admin, c.id, 'ROUTE', { unit: 'livsmedel' });
    const officer = await app.user('officer', 'livsmedel');
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    await send(app, officer, c.id, 'DECIDE', { outcome: 'approved', reasoning: 'Anläggningen uppfyller kraven.' });
    const url = await trackingUrl(app, desk, c.id);
    const view = await publicView(app, url);
    expect(view.status.label).toBe('Beslut är fattat');
    expect(view.nextStep).toBe('Du kan läsa beslutet och hur du överklagar det nedan.');
    const page = (await app.request('GET', pathOf(url))).body as string;
    expect(page.split('Beslut är fattat').length - 1).toBe(1);
  });

  it('answers the API in plain Swedish per field, not zod’s programmer texts', async () => {
    const res = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: companyCaseBody({ receivedAt: 'igår', subject: 'x'.repeat(301) }),
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(
      res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath.receivedAt).toBe('Ange datum och tid med tidszon, till exempel 2026-11-27T14:30:00+01:00.');
    expect(byPath.subject).toBe('Högst 300 tecken; texten är 301 tecken.');
    for (const m of Object.values(byPath) as string[]) expect(m).not.toMatch(/\(t\)|förväntade|ISO-datum/);

    const admin = await app.user('admin');
    const c = await register(app, desk, companyCaseBody());
    await send(app, admin, c.id, 'ROUTE', { unit: 'bygglov' });
    const officer = await app.user('officer', 'bygglov');
    const assigned = await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const tooLong = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: officer.token,
      body: { type: 'EXTEND_DEADLINE', expectedVersion: assigned.version, reason: 'Remiss.', weeks: 12 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ path: 'weeks', message: 'Ange högst 10.' }]);
  });

  it('serves /favicon.ico as an icon', async () => {
    const res = await fetch(`${app.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 32×32.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4), bytes[6], bytes[7]]).toEqual([
      0, 1, 1, 32, 32,
    ]);
    expect(bytes.length).toBe(6 + 16 + 40 + 32 * 32 * 4 + 32 * 4);
  });
});
