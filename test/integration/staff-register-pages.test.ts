import { beforeAll, describe, expect, it } from 'vitest';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { findCase } from '../../src/infra/db/case-repository.js';
import { useTestApp } from '../support/use-test-app.js';

const idFromLocation = (location: string | null) => /^\/arenden\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];
/** A form post with repeated fields (checkboxes), which a plain record cannot hold. */
const postPairs = (b: StaffBrowser, path: string, pairs: [string, string][]) =>
  b.request(
    'POST',
    path,
    new URLSearchParams([['_csrf', b.csrf], ...pairs]).toString() as unknown as Record<string, string>,
  );
const radioValue = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, 'g'))].map((m) => m[1]!);

const baseCase = {
  contactName: 'Anna Svensson',
  contactEmail: 'anna@example.se',
  contactPhone: '070-123 45 67',
  category: 'bygglov',
  channel: 'phone',
  description: 'Bygglov för ny lagerhall\nLagerhallen blir 2 000 kvm vid Östra hamnen.',
  next: 'route',
  unit: '',
};

describe('Registrera ärende and Klagomål in the staff app', () => {
  let desk: StaffBrowser;

  const { app } = useTestApp({ staff: true, now: '2026-11-23T09:00:00+01:00' });
  beforeAll(async () => {
    const account = await staffAccount(app, 'registrar', { name: 'Disa Disk' });
    desk = new StaffBrowser(app);
    expect((await desk.login(account.email, account.password, '/arenden/ny')).location).toBe('/arenden/ny');
  });

  it('registers a new company case, routed to the category’s unit, and redirects to the case', async () => {
    const form = await desk.get('/arenden/ny');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<h1>Registrera ärende</h1>');
    // Each category shows its guarantee in words before anything is saved.
    const bygglovHint = /<div class="choice-hint" id="category-bygglov-hint">([^<]*)<\/div>/.exec(form.text)?.[1];
    expect(bygglovHint).toContain('Beslut inom 10 veckor från komplett ansökan (PBL 9 kap. 99 §)');
    expect(bygglovHint).toContain('Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar');
    expect(form.text).toMatch(/<input id="foretag" name="foretag" type="search"[^>]* autofocus/);
    const res = await desk.post('/arenden/ny', { ...baseCase, orgNumber: '5560360793', companyName: 'Saab AB' });
    expect(res.status).toBe(303);
    const id = idFromLocation(res.location);
    expect(id).toBeDefined();
    const row = (await findCase(app.ctx.db, id!))!;
    expect(row).toMatchObject({
      kind: 'company_case',
      category: 'bygglov',
      status: 'routed',
      unit: 'bygglov',
      subject: 'Bygglov för ny lagerhall',
    });
    expect(row.reference).toMatch(/^HS-2026-\d{6}$/);
  });

  it('suggests an existing company by organisation number in another form and by part of its name', async () => {
    const first = await desk.post('/arenden/ny', {
      ...baseCase,
      orgNumber: '556677-8899',
      companyName: 'Krogen Gyllene Gåsen AB',
    });
    const existing = (await findCase(app.ctx.db, idFromLocation(first.location)!))!;

    const byNumber = await desk.get('/arenden/ny?foretag=5566778899');
    expect(byNumber.text).toContain('Ett företag hittades.');
    expect(radioValue(byNumber.text, 'companyChoice')).toEqual([existing.companyId, 'new']);
    expect(byNumber.text).toContain('Krogen Gyllene Gåsen AB, 556677-8899');
    // The cursor waits on the suggestion, which is already chosen.
    expect(byNumber.text).toMatch(
      new RegExp(
        `id="companyChoice-${existing.companyId}" name="companyChoice" value="${existing.companyId}" checked autofocus`,
      ),
    );

    const byName = await desk.get('/arenden/ny?foretag=gyllene');
    expect(radioValue(byName.text, 'companyChoice')).toEqual([existing.companyId, 'new']);

    const res = await desk.post('/arenden/ny', {
      ...baseCase,
      foretag: 'gyllene',
      companyChoice: existing.companyId!,
      category: 'serveringstillstand',
      description: 'Serveringstillstånd för uteserveringen',
    });
    expect(res.status).toBe(303);
    const second = (await findCase(app.ctx.db, idFromLocation(res.location)!))!;
    expect(second).toMatchObject({
      companyId: existing.companyId,
      category: 'serveringstillstand',
      unit: 'serveringstillstand',
      status: 'routed',
    });

    // Names with Swedish capitals are found however they are typed, on both databases.
    await desk.post('/arenden/ny', { ...baseCase, orgNumber: '212000-0142', companyName: 'Östgöta Åkeri AB' });
    for (const typed of ['östgöta', 'ÅKERI', 'Åkeri'])
      expect((await desk.get(`/arenden/ny?foretag=${encodeURIComponent(typed)}`)).text, typed).toContain(
        'Östgöta Åkeri AB, 212000-0142',
      );

    // Nothing known: the number is kept for the new company's field.
    const none = await desk.get('/arenden/ny?foretag=556703-7485');
    expect(none.text).toContain('Inget företag hittades');
    expect(none.text).toMatch(/<input id="orgNumber" name="orgNumber" type="text" value="556703-7485"/);
  });

  it('shows every field error at the top, linked to its field, and keeps what was typed', async () => {
    const before = await app.ctx.db('cases').count({ n: '*' }).first();
    const res = await desk.post('/arenden/ny', {
      ...baseCase,
      orgNumber: '556036-0794',
      companyName: 'Fel Nummer AB',
      description: '',
      contactName: 'Åsa Öberg',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<div class="error-summary" role="alert" id="fel" tabindex="-1">');
    expect(res.text).toContain(
      '<a href="#orgNumber">Organisationsnummer: Ogiltigt organisationsnummer eller personnummer.</a>',
    );
    expect(res.text).toContain('<a href="#description">Beskrivning: Beskriv vad företaget behöver hjälp med.</a>');
    expect(res.text).toContain(
      '<p class="field-error" id="orgNumber-error">Ogiltigt organisationsnummer eller personnummer.</p>',
    );
    // The first field to fix gets the cursor; what was typed is still there.
    expect(res.text).toMatch(
      /<input id="orgNumber" name="orgNumber" type="text" value="556036-0794"[^>]* autofocus aria-describedby="orgNumber-hint orgNumber-error" aria-invalid="true">/,
    );
    expect(res.text).toContain('value="Åsa Öberg"');
    expect(res.text).toContain('id="category-bygglov" name="category" value="bygglov" checked');
    expect(await app.ctx.db('cases').count({ n: '*' }).first()).toEqual(before);
  });

  it('closes a case resolved at first contact at once, with the answer given', async () => {
    const missing = await desk.post('/arenden/ny', {
      ...baseCase,
      orgNumber: '5560360793',
      companyName: 'Saab AB',
      next: 'resolve',
      resolution: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<a href="#resolution">Svaret som gavs: Skriv vilket svar företaget fick.</a>');

    const res = await desk.post('/arenden/ny', {
      ...baseCase,
      orgNumber: '5560360793',
      companyName: 'Saab AB',
      category: 'ovrigt',
      next: 'resolve',
      resolution: 'Företaget fick länken till blanketten för skylt.',
    });
    expect(res.status).toBe(303);
    const row = (await findCase(app.ctx.db, idFromLocation(res.location)!))!;
    expect(row.status).toBe('resolved_at_first_contact');
    expect(row.closedAt).not.toBeNull();
    const events = await app.ctx.db('case_events').where({ case_id: row.id }).orderBy('created_at').pluck('type');
    expect(events).toEqual(['REGISTERED', 'RESOLVE_AT_FIRST_CONTACT']);
    // Closed at the desk: nobody will be assigned, so the page does not say "not yet".
    const page = await desk.get(res.location!);
    expect(page.text).toContain('<dd>Ingen handläggare</dd>');
    expect(page.text).not.toContain('Ingen handläggare ännu');
  });

  it('refuses a post without the form token and stores nothing', async () => {
    const before = await app.ctx.db('cases').count({ n: '*' }).first();
    const res = await desk.request('POST', '/arenden/ny', {
      ...baseCase,
      orgNumber: '5560360793',
      companyName: 'Saab AB',
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<h1>Formuläret kunde inte skickas</h1>');
    expect(await app.ctx.db('cases').count({ n: '*' }).first()).toEqual(before);
  });

  it('keeps the coordinator out, and refuses an officer the step only the desk takes', async () => {
    const before = await app.ctx.db('cases').count({ n: '*' }).first();
    const coordinator = await staffAccount(app, 'coordinator');
    const c = new StaffBrowser(app);
    await c.login(coordinator.email, coordinator.password);
    expect((await c.get('/arenden/ny')).status).toBe(403);
    expect((await c.post('/arenden/ny', { ...baseCase, orgNumber: '5560360793', companyName: 'Saab AB' })).status).toBe(
      403,
    );

    const officer = await staffAccount(app, 'officer', { unit: 'bygglov' });
    const o = new StaffBrowser(app);
    await o.login(officer.email, officer.password);
    const form = await o.get('/arenden/ny');
    expect(form.status).toBe(200);
    expect(radioValue(form.text, 'next')).toEqual(['route', 'none']);
    const resolve = await o.post('/arenden/ny', {
      ...baseCase,
      orgNumber: '5560360793',
      companyName: 'Saab AB',
      next: 'resolve',
      resolution: 'Svar',
    });
    expect(resolve.status).toBe(403);
    // The registration went back with the refused step: nothing half done.
    expect(await app.ctx.db('cases').count({ n: '*' }).first()).toEqual(before);
  });

  it('registers a complaint about a case and lists it with its deadlines and filters', async () => {
    const about = await desk.post('/arenden/ny', { ...baseCase, orgNumber: '5560360793', companyName: 'Saab AB' });
    const aboutRow = (await findCase(app.ctx.db, idFromLocation(about.location)!))!;
    const form = await desk.get('/klagomal/ny');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<legend>Vad gäller klagomålet?</legend>');

    const bad = await desk.post('/klagomal/ny', {
      subject: '',
      anonymous: 'ja',
      contactName: 'Anna Svensson',
      contactEmail: 'anna@example.se',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#subject"');
    expect(bad.text).toContain('value="Anna Svensson"');

    const res = await postPairs(desk, '/klagomal/ny', [
      ['subject', 'Långsam handläggning'],
      ['description', 'Ingen har hört av sig.'],
      ['concerns', 'efficiency'],
      ['concerns', 'information'],
      ['channel', 'phone'],
      ['contactName', 'Anna Svensson'],
      ['contactEmail', 'anna@example.se'],
      ['orgNumber', '5560360793'],
      ['companyName', 'Saab AB'],
      ['relatedCase', aboutRow.reference],
    ]);
    expect(res.status).toBe(303);
    const complaint = (await findCase(app.ctx.db, idFromLocation(res.location)!))!;
    expect(complaint).toMatchObject({
      kind: 'complaint',
      relatedCaseId: aboutRow.id,
      unit: 'bygglov',
      concerns: ['efficiency', 'information'],
      anonymous: false,
    });

    const list = await desk.get('/klagomal');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`<th scope="row"><a href="/arenden/${complaint.id}">${complaint.reference}</a></th>`);
    expect(list.text).toContain('<caption id="lista-caption">Klagomål med svarstider, nyast först</caption>');
    expect(list.text).toMatch(/Svara senast (måndag|tisdag|onsdag|torsdag|fredag) \d+ [a-zä]+ 2026/);
    expect(list.text).toContain('Effektivitet, Information');
    expect((await desk.get('/klagomal?galler=treatment')).text).not.toContain(complaint.reference);
    expect((await desk.get('/klagomal?status=closed')).text).not.toContain(complaint.reference);
    expect((await desk.get('/klagomal?enhet=bygglov&galler=efficiency')).text).toContain(complaint.reference);

    const anonymous = await desk.post('/klagomal/ny', {
      subject: 'Otrevligt i telefon',
      concerns: 'treatment',
      anonymous: 'ja',
      channel: 'phone',
    });
    expect(anonymous.status).toBe(303);
    expect((await findCase(app.ctx.db, idFromLocation(anonymous.location)!))!).toMatchObject({
      anonymous: true,
      contactId: null,
      unit: 'naringsliv',
    });
  });
});
