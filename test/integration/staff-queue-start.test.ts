import { beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, routedCase } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

// Friday 20 November 2026, 09:00 in Stockholm.
const NOW = '2026-11-20T09:00:00+01:00';

const refsIn = (text: string) => [...text.matchAll(/<a href="\/arenden\/(HS-\d{4}-\d{6})">/g)].map((m) => m[1]!);
const sectionOf = (page: string, headingId: string) => {
  const start = page.indexOf(`id="${headingId}"`);
  if (start < 0) return '';
  const end = page.indexOf('</section>', start);
  return page.slice(start, end);
};
const takeForm = (page: string, reference: string) =>
  page.split('<form').find((f) => f.includes(`action="/arenden/${reference}/ta"`)) ?? '';
const versionIn = (form: string) => /name="expectedVersion" value="(\d+)"/.exec(form)?.[1] ?? '';

describe('the queue and the start page: work waiting, taking a case, most late first', () => {
  let olleBrowser: StaffBrowser;
  const refs: Record<'late5' | 'late10' | 'late1' | 'soon', { id: string; reference: string }> = {} as never;

  const {
    app,
    users: { desk },
    accounts: { olle },
  } = useTestApp({
    staff: true,
    now: NOW,
    users: { desk: 'registrar' },
    accounts: { olle: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] },
  });
  beforeAll(async () => {
    olleBrowser = new StaffBrowser(app);
    await olleBrowser.login(olle.email, olle.password);
    // Registered in an order unlike their lateness, so "newest first" and "most late first" differ.
    refs.late1 = await routedCase(app, desk, 'bygglov', {
      subject: 'Försenad en dag',
      receivedAt: '2026-11-16T09:00:00+01:00',
    });
    app.clock.advance(1000);
    refs.late10 = await routedCase(app, desk, 'bygglov', {
      subject: 'Försenad tio dagar',
      receivedAt: '2026-11-03T09:00:00+01:00',
    });
    app.clock.advance(1000);
    refs.late5 = await routedCase(app, desk, 'bygglov', {
      subject: 'Försenad fem dagar',
      receivedAt: '2026-11-10T09:00:00+01:00',
    });
    app.clock.advance(1000);
    refs.soon = await routedCase(app, desk, 'bygglov', {
      subject: 'Snart förfallen',
      receivedAt: '2026-11-18T09:00:00+01:00',
    });
  });

  it('lists the late views most late first, in the page and through the API, and pages on', async () => {
    const late = await olleBrowser.get('/arenden?vy=enhet&frist=forsenade');
    expect(late.status).toBe(200);
    expect(late.text).toContain(
      '<caption>Ärenden: Min enhets ärenden, öppna, försenade. Mest försenade först.</caption>',
    );
    expect(refsIn(sectionOf(late.text, 'lista-h'))).toEqual([
      refs.late10.reference,
      refs.late5.reference,
      refs.late1.reference,
    ]);
    const soon = await olleBrowser.get('/arenden?vy=enhet&frist=snart');
    expect(refsIn(sectionOf(soon.text, 'lista-h'))).toEqual([
      refs.late10.reference,
      refs.late5.reference,
      refs.late1.reference,
      refs.soon.reference,
    ]);
    // Without a time filter the queue stays newest first.
    const all = await olleBrowser.get('/arenden?vy=enhet');
    expect(refsIn(sectionOf(all.text, 'lista-h'))).toEqual([
      refs.soon.reference,
      refs.late5.reference,
      refs.late10.reference,
      refs.late1.reference,
    ]);

    const token = (await app.user('manager', 'bygglov')).token;
    const first = await app.request('GET', '/api/cases?overdue=true&order=most_late&limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { reference: string }) => c.reference)).toEqual([
      refs.late10.reference,
      refs.late5.reference,
    ]);
    const second = await app.request(
      'GET',
      `/api/cases?overdue=true&order=most_late&limit=2&cursor=${first.body.nextCursor}`,
      { token },
    );
    expect(second.body.items.map((c: { reference: string }) => c.reference)).toEqual([refs.late1.reference]);
    expect(second.body.nextCursor).toBeNull();
    // A cursor of one order is no cursor for the other.
    const newest = await app.request('GET', '/api/cases?limit=1', { token });
    const mixed = await app.request('GET', `/api/cases?overdue=true&order=most_late&cursor=${newest.body.nextCursor}`, {
      token,
    });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).toContain('query.cursor');
  });

  it('gives a unit manager an overview as start page: late, soon, complaints and tables waiting', async () => {
    const complaint = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: complaintBody({ relatedCaseId: refs.late1.id, subject: 'Ingen har hört av sig' }),
    });
    expect(complaint.status).toBe(201);
    const table = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: refs.soon.id, reason: 'Flera enheter behöver träffa företaget.' },
    });
    expect(table.status).toBe(201);

    const boss = await staffAccount(app, 'manager', { unit: 'bygglov', name: 'Chef Bygg' });
    const b = new StaffBrowser(app);
    await b.login(boss.email, boss.password);
    const start = await b.get('/');
    expect(start.status).toBe(200);
    expect(start.text).not.toContain('Välj vad du vill göra i menyn.');
    expect(start.text).toContain('Det här väntar i Bygglov i dag.');
    const late = sectionOf(start.text, 'sen-h');
    expect(refsIn(late)).toEqual([refs.late10.reference, refs.late5.reference, refs.late1.reference]);
    expect(late).toContain('Försenat med');
    expect(late).toContain('href="/arenden?vy=enhet&amp;frist=forsenade"');
    // The complaint's acknowledgement is due within hours, so it is soon too; nothing late is.
    const soon = sectionOf(start.text, 'snart-h');
    expect(refsIn(soon).sort()).toEqual([refs.soon.reference, complaint.body.reference].sort());
    expect(soon).toContain('1 arbetsdag kvar');
    expect(refsIn(sectionOf(start.text, 'klag-h'))).toEqual([complaint.body.reference]);
    const tables = sectionOf(start.text, 'bord-h');
    expect(tables).toContain(`href="/dukat-bord/${table.body.id}"`);
    expect(tables).toContain(refs.soon.reference);

    // An officer starts from their own cases and the unit's waiting ones; others keep the short start page.
    const officerStart = await olleBrowser.get('/');
    expect(officerStart.status).toBe(200);
    expect(officerStart.text).not.toContain('Välj vad du vill göra i menyn.');
    expect(officerStart.text).not.toContain('id="sen-h"');
    expect(officerStart.text).toContain('Du har inga öppna ärenden.');
    const waiting = sectionOf(officerStart.text, 'vantar-h');
    expect(waiting).toContain('Väntar på handläggare i Bygglov');
    // Four cases wait in Bygglov besides the complaint, newest first; five are shown.
    expect(refsIn(waiting)).toEqual(
      expect.arrayContaining([refs.soon.reference, refs.late5.reference, refs.late10.reference, refs.late1.reference]),
    );
    expect(waiting).toContain('href="/arenden?vy=mina"');
    const clerk = await staffAccount(app, 'registrar');
    const clerkBrowser = new StaffBrowser(app);
    await clerkBrowser.login(clerk.email, clerk.password);
    const clerkStart = await clerkBrowser.get('/');
    expect(clerkStart.text).toContain('Välj vad du vill göra i menyn.');
    expect(clerkStart.text).not.toContain('id="vantar-h"');
  });
  it('shows an officer with nothing assigned the unit’s unassigned cases, and Ta ärendet assigns with the version check', async () => {
    const mine = await olleBrowser.get('/arenden');
    expect(mine.status).toBe(200);
    expect(sectionOf(mine.text, 'lista-h')).toContain('Inga ärenden matchar urvalet.');
    const waiting = sectionOf(mine.text, 'vantar-h');
    expect(waiting).toContain('Väntar på handläggare i din enhet');
    // The complaint registered above waits in the unit too; the company cases come newest first.
    const companyCases = (list: string[]) => list.filter((r) => Object.values(refs).some((x) => x.reference === r));
    expect(companyCases(refsIn(waiting))).toEqual([
      refs.soon.reference,
      refs.late5.reference,
      refs.late10.reference,
      refs.late1.reference,
    ]);
    const form = takeForm(mine.text, refs.late10.reference);
    expect(form).toContain('name="_csrf"');
    expect(form).toContain(`aria-label="Ta ärendet ${refs.late10.reference}"`);

    // Without the form token nothing happens.
    const forged = await olleBrowser.post(`/arenden/${refs.late10.reference}/ta`, {
      _csrf: 'fel',
      expectedVersion: versionIn(form),
      tillbaka: '/arenden?vy=mina',
    });
    expect(forged.status).toBe(403);

    const taken = await olleBrowser.post(`/arenden/${refs.late10.reference}/ta`, {
      expectedVersion: versionIn(form),
      tillbaka: '/arenden?vy=mina',
    });
    expect(taken.status).toBe(303);
    expect(taken.location).toBe(`/arenden?vy=mina&tagen=${refs.late10.reference}`);
    const after = await olleBrowser.get(taken.location!);
    expect(after.text).toContain(`Du är nu handläggare för ${refs.late10.reference}.`);
    expect(refsIn(sectionOf(after.text, 'lista-h'))).toEqual([refs.late10.reference]);
    expect(refsIn(sectionOf(after.text, 'vantar-h'))).not.toContain(refs.late10.reference);
    const view = await app.request('GET', `/api/cases/${refs.late10.id}`, { token: desk.token });
    expect(view.body).toMatchObject({ status: 'assigned', assignee: { id: olle.id, name: 'Olle Berg' } });
    const history = await app.request('GET', `/api/cases/${refs.late10.id}/history`, { token: desk.token });
    expect(history.body.items.at(-1)).toMatchObject({ type: 'ASSIGN', payload: { assigneeId: olle.id } });

    // A colleague whose page was read before Olle took it: the version no longer matches.
    const eva = await staffAccount(app, 'officer', { unit: 'bygglov', name: 'Eva Ek' });
    const evaBrowser = new StaffBrowser(app);
    await evaBrowser.login(eva.email, eva.password);
    const late5Form = takeForm((await evaBrowser.get('/arenden')).text, refs.late5.reference);
    await olleBrowser.post(`/arenden/${refs.late5.reference}/ta`, {
      expectedVersion: versionIn(takeForm((await olleBrowser.get('/arenden')).text, refs.late5.reference)),
      tillbaka: '/arenden',
    });
    const stale = await evaBrowser.post(`/arenden/${refs.late5.reference}/ta`, {
      expectedVersion: versionIn(late5Form),
      tillbaka: '/arenden?vy=mina',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(
      `Ärendet ${refs.late5.reference} har ändrats sedan du öppnade sidan, och du blev inte handläggare.`,
    );
    expect((await app.request('GET', `/api/cases/${refs.late5.id}`, { token: desk.token })).body.assignee.id).toBe(
      olle.id,
    );

    // Another unit's officer can neither see nor take the case; the desk gets no button.
    const other = await staffAccount(app, 'officer', { unit: 'livsmedel' });
    const otherBrowser = new StaffBrowser(app);
    await otherBrowser.login(other.email, other.password);
    expect(refsIn(sectionOf((await otherBrowser.get('/arenden')).text, 'vantar-h'))).toEqual([]);
    expect(
      (await otherBrowser.post(`/arenden/${refs.late1.reference}/ta`, { expectedVersion: '2', tillbaka: '/arenden' }))
        .status,
    ).toBe(404);
    const deskAccount = await staffAccount(app, 'registrar');
    const deskBrowser = new StaffBrowser(app);
    await deskBrowser.login(deskAccount.email, deskAccount.password);
    const deskQueue = await deskBrowser.get('/arenden?vy=otilldelade');
    expect(deskQueue.text).toContain(refs.late1.reference);
    expect(deskQueue.text).not.toContain('/ta"');
    expect(deskQueue.text).not.toContain('id="vantar-h"');
  });
});
