import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, register, send, routedCase as registerRouted } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { asJson, pathOf, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// Friday 27 November 2026, 10:15 in Stockholm.
const NOW = '2026-11-27T10:15:00+01:00';
const NOTE = 'INTERN ANTECKNING: ägaren ringde och var upprörd, ta det varsamt';

const noteCount = async (app: TestApp, caseId: string) =>
  Number(
    ((await app.ctx.db('case_notes').where({ case_id: caseId }).count({ n: '*' }))[0] as { n: number | string }).n,
  );
const eventsOf = async (app: TestApp, caseId: string) =>
  app.ctx.db('case_events').where({ case_id: caseId }).orderBy('id');

describe('internal notes on a case', () => {
  let olleBrowser: StaffBrowser;

  const {
    app,
    users: { desk, officer },
    accounts: { olle },
  } = useTestApp({
    staff: true,
    now: NOW,
    users: { desk: 'registrar', officer: ['officer', 'bygglov', 'Bo Bygg'] },
    accounts: { olle: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] },
  });
  beforeAll(async () => {
    olleBrowser = new StaffBrowser(app);
    expect((await olleBrowser.login(olle.email, olle.password, '/arenden')).location).toBe('/arenden');
  });

  /** A bygglov case routed to the unit by the desk. */
  const routedCase = (overrides: Record<string, unknown> = {}) => registerRouted(app, desk, 'bygglov', overrides);

  describe('the API', () => {
    it('adds a note and lists the case’s notes oldest first, by id and by reference', async () => {
      const c = await routedCase();
      const before = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });

      const added = await app.request('POST', `/api/cases/${c.reference}/notes`, {
        token: officer.token,
        body: { body: `  ${NOTE}  ` },
      });
      expect(added.status).toBe(201);
      expect(added.body).toEqual({
        id: expect.any(String),
        author: { id: officer.id, name: 'Bo Bygg' },
        body: NOTE,
        createdAt: '2026-11-27T09:15:00.000Z',
      });
      app.clock.advance(60_000);
      const second = await app.request('POST', `/api/cases/${c.id}/notes`, {
        token: desk.token,
        body: { body: 'Företaget vill bli uppringt efter lunch.' },
      });
      expect(second.status).toBe(201);

      const list = await app.request('GET', `/api/cases/${c.reference}/notes`, { token: officer.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((n: { body: string }) => n.body)).toEqual([
        NOTE,
        'Företaget vill bli uppringt efter lunch.',
      ]);
      expect(list.body.items[1].author.id).toBe(desk.id);

      // A note is no lifecycle event: state and version stay, and the history says only that a note was added.
      const after = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
      expect(after.body.version).toBe(before.body.version);
      expect(after.body.status).toBe('routed');
      const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: officer.token });
      const noted = history.body.items.filter((e: { type: string }) => e.type === 'NOTE_ADDED');
      expect(noted).toHaveLength(2);
      expect(noted[0]).toMatchObject({
        label: 'Intern anteckning tillagd',
        actor: { id: officer.id },
        fromState: 'routed',
        toState: 'routed',
        version: before.body.version,
        payload: { noteId: added.body.id },
      });
      expect(JSON.stringify(history.body)).not.toContain('INTERN ANTECKNING');
    });

    it('names the field `body` when the note is missing, empty, too long or not text', async () => {
      const c = await routedCase();
      for (const body of [{}, { body: '   ' }, { body: 'x'.repeat(4001) }, { body: 42 }, { body: 'ok', extra: 1 }]) {
        const res = await app.request('POST', `/api/cases/${c.id}/notes`, { token: officer.token, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ type: 'https://handslag.se/problems/invalid-input', status: 400 });
        const paths = res.body.errors.map((e: { path: string }) => e.path);
        expect(paths, JSON.stringify(body)).toContain('extra' in body ? 'extra' : 'body');
      }
      expect(
        (
          await app.request('POST', `/api/cases/${c.id}/notes`, {
            token: officer.token,
            body: { body: 'x'.repeat(4000) },
          })
        ).status,
      ).toBe(201);
      expect(await noteCount(app, c.id)).toBe(1);
      // The database holds the same limit for anything that writes past the API.
      const direct = {
        id: '00000000-0000-4000-8000-000000000001',
        case_id: c.id,
        author_id: officer.id,
        body: 'å'.repeat(4001),
        created_at: '2026-11-27T09:15:00.000Z',
      };
      await expect(app.ctx.db('case_notes').insert(direct)).rejects.toThrow(/case_notes_body_length|CHECK constraint/i);
      await expect(app.ctx.db('case_notes').insert({ ...direct, body: '' })).rejects.toThrow(
        /case_notes_body_length|CHECK constraint/i,
      );
    });

    it('answers 404 to another unit’s officer and to an unknown case, 403 to the coordinator, and writes nothing', async () => {
      const c = await routedCase();
      const other = await app.user('officer', 'livsmedel');
      const coordinator = await app.user('coordinator');
      const eventsBefore = (await eventsOf(app, c.id)).length;

      expect(
        (await app.request('POST', `/api/cases/${c.id}/notes`, { token: other.token, body: { body: 'Smyg' } })).status,
      ).toBe(404);
      expect((await app.request('GET', `/api/cases/${c.reference}/notes`, { token: other.token })).status).toBe(404);
      expect(
        (
          await app.request('POST', '/api/cases/HS-2026-999999/notes', {
            token: officer.token,
            body: { body: 'Finns inte' },
          })
        ).status,
      ).toBe(404);
      const refused = await app.request('POST', `/api/cases/${c.id}/notes`, {
        token: coordinator.token,
        body: { body: 'Samordnaren' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('https://handslag.se/problems/forbidden');
      // The coordinator reads them, as everyone who sees the case does.
      expect((await app.request('GET', `/api/cases/${c.id}/notes`, { token: coordinator.token })).body).toEqual({
        items: [],
      });
      expect((await app.request('POST', `/api/cases/${c.id}/notes`, { body: { body: 'Utan token' } })).status).toBe(
        401,
      );

      expect(await noteCount(app, c.id)).toBe(0);
      expect((await eventsOf(app, c.id)).length).toBe(eventsBefore);
    });

    it('leaves no note behind when the audit line cannot be written', async () => {
      const c = await routedCase();
      // With the audit table out of the way the note's own insert succeeds and the audit insert
      // fails after it: the transaction must take the note back with it.
      await app.ctx.db.schema.renameTable('case_events', 'case_events_away');
      let status: number;
      try {
        status = (
          await app.request('POST', `/api/cases/${c.id}/notes`, {
            token: officer.token,
            body: { body: 'Halvskriven?' },
          })
        ).status;
      } finally {
        await app.ctx.db.schema.renameTable('case_events_away', 'case_events');
      }
      expect(status).toBe(500);
      expect(await noteCount(app, c.id)).toBe(0);
      expect((await eventsOf(app, c.id)).some((e) => e.type === 'NOTE_ADDED')).toBe(false);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await app.request('GET', '/api/openapi.json')).body;
      expect(Object.keys(doc.paths['/api/cases/{id}/notes']).sort()).toEqual(['get', 'post']);
      expect(doc.components.schemas.CaseNoteInput.properties.body).toMatchObject({ type: 'string', maxLength: 4000 });
      expect(Object.keys(doc.paths['/api/cases/{id}/notes'].post.responses)).toEqual(
        expect.arrayContaining(['201', '400', '403', '404']),
      );
    });
  });

  describe('the case page', () => {
    it('lists the notes with author and Swedish date and time, and adds one through the form', async () => {
      app.clock.set(NOW);
      const c = await routedCase();
      await app.request('POST', `/api/cases/${c.id}/notes`, {
        token: officer.token,
        body: { body: 'Ring tillbaka på fredag.' },
      });

      const page = await olleBrowser.get(`/arenden/${c.reference}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h2 id="anteckningar-h">Interna anteckningar</h2>');
      expect(page.text).toContain(
        'Bo Bygg · <time datetime="2026-11-27T09:15:00.000Z">fredag 27 november 2026 kl. 10.15</time>',
      );
      expect(page.text).toContain('Ring tillbaka på fredag.');
      expect(page.text).toContain(
        `<form class="note-form" method="post" action="/arenden/${c.reference}/anteckningar"`,
      );

      app.clock.advance(30 * 60_000);
      const posted = await olleBrowser.post(`/arenden/${c.reference}/anteckningar`, {
        body: 'Kontrollera <ritningen> & fasaden.',
      });
      expect(posted.status).toBe(303);
      expect(posted.location).toBe(`/arenden/${c.reference}?klart=anteckning`);
      const after = await olleBrowser.get(posted.location!);
      expect(after.text).toContain('Anteckningen är sparad. Den syns bara för personalen.');
      expect(after.text).toContain(
        'Olle Berg · <time datetime="2026-11-27T09:45:00.000Z">fredag 27 november 2026 kl. 10.45</time>',
      );
      expect(after.text).toContain('Kontrollera &lt;ritningen&gt; &amp; fasaden.');
      expect(after.text).toContain('<h3>Intern anteckning tillagd</h3>');
      const notes = (await app.request('GET', `/api/cases/${c.id}/notes`, { token: officer.token })).body.items;
      expect(notes.map((n: { author: { id: string } }) => n.author.id)).toEqual([officer.id, olle.id]);
    });

    it('marks an empty or too long note beside the field, in Swedish, and keeps the text', async () => {
      const c = await routedCase();
      await olleBrowser.get(`/arenden/${c.reference}`);
      const empty = await olleBrowser.post(`/arenden/${c.reference}/anteckningar`, { body: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('<h2>Anteckningen kunde inte sparas</h2>');
      expect(empty.text).toContain('<a href="#note-body">Ny anteckning: Skriv något i anteckningen.</a>');
      expect(empty.text).toContain('<p class="field-error" id="note-body-error">Skriv något i anteckningen.</p>');
      expect(empty.text).toMatch(
        /<textarea id="note-body" name="body" rows="4" required aria-describedby="note-body-error note-body-hint" aria-invalid="true">/,
      );

      const long = `Lång anteckning ${'å'.repeat(4000)}`;
      const tooLong = await olleBrowser.post(`/arenden/${c.reference}/anteckningar`, { body: long });
      expect(tooLong.status).toBe(400);
      expect(tooLong.text).toContain('Anteckningen får vara högst 4\u00a0000 tecken. Den är nu 4\u00a0016 tecken.');
      expect(tooLong.text).toContain(`>${long}</textarea>`);
      expect(await noteCount(app, c.id)).toBe(0);
    });

    it('refuses the form without the session’s token, and another unit’s officer with 404, writing nothing', async () => {
      const c = await routedCase();
      await olleBrowser.get(`/arenden/${c.reference}`);
      const without = await olleBrowser.request('POST', `/arenden/${c.reference}/anteckningar`, { body: 'Utan token' });
      expect(without.status).toBe(403);
      expect(without.text).toContain('<h1>Formuläret kunde inte skickas</h1>');
      const wrong = await olleBrowser.post(`/arenden/${c.reference}/anteckningar`, {
        _csrf: 'x'.repeat(43),
        body: 'Fel token',
      });
      expect(wrong.status).toBe(403);

      const other = await staffAccount(app, 'officer', { unit: 'livsmedel' });
      const b = new StaffBrowser(app);
      await b.login(other.email, other.password);
      await b.get('/arenden');
      const hidden = await b.post(`/arenden/${c.reference}/anteckningar`, { body: 'Smyg' });
      expect(hidden.status).toBe(404);
      expect(hidden.text).toContain('Ärendet finns inte.');
      expect(await noteCount(app, c.id)).toBe(0);
    });

    it('shows the coordinator the notes but no form', async () => {
      const c = await routedCase();
      await app.request('POST', `/api/cases/${c.id}/notes`, {
        token: officer.token,
        body: { body: 'Till samordnaren.' },
      });
      const coordinator = await staffAccount(app, 'coordinator');
      const b = new StaffBrowser(app);
      await b.login(coordinator.email, coordinator.password);
      const page = await b.get(`/arenden/${c.reference}`);
      expect(page.text).toContain('Till samordnaren.');
      expect(page.text).not.toContain('class="note-form"');
      expect((await b.post(`/arenden/${c.reference}/anteckningar`, { body: 'Ändå?' })).status).toBe(403);
      expect(await noteCount(app, c.id)).toBe(1);
    });
  });

  describe('paths under /arenden that are no page', () => {
    it('answer the staff pages’ Swedish 404 page, while /arenden/ny still registers', async () => {
      const c = await routedCase();
      for (const path of ['/arenden/abc', '/arenden/HS-2026-1', `/arenden/${c.reference}/okand`, '/arenden/abc/def']) {
        const res = await olleBrowser.get(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
        expect(res.text, path).toContain('<html lang="sv">');
        expect(res.text, path).toContain('<h1>Sidan finns inte</h1>');
        expect(res.text, path).toContain('Sidan finns inte.');
        expect(res.headers.get('cache-control'), path).toBe('no-store');
      }
      // Not logged in: the login page first, as for every staff page.
      const anonymous = await new StaffBrowser(app).get('/arenden/abc');
      expect(anonymous.status).toBe(303);
      expect(anonymous.location).toBe('/login?next=%2Farenden%2Fabc');

      const register = await olleBrowser.get('/arenden/ny');
      expect(register.status).toBe(200);
      expect(register.text).toContain('<h1>Registrera ärende</h1>');
      const coordinator = await staffAccount(app, 'coordinator');
      const b = new StaffBrowser(app);
      await b.login(coordinator.email, coordinator.password);
      expect((await b.get('/arenden/ny')).status).toBe(403);
      // The API keeps its own problem+json for what it does not know.
      const api = await app.request('GET', '/api/nothing-here', { token: officer.token });
      expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  describe('what the company sees', () => {
    let smtp: SmtpSink;

    beforeAll(async () => {
      smtp = await startSmtpSink();
    });
    afterAll(async () => {
      await smtp.stop();
    });
    // Monday 23 November 2026, 09:00 in Stockholm: office hours, so staff mail goes out too.
    const { app: mailApp } = useTestApp({
      now: '2026-11-23T09:00:00+01:00',
      worker: true,
      late: () => ({ smtpUrl: smtp.url }),
    });

    it('never carries a note: not on the tracking page in JSON or HTML, not in any e-mail', async () => {
      const mailDesk = await mailApp.user('registrar');
      const bo = await mailApp.user('officer', 'bygglov', 'Bo Bygg');
      const contact = { name: 'Greta Gås', email: 'greta@gasen.example' };
      const c = await register(mailApp, mailDesk, companyCaseBody({ contact, subject: 'Bygglov för uteservering' }));
      const note = async (body: string) =>
        expect(
          (await mailApp.request('POST', `/api/cases/${c.id}/notes`, { token: bo.token, body: { body } })).status,
        ).toBe(201);
      await send(mailApp, mailDesk, c.id, 'ROUTE', { unit: 'bygglov' });
      await note(`${NOTE} (1)`);
      await send(mailApp, bo, c.id, 'ASSIGN', { assigneeId: bo.id });
      await send(mailApp, bo, c.id, 'START');
      await note(`${NOTE} (2)`);
      await send(mailApp, bo, c.id, 'REQUEST_COMPLEMENT', {
        message: 'Skicka en situationsplan.',
        dueDate: '2026-12-04',
      });
      await send(mailApp, bo, c.id, 'COMPLEMENT_RECEIVED', { note: 'Planen kom med posten.' });
      await note(`${NOTE} (3)`);
      await send(mailApp, bo, c.id, 'DECIDE', {
        outcome: 'approved',
        reasoning: 'Åtgärden följer detaljplanen.',
        decidedBy: 'Bo Bygg',
      });

      const url = await trackingUrl(mailApp, mailDesk, c.id);
      const view = await publicView(mailApp, url);
      expect(view.history.map((h: { label: string }) => h.label)).not.toContain('Intern anteckning tillagd');
      const page = await mailApp.request('GET', pathOf(url));
      expect(page.status).toBe(200);
      const json = await mailApp.request('GET', pathOf(url), { headers: asJson });
      expect(json.status).toBe(200);

      const mails = await smtp.waitFor(
        () => smtp.to(contact.email).length >= 4,
        'receipt, officer, complement request and decision',
      );
      for (const text of [
        JSON.stringify(view),
        JSON.stringify(json.body),
        String(page.body),
        ...mails.flatMap((m) => [m.subject ?? '', m.text ?? '', String(m.html || '')]),
      ]) {
        expect(text).not.toContain('INTERN ANTECKNING');
        expect(text).not.toContain('anteckning tillagd');
      }
      expect(smtp.to(contact.email).map((m) => m.subject)).toContain(`Beslut i ärende ${c.reference}`);
      // Nothing queued for mail carries the text either.
      const outbox = await mailApp.ctx.db('outbox').where({ case_id: c.id });
      const notifications = await mailApp.ctx.db('notifications').where({ case_id: c.id });
      expect(JSON.stringify([outbox, notifications])).not.toContain('INTERN ANTECKNING');
      expect(await noteCount(mailApp, c.id)).toBe(3);
    });
  });
});
