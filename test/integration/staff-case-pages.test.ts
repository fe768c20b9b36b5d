import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, complaintBody, register, send, routedCase as registerRouted } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import type { TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

// Friday 20 November 2026, 09:00 in Stockholm: every time left below is counted from here.
const NOW = '2026-11-20T09:00:00+01:00';

/** The table row of one case in the queue, by its reference. */
const rowOf = (page: string, reference: string) => page.split('<tr').find((r) => r.includes(`>${reference}</a>`)) ?? '';
const versionOf = (page: string, type: string) => {
  const form = page.split('<form').find((f) => f.includes(`name="type" value="${type}"`)) ?? '';
  return /name="expectedVersion" value="(\d+)"/.exec(form)?.[1] ?? '';
};
const actionButtons = (page: string) =>
  [...page.matchAll(/<input type="hidden" name="type" value="([A-Z_]+)">/g)].map((m) => m[1]).sort();

describe('the staff pages Ärendekö and Ärende', () => {
  let olleBrowser: StaffBrowser;

  const {
    app,
    users: { desk, boss },
    accounts: { olle },
  } = useTestApp({
    staff: true,
    now: NOW,
    users: { desk: 'registrar', boss: ['manager', 'bygglov'] },
    accounts: { olle: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] },
  });
  beforeAll(async () => {
    olleBrowser = new StaffBrowser(app);
    expect((await olleBrowser.login(olle.email, olle.password, '/arenden')).location).toBe('/arenden');
  });

  /** A bygglov case routed to the unit by the desk. */
  const routedCase = (overrides: Record<string, unknown> = {}) => registerRouted(app, desk, 'bygglov', overrides);

  async function loggedIn(role: 'registrar' | 'officer' | 'manager' | 'coordinator' | 'admin', unit?: string) {
    const account = await staffAccount(app, role, unit ? { unit } : {});
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    return { account, b };
  }

  it('shows the unit’s queue with late and soon-due cases marked in words and Swedish dates', async () => {
    const late = await routedCase({ subject: 'Försenad lagerhall', receivedAt: '2026-11-10T09:00:00+01:00' });
    const soon = await routedCase({ subject: 'Snart förfallen carport', receivedAt: '2026-11-18T09:00:00+01:00' });
    const fresh = await routedCase({ subject: 'Ny tillbyggnad' });

    const mine = await olleBrowser.get('/arenden');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('<a href="/arenden?vy=mina" aria-current="page">Mina ärenden</a>');
    // An officer gets no "all cases" view; the unit's view is there.
    expect(mine.text).toContain('>Min enhets ärenden</a>');
    expect(mine.text).not.toContain('>Alla ärenden</a>');
    expect(mine.text).toContain('Tid kvar räknas i arbetsdagar från i dag, fredag 20 november 2026.');
    // Nothing is Olle's yet; the unit's unassigned cases wait below his own list.
    const [ownList, waiting] = mine.text.split('id="vantar-h"');
    expect(ownList).not.toContain(late.reference);
    expect(waiting).toContain(`>${late.reference}</a>`);

    const unit = await olleBrowser.get('/arenden?vy=enhet');
    expect(unit.text).toContain('<caption>Ärenden: Min enhets ärenden, öppna. Nyaste först.</caption>');
    const lateRow = rowOf(unit.text, late.reference);
    expect(lateRow).toContain('class="row-late"');
    expect(lateRow).toContain('Försenat med 5 arbetsdagar');
    expect(lateRow).toContain('fredag 13 november 2026');
    const soonRow = rowOf(unit.text, soon.reference);
    expect(soonRow).toContain('class="row-soon"');
    expect(soonRow).toContain('<strong class="due-badge">Snart:</strong> 1 arbetsdag kvar');
    expect(soonRow).toContain('måndag 23 november 2026');
    const freshRow = rowOf(unit.text, fresh.reference);
    expect(freshRow).not.toContain('class="row-');
    expect(freshRow).toContain('3 arbetsdagar kvar');
    expect(freshRow).toContain('onsdag 25 november 2026');
    expect(freshRow).toContain(`<a href="/arenden/${fresh.reference}">`);
    expect(freshRow).toContain('Lotsat till enhet');

    const overdue = await olleBrowser.get('/arenden?vy=enhet&frist=forsenade');
    expect(overdue.text).toContain(late.reference);
    expect(overdue.text).not.toContain(soon.reference);
    expect(overdue.text).not.toContain(fresh.reference);
    expect(overdue.text).toContain('<option value="forsenade" selected>');

    const dueSoon = await olleBrowser.get('/arenden?vy=enhet&frist=snart');
    expect(dueSoon.text).toContain(late.reference);
    expect(dueSoon.text).toContain(soon.reference);
    expect(dueSoon.text).not.toContain(fresh.reference);

    // Assigned to Olle, the fresh case moves into his own view and out of "unassigned".
    await send(app, boss, fresh.id, 'ASSIGN', { assigneeId: olle.id });
    const mineNow = await olleBrowser.get('/arenden?vy=mina');
    expect(rowOf(mineNow.text, fresh.reference)).toContain('Olle Berg');
    expect(mineNow.text.split('id="vantar-h"')[0]).not.toContain(late.reference);
    const unassigned = await olleBrowser.get('/arenden?vy=otilldelade');
    expect(unassigned.text).toContain(late.reference);
    expect(unassigned.text).not.toContain(fresh.reference);

    const byStatus = await olleBrowser.get('/arenden?vy=enhet&status=assigned');
    expect(byStatus.text).toContain(fresh.reference);
    expect(byStatus.text).not.toContain(late.reference);
  });

  it('pages through the queue with a cursor, and lets the desk narrow all cases to a category and unit', async () => {
    const { b } = await loggedIn('registrar');
    const refs: string[] = [];
    for (let i = 0; i < 26; i++) {
      app.clock.advance(1000);
      refs.push(
        (await register(app, desk, companyCaseBody({ category: 'markupplatelse', subject: `Uteservering ${i}` })))
          .reference,
      );
    }
    const first = await b.get('/arenden?vy=alla&kategori=markupplatelse');
    expect(first.text).toContain(
      '<a href="/arenden?vy=alla&amp;kategori=markupplatelse" aria-current="page">Alla ärenden</a>',
    );
    expect(first.text).toContain('<label for="f-enhet">Enhet</label>');
    expect((first.text.match(/<tr/g) ?? []).length).toBe(26); // the header row and 25 cases
    expect(first.text).toContain(`>${refs[25]}</a>`);
    expect(first.text).not.toContain(`>${refs[0]}</a>`);
    const next = /<a href="([^"]+)" rel="next">Nästa sida<\/a>/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/arenden\?vy=alla&kategori=markupplatelse&fran=/);
    const second = await b.get(next!);
    expect(second.text).toContain(`>${refs[0]}</a>`);
    expect((second.text.match(/<tr/g) ?? []).length).toBe(2);
    expect(second.text).not.toContain('rel="next"');
    expect(second.text).toContain('Till första sidan');

    const otherUnit = await b.get('/arenden?vy=alla&kategori=markupplatelse&enhet=bygglov');
    expect(otherUnit.text).toContain('Inga ärenden matchar urvalet.');
  });

  it('takes a case from a complement request through the complement to a decision, refusing a decision without reasoning', async () => {
    const c = await routedCase({ subject: 'Bygglov för kontorshus' });
    await send(app, boss, c.id, 'ASSIGN', { assigneeId: olle.id });
    const assigned = await olleBrowser.get(`/arenden/${c.reference}`);
    expect(assigned.status).toBe(200);
    expect(assigned.text).toContain('<span class="status-badge">Tilldelat handläggare</span>');
    expect(assigned.text).toContain('Saab AB');
    expect(assigned.text).toContain('Anna Svensson');
    expect(assigned.text).toContain('Ansökan om bygglov för en lagerhall på 2 000 kvm.');
    expect(assigned.text).toContain('Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar');
    const start = await olleBrowser.post(`/arenden/${c.id}/handelser`, {
      type: 'START',
      expectedVersion: versionOf(assigned.text, 'START'),
    });
    expect(start.status).toBe(303);
    expect(start.location).toBe(`/arenden/${c.reference}?klart=start`);

    const working = await olleBrowser.get(start.location!);
    expect(working.text).toContain('<p class="notice" role="status">Handläggningen är påbörjad.</p>');
    expect(actionButtons(working.text)).toEqual([
      'ASSIGN',
      'DECIDE',
      'EXTEND_DEADLINE',
      'REQUEST_COMPLEMENT',
      'WITHDRAW',
    ]);
    const asked = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'REQUEST_COMPLEMENT',
      expectedVersion: versionOf(working.text, 'REQUEST_COMPLEMENT'),
      message: 'Skicka en situationsplan i skala 1:500.',
      dueDate: '2026-12-04',
    });
    expect(asked.status).toBe(303);
    const waiting = await olleBrowser.get(asked.location!);
    expect(waiting.text).toContain('Kompletteringen är begärd.');
    expect(waiting.text).toContain('<span class="status-badge">Väntar på komplettering</span>');
    expect(waiting.text).toContain('Pausad i väntan på komplettering');
    expect(waiting.text).toContain('Sista dag: fredag 4 december 2026');
    expect(waiting.text).toContain('Skicka en situationsplan i skala 1:500.');
    expect(waiting.text).toContain('Begäran om komplettering');

    const received = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'COMPLEMENT_RECEIVED',
      expectedVersion: versionOf(waiting.text, 'COMPLEMENT_RECEIVED'),
      note: 'Situationsplanen kom med posten.',
    });
    expect(received.status).toBe(303);
    const resumed = await olleBrowser.get(received.location!);
    expect(resumed.text).toContain('<span class="status-badge">Under handläggning</span>');
    expect(resumed.text).toContain('Situationsplanen kom med posten.');

    const version = versionOf(resumed.text, 'DECIDE');
    const refused = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'DECIDE',
      expectedVersion: version,
      outcome: 'approved',
      reasoning: '  ',
      decidedBy: 'Olle Berg',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="#decide-reasoning">Motivering: Fyll i motivering.</a>');
    expect(refused.text).toContain('<p class="field-error" id="decide-reasoning-error">Fyll i motivering.</p>');
    expect(refused.text).toContain(
      'aria-describedby="decide-reasoning-hint decide-reasoning-error" aria-invalid="true"',
    );
    expect(refused.text).toContain('value="approved" checked');
    expect(refused.text).toContain('value="Olle Berg"');
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('in_progress');

    const decided = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'DECIDE',
      expectedVersion: version,
      outcome: 'approved',
      reasoning: 'Åtgärden följer detaljplanen.',
      decidedBy: 'Olle Berg',
    });
    expect(decided.status).toBe(303);
    const done = await olleBrowser.get(decided.location!);
    expect(done.text).toContain('Beslutet är registrerat.');
    expect(done.text).toContain('<span class="status-badge">Beslut fattat</span>');
    expect(done.text).toContain('<h3>Beslut: Bifall</h3>');
    expect(done.text).toContain('Åtgärden följer detaljplanen.');
    expect(actionButtons(done.text)).toEqual(['CLOSE']);
    // The history, oldest first, and the decision mail waiting for the worker.
    const history = done.text.slice(done.text.indexOf('id="historik-h"'));
    const order = [
      'Registrerat',
      'Lotsa till enhet',
      'Tilldela handläggare',
      'Påbörja handläggning',
      'Begär komplettering',
      'Komplettering inkommen',
      'Fatta beslut',
    ].map((l) => history.indexOf(`<h3>${l}</h3>`));
    expect(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]!))).toBe(true);
    expect(done.text).toContain('<th scope="row" data-label="Meddelande">Beslut</th>');

    // A form from before the decision meets a clear conflict, and nothing is written.
    const stale = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'CLOSE',
      expectedVersion: version,
      note: 'Klart.',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Någon annan har ändrat ärendet sedan du öppnade sidan.');
    expect(stale.text).toContain('>Klart.</textarea>');
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('decided');
  });

  it('answers another unit’s officer with the same 404 as the API, by reference, by id and on every form', async () => {
    const c = await routedCase();
    const { b } = await loggedIn('officer', 'livsmedel');
    for (const path of [`/arenden/${c.reference}`, `/arenden/${c.id}`]) {
      const res = await b.get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('<h1>Sidan finns inte</h1>');
      expect(res.text).toContain('Ärendet finns inte.');
    }
    await b.get('/arenden');
    const post = await b.post(`/arenden/${c.reference}/handelser`, {
      type: 'WITHDRAW',
      expectedVersion: '2',
      reason: 'Smyg',
    });
    expect(post.status).toBe(404);
    expect((await b.post(`/arenden/${c.reference}/eskalera`, { reason: 'Smyg' })).status).toBe(404);
    expect((await b.get('/arenden?vy=otilldelade')).text).not.toContain(c.reference);
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('routed');
  });

  it('answers an event the case’s state does not take with 422 and the reason in Swedish, as the API does', async () => {
    const c = await routedCase({ subject: 'Beslut innan handläggning' });
    const decide = { outcome: 'approved', reasoning: 'Följer detaljplanen.', decidedBy: 'Olle Berg' };
    await olleBrowser.get(`/arenden/${c.reference}`);
    const page = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'DECIDE',
      expectedVersion: '2',
      ...decide,
    });
    expect(page.status).toBe(422);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<h2>Det gick inte</h2><p>Ärendet i läget &quot;Lotsat till enhet&quot; tar inte emot');
    const api = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: boss.token,
      body: { type: 'DECIDE', expectedVersion: 2, ...decide },
    });
    expect(api.status).toBe(422);
    expect(api.body.type).toBe('https://handslag.se/problems/event-not-accepted');
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('routed');
  });

  it('answers other refusals with the same status on the staff page as in the API', async () => {
    const c = await routedCase();
    const { b: deskBrowser } = await loggedIn('registrar');
    await deskBrowser.get(`/arenden/${c.reference}`);
    // The desk may not decide (forbidden), and an old version is a conflict, on either door.
    const refusals: { user: TestUser; browser: StaffBrowser; type: string; version: number; status: number }[] = [
      { user: desk, browser: deskBrowser, type: 'DECIDE', version: 2, status: 403 },
      { user: boss, browser: olleBrowser, type: 'WITHDRAW', version: 1, status: 409 },
    ];
    await olleBrowser.get(`/arenden/${c.reference}`);
    for (const r of refusals) {
      const payload: Record<string, string> =
        r.type === 'DECIDE'
          ? { outcome: 'approved', reasoning: 'Följer detaljplanen.', decidedBy: 'Disken' }
          : { reason: 'Företaget drar tillbaka ansökan.' };
      const page = await r.browser.post(`/arenden/${c.reference}/handelser`, {
        type: r.type,
        expectedVersion: String(r.version),
        ...payload,
      });
      const api = await app.request('POST', `/api/cases/${c.id}/events`, {
        token: r.user.token,
        body: { type: r.type, expectedVersion: r.version, ...payload },
      });
      expect([page.status, api.status]).toEqual([r.status, r.status]);
    }
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('routed');
  });

  it('refuses a form without the session’s token and writes nothing', async () => {
    const c = await routedCase();
    await olleBrowser.get(`/arenden/${c.reference}`);
    const without = await olleBrowser.request('POST', `/arenden/${c.reference}/handelser`, {
      type: 'WITHDRAW',
      expectedVersion: '2',
      reason: 'Utan token',
    });
    expect(without.status).toBe(403);
    expect(without.text).toContain('<h1>Formuläret kunde inte skickas</h1>');
    const wrong = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      _csrf: 'x'.repeat(43),
      type: 'WITHDRAW',
      expectedVersion: '2',
      reason: 'Fel token',
    });
    expect(wrong.status).toBe(403);
    const escalate = await olleBrowser.request('POST', `/arenden/${c.reference}/eskalera`, { reason: 'Utan token' });
    expect(escalate.status).toBe(403);
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('routed');
    expect(await app.ctx.db('escalation_cases').where({ case_id: c.id }).first()).toBeUndefined();
  });

  it('shows each role only the actions it may take, and refuses the others on the server too', async () => {
    const c = await routedCase();
    const desk = await loggedIn('registrar');
    const coordinator = await loggedIn('coordinator');
    const manager = await loggedIn('manager', 'bygglov');
    const admin = await loggedIn('admin');

    expect(actionButtons((await desk.b.get(`/arenden/${c.reference}`)).text)).toEqual(['ROUTE', 'WITHDRAW']);
    expect(actionButtons((await olleBrowser.get(`/arenden/${c.reference}`)).text)).toEqual([
      'ASSIGN',
      'ROUTE',
      'WITHDRAW',
    ]);
    expect(actionButtons((await manager.b.get(`/arenden/${c.reference}`)).text)).toEqual([
      'ASSIGN',
      'ROUTE',
      'WITHDRAW',
    ]);
    expect(actionButtons((await admin.b.get(`/arenden/${c.reference}`)).text)).toEqual(['ASSIGN', 'ROUTE', 'WITHDRAW']);
    const seen = await coordinator.b.get(`/arenden/${c.reference}`);
    expect(actionButtons(seen.text)).toEqual([]);
    expect(seen.text).toContain('Det finns inget du kan göra i ärendet i dess nuvarande läge.');

    // The assign form offers the unit's officers; a hidden action posted anyway is refused.
    const page = await olleBrowser.get(`/arenden/${c.reference}`);
    expect(page.text).toContain(`<option value="${olle.id}">Olle Berg</option>`);
    const deskAssign = await desk.b.post(`/arenden/${c.reference}/handelser`, {
      type: 'ASSIGN',
      expectedVersion: '2',
      assigneeId: olle.id,
    });
    expect(deskAssign.status).toBe(403);
    expect(deskAssign.text).toContain('Din roll får inte göra detta i ärendet.');
    await coordinator.b.get(`/arenden/${c.reference}`);
    expect(
      (
        await coordinator.b.post(`/arenden/${c.reference}/handelser`, {
          type: 'WITHDRAW',
          expectedVersion: '2',
          reason: 'Nej',
        })
      ).status,
    ).toBe(403);
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).assignee_id).toBeNull();

    // Olle assigns himself from the form; the choice must come from the list.
    const missing = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'ASSIGN',
      expectedVersion: '2',
      assigneeId: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<p class="field-error" id="assign-assigneeId-error">Välj handläggare.</p>');
    const assign = await olleBrowser.post(`/arenden/${c.reference}/handelser`, {
      type: 'ASSIGN',
      expectedVersion: '2',
      assigneeId: olle.id,
    });
    expect(assign.status).toBe(303);
    expect((await olleBrowser.get(assign.location!)).text).toContain('<dt>Handläggare</dt><dd>Olle Berg</dd>');

    expect((await manager.b.get('/arenden')).text).toContain('>Alla ärenden</a>');
    expect((await coordinator.b.get('/arenden')).text).toContain(
      '<a href="/arenden?vy=alla" aria-current="page">Alla ärenden</a>',
    );
  });

  it('asks the service group for a dukat bord with a reason, and shows linked complaints and failed mail', async () => {
    const c = await routedCase({ subject: 'Ny livsmedelsbutik med bygglov' });
    await olleBrowser.get(`/arenden/${c.reference}`);
    const empty = await olleBrowser.post(`/arenden/${c.reference}/eskalera`, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(
      '<p class="field-error" id="escalation-reason-error">Fyll i skälet till ett dukat bord.</p>',
    );
    expect(empty.text).toContain(
      '<a href="#escalation-reason">Skäl till ett dukat bord: Fyll i skälet till ett dukat bord.</a>',
    );
    const asked = await olleBrowser.post(`/arenden/${c.reference}/eskalera`, {
      reason: 'Butiken behöver bygglov, livsmedelsregistrering och brandskydd samtidigt.',
    });
    expect(asked.status).toBe(303);
    const page = await olleBrowser.get(asked.location!);
    expect(page.text).toContain('Begäran om ett dukat bord är skickad till servicegruppen.');
    expect(page.text).not.toContain('Begär ett dukat bord</button>');
    expect(page.text).toContain('Dukat bord: ');
    expect(await app.ctx.db('escalation_cases').where({ case_id: c.id }).first()).toBeDefined();

    const complaint = await register(
      app,
      desk,
      complaintBody({ relatedCaseId: c.reference, subject: 'Ingen återkoppling' }),
    );
    await app.ctx
      .db('notifications')
      .where({ case_id: c.id, template: 'receipt' })
      .update({ status: 'failed', attempts: 12, last_error: '550 mailbox unavailable' });
    // The complaint is the unit manager's: it shows on the case for the manager, not for the officer.
    const { b: managerBrowser } = await loggedIn('manager', 'bygglov');
    const withComplaint = await managerBrowser.get(`/arenden/${c.reference}`);
    expect(withComplaint.text).toContain(
      `<a href="/arenden/${complaint.reference}">${complaint.reference}</a> Ingen återkoppling – Mottaget`,
    );
    expect(withComplaint.text).toContain(
      '<span class="mail-failed">Misslyckades efter 12 försök</span><span class="meta">550 mailbox unavailable</span>',
    );
    expect((await olleBrowser.get(`/arenden/${c.reference}`)).text).not.toContain(complaint.reference);
  });
  it('works a complaint from its own page: the case it is about, the acknowledgement form and its fields', async () => {
    const c = await routedCase({ subject: 'Bygglov för lager' });
    // A complaint about a case belongs to that case's unit.
    const complaint = await register(
      app,
      desk,
      complaintBody({ relatedCaseId: c.id, subject: 'Långsam handläggning' }),
    );
    // The unit's manager handles it; an officer of the unit does not see it until it is handed over.
    expect((await olleBrowser.get(`/arenden/${complaint.reference}`)).status).toBe(404);
    const { b: managerBrowser } = await loggedIn('manager', 'bygglov');
    const page = await managerBrowser.get(`/arenden/${complaint.reference}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<span class="ref">Klagomål ${complaint.reference}</span>`);
    expect(page.text).toContain('<dt>Gäller</dt><dd>Bemötande</dd>');
    expect(page.text).toContain(`<a href="/arenden/${c.reference}">${c.reference}</a> Bygglov för lager`);
    expect(actionButtons(page.text)).toEqual(['ACKNOWLEDGE', 'ASSIGN', 'WITHDRAW']);
    expect(page.text).toContain('<label for="acknowledge-message">Meddelande till klaganden (frivilligt)</label>');
    const ack = await managerBrowser.post(`/arenden/${complaint.reference}/handelser`, {
      type: 'ACKNOWLEDGE',
      expectedVersion: versionOf(page.text, 'ACKNOWLEDGE'),
      message: '',
    });
    expect(ack.status).toBe(303);
    const acknowledged = await managerBrowser.get(ack.location!);
    expect(acknowledged.text).toContain('<span class="status-badge">Bekräftat</span>');
    expect(acknowledged.text).toContain('Mottagandet är bekräftat.');
    expect((await managerBrowser.get(`/arenden/${c.reference}`)).text).toContain(
      `<a href="/arenden/${complaint.reference}">${complaint.reference}</a> Långsam handläggning – Bekräftat`,
    );
    const { b } = await loggedIn('officer', 'livsmedel');
    expect((await b.get(`/arenden/${complaint.reference}`)).status).toBe(404);
  });
});
