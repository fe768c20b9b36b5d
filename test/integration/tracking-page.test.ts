import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { asJson, awaitingComplement, pathOf, publicView, tokenOf, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const personnummer = '19121212-1212';
const contact = { name: 'Karin Lind', email: 'karin.lind@exempel.se', phone: '+46709876543' };
const internalNote = 'INTERN ANTECKNING: ringde Karin, verkar stressad';
const internalDescription = 'INTERNT: kontrollera tidigare ärenden om ägaren';

describe('the tracking page of a case', () => {
  let officerEmail: string;
  let deskEmail: string;

  // Friday 20 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk, officer, otherOfficer },
  } = useTestApp({
    users: {
      desk: 'registrar',
      officer: ['officer', 'bygglov', 'Olle Xyzelius'],
      otherOfficer: ['officer', 'livsmedel'],
    },
  });
  beforeAll(async () => {
    officerEmail = officer.email;
    deskEmail = desk.email;
  });

  async function caseWithInternals() {
    const first = await awaitingComplement(
      app,
      desk,
      officer,
      companyCaseBody({
        company: { orgNumber: personnummer, name: 'Karins Hårvård' },
        contact,
        description: internalDescription,
        subject: 'Bygglov för frisersalong',
        surveyConsent: false,
      }),
      { message: 'Skicka en ritning över entrén.' },
    );
    await send(app, officer, first.id, 'COMPLEMENT_RECEIVED', { note: internalNote });
    return send(app, officer, first.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka en situationsplan i skala 1:500.',
      dueDate: '2026-12-04',
    });
  }

  it('shows exactly the public fields and nothing internal, in JSON and in HTML', async () => {
    const c = await caseWithInternals();
    const url = await trackingUrl(app, desk, c.id);
    expect(url).toMatch(/^http:\/\/localhost:3000\/track\/[A-Za-z0-9_-]{48}$/);

    const view = await publicView(app, url);
    expect(Object.keys(view).sort()).toEqual(
      [
        'answer',
        'categoryLabel',
        'companyName',
        'complement',
        'decision',
        'extension',
        'forms',
        'guarantees',
        'history',
        'kind',
        'kindLabel',
        'nextStep',
        'officer',
        'received',
        'reference',
        'relatedReference',
        'resolution',
        'status',
        'subject',
        'unit',
        'withdrawal',
        'yourPart',
      ].sort(),
    );
    expect(view).toMatchObject({
      reference: c.reference,
      kind: 'company_case',
      subject: 'Bygglov för frisersalong',
      categoryLabel: 'Bygglov',
      companyName: 'Karins Hårvård',
      received: { date: '2026-11-20', dateText: 'fredag 20 november 2026' },
      status: { code: 'awaiting_complement', label: 'Vi väntar på komplettering från dig', open: true },
      yourPart:
        'Vi väntar på komplettering från dig: Skicka en situationsplan i skala 1:500, senast fredag 4 december 2026.',
      complement: {
        message: 'Skicka en situationsplan i skala 1:500.',
        dueDate: '2026-12-04',
        dueDateText: 'fredag 4 december 2026',
      },
      unit: { code: 'bygglov', label: 'Bygglov' },
      officer: { firstName: 'Olle' },
      decision: null,
      relatedReference: null,
    });
    expect(view.nextStep).toBe(
      'När kompletteringen har kommit in fortsätter Olle med ärendet. Tidsfristen för beslut börjar räknas om från början när kompletteringen har kommit in.',
    );
    expect(view.history.map((h: { label: string }) => h.label)).toEqual([
      'Vi tog emot ditt ärende',
      'Ärendet skickades till rätt enhet',
      'En handläggare fick ditt ärende',
      'Handläggningen började',
      'Vi bad dig om komplettering',
      'Vi tog emot din komplettering',
      'Vi bad dig om komplettering',
    ]);
    expect(Object.keys(view.history[0]).sort()).toEqual(['at', 'date', 'dateText', 'label']);
    // The first-contact promise was met when the officer took the case; the decision clock waits.
    expect(view.guarantees).toEqual([
      expect.objectContaining({
        label: 'Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar',
        state: 'met',
        stateLabel: 'Klart i tid',
      }),
      expect.objectContaining({
        state: 'paused',
        dueDate: null,
        stateLabel: 'Står still medan vi väntar på din komplettering',
      }),
    ]);
    expect(view.forms.complement.formToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const page = await app.request('GET', pathOf(url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = page.body as string;
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(
      'Vi väntar på komplettering från dig: Skicka en situationsplan i skala 1:500, senast fredag 4 december 2026.',
    );
    expect(html).toContain('<dd>Olle</dd>');
    expect(html).toContain('Är du inte nöjd med hur vi har hanterat ditt ärende?');
    expect(html).not.toContain('awaiting_complement');

    const secrets = [
      internalNote,
      'INTERN',
      internalDescription,
      officerEmail,
      deskEmail,
      'Xyzelius',
      officer.id,
      desk.id,
      contact.email,
      contact.phone,
      '0709876543',
      'Karin Lind',
      personnummer,
      '191212121212',
      '121212-1212',
      '19121212',
    ];
    for (const body of [JSON.stringify(view), html])
      for (const secret of secrets) expect(body, secret).not.toContain(secret);
  });

  it('answers wrong, revoked, unknown and malformed links with the same 404 after the same work', async () => {
    const c = await register(app, desk, companyCaseBody());
    const live = tokenOf(await trackingUrl(app, desk, c.id));
    const wrong = live.slice(0, -1) + (live.endsWith('A') ? 'B' : 'A');
    const unknown = Buffer.concat([Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), randomBytes(20)]).toString(
      'base64url',
    );
    const revoke = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, { token: officer.token, body: {} });
    // The desk registered it, the officer's unit has not got it yet: only an admin may replace it.
    expect(revoke.status).toBe(404);
    const admin = await app.user('admin');
    const replaced = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: admin.token,
      body: { reason: 'Länken skickades till fel person.' },
    });
    expect(replaced.status).toBe(200);
    const revoked = live;
    const fresh = tokenOf(replaced.body.trackingUrl);

    // Everything cached (the secret) is warm before we count.
    await app.request('GET', `/track/${fresh}`, { headers: asJson });
    const queries: string[] = [];
    const record = (q: { sql: string }) => queries.push(q.sql);
    app.ctx.db.on('query', record);
    const seen: Record<string, { status: number; json: string; html: string; sql: string[] }> = {};
    try {
      for (const [name, token] of Object.entries({
        wrong,
        revoked,
        unknown,
        malformed: 'inte-en-riktig-länk',
        fresh,
      })) {
        queries.length = 0;
        const json = await app.request('GET', `/track/${encodeURIComponent(token)}`, { headers: asJson });
        const sql = [...queries];
        const html = await app.request('GET', `/track/${encodeURIComponent(token)}`);
        seen[name] = { status: json.status, json: JSON.stringify(json.body), html: String(html.body), sql };
      }
    } finally {
      app.ctx.db.off('query', record);
    }
    const failing = [seen.wrong!, seen.revoked!, seen.unknown!, seen.malformed!];
    for (const f of failing) {
      expect(f.status).toBe(404);
      expect(f.json).toBe(seen.wrong!.json);
      expect(f.html).toBe(seen.wrong!.html);
      // One read of one case row by id, the same statement, whatever was wrong with the link.
      expect(f.sql).toEqual(seen.wrong!.sql);
    }
    expect(seen.wrong!.sql).toHaveLength(1);
    expect(seen.wrong!.sql[0]).toMatch(/from [`"]cases[`"] where [`"]id[`"] = /);
    // A live link starts with the very same read, then builds the page.
    expect(seen.fresh!.status).toBe(200);
    expect(seen.fresh!.sql[0]).toBe(seen.wrong!.sql[0]);
    expect(JSON.parse(seen.wrong!.json)).toEqual({
      type: 'https://handslag.se/problems/not-found',
      title: 'Finns inte',
      status: 404,
      detail: 'Länken fungerar inte. Den kan vara fel inskriven eller ersatt av en ny länk.',
    });
    expect(seen.wrong!.html).toContain('Länken fungerar inte');
  });

  it('replaces a link: the old one stops working, staff see the new one, the audit trail names who and why', async () => {
    const c = await register(app, desk, companyCaseBody());
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    const old = await trackingUrl(app, desk, c.id);
    const refused = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, { token: desk.token, body: {} });
    expect(refused.status).toBe(403);
    const elsewhere = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: otherOfficer.token,
      body: {},
    });
    expect(elsewhere.status).toBe(404);
    const bad = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: officer.token,
      body: { reason: 'x', extra: true },
    });
    expect(bad.status).toBe(400);

    const res = await app.request('POST', `/api/cases/${c.reference}/tracking/revoke`, {
      token: officer.token,
      body: { reason: 'Länken vidarebefordrades.' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ generation: 2, revokedAt: '2026-11-20T08:00:00.000Z' });
    expect(res.body.trackingUrl).not.toBe(old);
    expect(await trackingUrl(app, desk, c.id)).toBe(res.body.trackingUrl);
    expect((await app.request('GET', pathOf(old), { headers: asJson })).status).toBe(404);
    expect((await publicView(app, res.body.trackingUrl)).reference).toBe(c.reference);

    // The case itself did not move: no version bump, so nobody's open form goes stale.
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(after.body.version).toBe(2);
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: desk.token });
    const entry = history.body.items.find((e: { type: string }) => e.type === 'TRACKING_REVOKED');
    expect(entry).toMatchObject({
      label: 'Länken till ärendets sida ersattes med en ny',
      actor: { id: officer.id },
      payload: { reason: 'Länken vidarebefordrades.' },
    });
    expect(JSON.stringify(history.body)).not.toContain(tokenOf(res.body.trackingUrl));
    // The company never sees that line.
    expect((await publicView(app, res.body.trackingUrl)).history.map((h: { label: string }) => h.label)).toEqual([
      'Vi tog emot ditt ärende',
      'Ärendet skickades till rätt enhet',
    ]);
  });

  it('is never cached, indexed or sent on as a referrer, and allows no script', async () => {
    const c = await register(app, desk, companyCaseBody());
    const url = await trackingUrl(app, desk, c.id);
    for (const [path, headers] of [
      [pathOf(url), {}],
      [pathOf(url), asJson],
      ['/track/okand', {}],
      [`${pathOf(url)}/complaint`, {}],
    ] as const) {
      const res = await app.request('GET', path, { headers });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
    }
    const css = await app.request('GET', '/track/assets/tracking.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const html = (await app.request('GET', pathOf(url))).body as string;
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="assets/tracking.css">');
  });

  it('dates a letter registered days after it arrived by its arrival in the history, with the registration after it', async () => {
    // A letter that came in on Monday 16 November, registered on Friday 20 November.
    const c = await register(
      app,
      desk,
      companyCaseBody({ channel: 'letter', receivedAt: '2026-11-16T09:00:00+01:00' }),
    );
    const url = await trackingUrl(app, desk, c.id);
    const view = await publicView(app, url);
    expect(view.received).toMatchObject({ date: '2026-11-16', dateText: 'måndag 16 november 2026' });
    expect(view.history.slice(0, 2)).toEqual([
      {
        label: 'Vi tog emot ditt ärende',
        at: '2026-11-16T08:00:00.000Z',
        date: '2026-11-16',
        dateText: 'måndag 16 november 2026',
      },
      {
        label: 'Ärendet registrerades hos oss',
        at: expect.any(String),
        date: '2026-11-20',
        dateText: 'fredag 20 november 2026',
      },
    ]);
    const html = (await app.request('GET', pathOf(url))).body as string;
    expect(html).toContain(
      '<li><time datetime="2026-11-16">måndag 16 november 2026</time>Vi tog emot ditt ärende</li>',
    );
    expect(html).not.toContain('<time datetime="2026-11-20">fredag 20 november 2026</time>Vi tog emot ditt ärende');

    // Registered the day it came in: one line, as before.
    const sameDay = await register(
      app,
      desk,
      companyCaseBody({ channel: 'letter', receivedAt: '2026-11-20T08:00:00+01:00' }),
    );
    const sameDayView = await publicView(app, await trackingUrl(app, desk, sameDay.id));
    expect(sameDayView.history.map((h: { label: string }) => h.label)).toEqual(['Vi tog emot ditt ärende']);

    // A complaint by letter the same.
    const complaint = await register(
      app,
      desk,
      complaintBody({ channel: 'letter', receivedAt: '2026-11-17T09:00:00+01:00' }),
    );
    const complaintView = await publicView(app, await trackingUrl(app, desk, complaint.id));
    expect(
      complaintView.history.slice(0, 2).map((h: { label: string; dateText: string }) => [h.label, h.dateText]),
    ).toEqual([
      ['Vi tog emot ditt klagomål', 'tisdag 17 november 2026'],
      ['Klagomålet registrerades hos oss', 'fredag 20 november 2026'],
    ]);
  });

  it('says the next step once: the page writes "Nästa steg:" and the text never repeats it', async () => {
    const c = await register(app, desk, companyCaseBody({ contact }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    const url = await trackingUrl(app, desk, c.id);
    expect((await publicView(app, url)).nextStep).toBe(
      'Ärendet finns hos Bygglov. Där får det en handläggare, och du får veta vem.',
    );
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    // Started Friday 20 November 2026: ten weeks to Friday 29 January 2027.
    expect((await publicView(app, url)).nextStep).toBe(
      'Olle handlägger ärendet. Sedan kommer beslutet, senast fredag 29 januari 2027.',
    );
    const page = (await app.request('GET', pathOf(url))).body as string;
    expect(page.split('Nästa steg').length - 1).toBe(1);
  });

  it('is described in the OpenAPI document, public and staff routes alike', async () => {
    const { body } = await app.request('GET', '/api/openapi.json');
    const ops = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /track/{token}',
        'POST /track/{token}/complement',
        'POST /track/{token}/complaint',
        'POST /api/cases/{id}/tracking/revoke',
        'GET /api/cases/{id}/files',
        'GET /api/cases/{id}/files/{fileId}',
      ]),
    );
    expect(body.components.schemas.TrackedCase.required).toEqual(
      expect.arrayContaining(['reference', 'status', 'nextStep', 'guarantees', 'history', 'forms']),
    );
  });

  it('keeps the link out of the request log', async () => {
    const c = await register(app, desk, companyCaseBody());
    const token = tokenOf(await trackingUrl(app, desk, c.id));
    app.logLines.length = 0;
    await app.request('GET', `/track/${token}`);
    await app.request('GET', `/track/${token}/complaint`);
    const lines = app.logLines.map((l) => JSON.parse(l)).filter((l) => l.req?.url?.startsWith('/track/'));
    expect(lines.map((l) => l.req.url)).toEqual(['/track/[dold]', '/track/[dold]/complaint']);
    expect(app.logLines.join('\n')).not.toContain(token);
  });
});

describe('the tracking page under load from one address', () => {
  const { app } = useTestApp({ env: { TRACKING_RATE_LIMIT: '3' } });

  it('answers 429 problem+json once the address has used its budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.request('GET', `/track/okand-${i}`, { headers: asJson })).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await app.request('GET', '/track/okand-4', { headers: asJson });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      status: 429,
      title: 'För många förfrågningar',
      detail: 'För många förfrågningar från din adress. Vänta en stund och försök igen.',
    });
    expect(limited.headers.get('cache-control')).toBe('no-store');
    // The stylesheet is not counted against the page.
    expect((await app.request('GET', '/track/assets/tracking.css')).status).toBe(200);
  });
});
