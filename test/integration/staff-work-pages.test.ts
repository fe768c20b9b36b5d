import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { companyCaseBody, routedCase } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { awaitingComplement, pdf, postComplement, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// Monday 23 November 2026, 09:00 in Stockholm.
const NOW = '2026-11-23T09:00:00+01:00';

const formOf = (page: string, action: string) =>
  page.split('<form').find((f) => f.includes(`action="${action}"`)) ?? '';
const sectionOf = (page: string, headingId: string) => {
  const start = page.indexOf(`id="${headingId}"`);
  return start < 0 ? '' : page.slice(start, page.indexOf('</section>', start));
};

describe('staff pages for work the API alone did', () => {
  const browsers = new Map<string, StaffBrowser>();

  async function as(role: 'registrar' | 'officer' | 'manager' | 'coordinator' | 'admin', unit?: string, name?: string) {
    const key = `${role}:${unit ?? ''}:${name ?? ''}`;
    if (!browsers.has(key)) {
      const account = await staffAccount(app, role, { ...(unit ? { unit } : {}), ...(name ? { name } : {}) });
      const b = new StaffBrowser(app);
      await b.login(account.email, account.password);
      Object.assign(b, { account });
      browsers.set(key, b);
    }
    return browsers.get(key)! as StaffBrowser & { account: { id: string; name: string } };
  }

  const {
    app,
    users: { desk },
  } = useTestApp({ staff: true, now: NOW, users: { desk: 'registrar' } });

  it('records "Berör även" on the case page through the API’s use case, and proposes a dukat bord', async () => {
    const c = await routedCase(app, desk, 'bygglov', { subject: 'Restaurang i gamla posthuset' });
    const officer = await as('officer', 'bygglov');
    const page = await officer.get(`/arenden/${c.reference}`);
    const form = formOf(page.text, `/arenden/${c.reference}/beror`);
    expect(form).toContain('name="_csrf"');
    expect(form).toContain('<legend>Andra enheter som ärendet berör</legend>');
    expect(form).toContain('value="livsmedel"');
    // The case's own unit is not offered as "another" unit.
    expect(form).not.toContain('value="bygglov"');

    const none = await officer.post(`/arenden/${c.reference}/beror`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Välj minst en enhet som ärendet berör.');
    expect(none.text).toContain('href="#berors-enheter"');
    expect((await officer.post(`/arenden/${c.reference}/beror`, { _csrf: 'fel', units: 'livsmedel' })).status).toBe(
      403,
    );

    const body = new URLSearchParams([
      ['_csrf', officer.csrf],
      ['units', 'livsmedel'],
      ['units', 'serveringstillstand'],
    ]);
    const res = await fetch(`${app.url}/arenden/${c.reference}/beror`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        accept: 'text/html',
      },
      body: body.toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/arenden/${c.reference}?klart=berors`);
    const view = await app.request('GET', `/api/cases/${c.id}`, { token: desk.token });
    expect(view.body.involvedUnits).toEqual(['livsmedel', 'serveringstillstand']);
    expect(view.body.serviceGroup).toEqual([expect.objectContaining({ status: 'requested', open: true })]);
    const after = await officer.get(`/arenden/${c.reference}?klart=berors`);
    expect(after.text).toContain('<dt>Berör även</dt><dd>Livsmedelskontroll, Serveringstillstånd</dd>');
    expect(formOf(after.text, `/arenden/${c.reference}/beror`)).toContain('value="livsmedel" checked');

    // The coordinator runs the service group, not the case: no form, and the post is refused.
    const coordinator = await as('coordinator');
    expect((await coordinator.get(`/arenden/${c.reference}`)).text).not.toContain(`/arenden/${c.reference}/beror`);
    expect((await coordinator.post(`/arenden/${c.reference}/beror`, { units: 'livsmedel' })).status).toBe(403);
  });

  it('lists the files the company sent on the case page and downloads them as the API does', async () => {
    const officer = await as('officer', 'bygglov', 'Berit Bygg');
    const apiOfficer = await app.user('officer', 'bygglov');
    const c = await awaitingComplement(app, desk, apiOfficer, companyCaseBody({ subject: 'Tillbyggnad av verkstad' }), {
      message: 'Skicka en situationsplan.',
    });
    const url = await trackingUrl(app, desk, c.id);
    const formToken = (await publicView(app, url)).forms.complement.formToken;
    const content = pdf('Situationsplan för Åby');
    const sent = await postComplement(app, url, {
      formToken,
      message: 'Här är planen.',
      files: [{ name: 'Situationsplan Åby.pdf', type: 'application/pdf', content }],
    });
    expect(sent.status).toBe(201);

    const page = await officer.get(`/arenden/${c.reference}`);
    const files = sectionOf(page.text, 'filer-h');
    const link = /<a href="(\/arenden\/[^"]+\/filer\/[0-9a-f-]{36})" download>Situationsplan Åby\.pdf<\/a>/.exec(files);
    expect(link).not.toBeNull();
    expect(files).toContain('PDF, 1 kB');
    expect(files).toContain('måndag 23 november 2026');

    const download = await fetch(`${app.url}${link![1]}`, {
      headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Situationsplan _by.pdf"; filename*=UTF-8''${encodeURIComponent('Situationsplan Åby.pdf')}`,
    );
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const api = await app.request('GET', `/api/cases/${c.id}/files`, { token: desk.token });
    expect(download.headers.get('x-checksum-sha256')).toBe(api.body.items[0].sha256);

    // Another unit's officer, or a file of another case, gets the 404 page.
    const other = await as('officer', 'livsmedel');
    expect((await other.get(link![1]!)).status).toBe(404);
    const elsewhere = await routedCase(app, desk, 'bygglov');
    expect((await officer.get(`/arenden/${elsewhere.reference}/filer/${link![1]!.split('/').pop()}`)).status).toBe(404);
    expect(sectionOf((await officer.get(`/arenden/${elsewhere.reference}`)).text, 'filer-h')).toContain(
      'Företaget har inte skickat några filer.',
    );
  });

  it('keeps the service group’s register on a page for the coordinator: members, titles and category → units', async () => {
    const coordinator = await as('coordinator');
    const member = await staffAccount(app, 'officer', { unit: 'livsmedel', name: 'Lisa Livsmedel' });
    const page = await coordinator.get('/servicegruppen');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Servicegruppens register</h1>');
    expect(page.text).toContain('<a href="/servicegruppen" aria-current="page">Servicegruppen</a>');

    const refused = await coordinator.post('/servicegruppen/livsmedel/medlemmar', { userId: member.id, title: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Fyll i titeln.');
    expect(refused.text).toContain(`<option value="${member.id}" selected>`);
    const added = await coordinator.post('/servicegruppen/livsmedel/medlemmar', {
      userId: member.id,
      title: 'Livsmedelsinspektör',
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/servicegruppen?klart=medlem');
    let register = await app.request('GET', '/api/service-group', { token: desk.token });
    const unitOf = (code: string) => register.body.units.find((u: { code: string }) => u.code === code);
    expect(unitOf('livsmedel').members).toEqual([
      expect.objectContaining({ userId: member.id, title: 'Livsmedelsinspektör' }),
    ]);

    expect(
      (
        await coordinator.post(`/servicegruppen/livsmedel/medlemmar/${member.id}`, {
          title: 'Miljö- och livsmedelsinspektör',
        })
      ).status,
    ).toBe(303);
    register = await app.request('GET', '/api/service-group', { token: desk.token });
    expect(unitOf('livsmedel').members[0].title).toBe('Miljö- och livsmedelsinspektör');
    expect((await coordinator.get('/servicegruppen')).text).toContain(
      '<strong>Lisa Livsmedel</strong>, Miljö- och livsmedelsinspektör',
    );

    const noUnits = await coordinator.post('/servicegruppen/kategorier/serveringstillstand', {});
    expect(noUnits.status).toBe(400);
    expect(noUnits.text).toContain('Välj minst en enhet.');
    const cookie = [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const save = await fetch(`${app.url}/servicegruppen/kategorier/serveringstillstand`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/html' },
      body: new URLSearchParams([
        ['_csrf', coordinator.csrf],
        ['units', 'serveringstillstand'],
        ['units', 'livsmedel'],
        ['units', 'raddningstjanst'],
      ]).toString(),
    });
    expect(save.status).toBe(303);
    register = await app.request('GET', '/api/service-group', { token: desk.token });
    expect(
      register.body.categories.find((c: { code: string }) => c.code === 'serveringstillstand').units.sort(),
    ).toEqual(['livsmedel', 'raddningstjanst', 'serveringstillstand']);

    expect((await coordinator.post(`/servicegruppen/livsmedel/medlemmar/${member.id}/ta-bort`)).status).toBe(303);
    register = await app.request('GET', '/api/service-group', { token: desk.token });
    expect(unitOf('livsmedel').members).toEqual([]);
    expect((await coordinator.post(`/servicegruppen/livsmedel/medlemmar/${member.id}/ta-bort`)).status).toBe(404);

    // Only the coordinator and admins: others get the 403 page and change nothing.
    const officer = await as('officer', 'bygglov');
    expect((await officer.get('/servicegruppen')).status).toBe(403);
    expect(
      (await officer.post('/servicegruppen/livsmedel/medlemmar', { userId: member.id, title: 'Inspektör' })).status,
    ).toBe(403);
    expect(
      (
        await coordinator.post('/servicegruppen/livsmedel/medlemmar', {
          _csrf: 'fel',
          userId: member.id,
          title: 'Inspektör',
        })
      ).status,
    ).toBe(403);
    register = await app.request('GET', '/api/service-group', { token: desk.token });
    expect(unitOf('livsmedel').members).toEqual([]);
  });

  it('plans a guided visit, documents its needs and follow-ups, turns a follow-up into a case and shows the yearly target', async () => {
    const host = await as('officer', 'naringsliv', 'Nora Näringsliv');
    const start = await host.get('/besok');
    expect(start.status).toBe(200);
    expect(start.text).toContain('<strong>0 av 100</strong> besök är gjorda 2026.');
    expect(start.text).toContain('Målet hittills i år är 92 besök.');

    const bad = await host.post('/besok', {
      orgNumber: '556036-0794',
      companyName: 'Verkstaden i Åby AB',
      contactName: '',
      contactEmail: 'asa@verkstaden.example',
      subject: 'Lotsande besök',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#besok-orgNumber"');
    expect(bad.text).toContain('href="#besok-contactName"');
    expect(bad.text.indexOf('href="#besok-orgNumber"')).toBeLessThan(bad.text.indexOf('href="#besok-contactName"'));
    expect(bad.text).toContain('value="Verkstaden i Åby AB"');

    const planned = await host.post('/besok', {
      orgNumber: '5560360793',
      companyName: 'Verkstaden i Åby AB',
      contactName: 'Åsa Öberg',
      contactEmail: 'asa@verkstaden.example',
      subject: 'Lotsande besök hos Verkstaden',
      description: 'Torsdag 26 november kl. 10, med vd.',
    });
    expect(planned.status).toBe(303);
    const reference = planned.location!.split('/').pop()!;
    const visit = await host.get(planned.location!);
    expect(visit.text).toContain('Planerat besök');
    expect((await host.get('/besok')).text).toContain(`<a href="/arenden/${reference}">${reference}</a>`);

    const assign = formOf(visit.text, `/arenden/${reference}/handelser`);
    expect(assign).toContain('value="ASSIGN"');
    const version = /name="expectedVersion" value="(\d+)"/.exec(assign)![1]!;
    expect(
      (
        await host.post(`/arenden/${reference}/handelser`, {
          type: 'ASSIGN',
          expectedVersion: version,
          assigneeId: host.account.id,
        })
      ).status,
    ).toBe(303);

    const assigned = await host.get(`/arenden/${reference}`);
    const record = formOf(assigned.text, `/arenden/${reference}/besok`);
    expect(record).toContain('Företagets behov för att växa');
    const recordVersion = /name="expectedVersion" value="(\d+)"/.exec(record)![1]!;
    // A follow-up without its unit, and no summary: both marked, what was typed kept.
    const refusedVisit = await host.post(`/arenden/${reference}/besok`, {
      expectedVersion: recordVersion,
      visitedOn: '2026-11-23',
      summary: '',
      'besok-behov-premises': 'Behöver 2 000 kvm till.',
      'besok-uppfoljning-1-beskrivning': 'Förhandsbesked om tillbyggnad',
      'besok-uppfoljning-1-enhet': '',
    });
    expect(refusedVisit.status).toBe(400);
    expect(refusedVisit.text).toContain('Skriv en sammanfattning av besöket.');
    expect(refusedVisit.text).toContain('Välj enheten som ska ta hand om uppföljningen.');
    expect(refusedVisit.text).toContain('Behöver 2 000 kvm till.</textarea>');

    const recorded = await host.post(`/arenden/${reference}/besok`, {
      expectedVersion: recordVersion,
      visitedOn: '2026-11-23',
      summary: 'Företaget vill bygga ut och anställa tio personer.',
      'besok-behov-premises': 'Behöver 2 000 kvm till.',
      'besok-behov-recruitment': 'Svårt att hitta svetsare.',
      'besok-uppfoljning-1-beskrivning': 'Förhandsbesked om tillbyggnad',
      'besok-uppfoljning-1-enhet': 'bygglov',
      'besok-uppfoljning-2-beskrivning': '',
      'besok-uppfoljning-2-enhet': '',
    });
    expect(recorded.status).toBe(303);
    const api = await app.request('GET', `/api/cases/${reference}`, { token: desk.token });
    expect(api.body).toMatchObject({
      status: 'visited',
      visit: {
        visitedOn: '2026-11-23',
        growthNeeds: [
          { area: 'premises', description: 'Behöver 2 000 kvm till.' },
          { area: 'recruitment', description: 'Svårt att hitta svetsare.' },
        ],
        followUps: [{ description: 'Förhandsbesked om tillbyggnad', unit: 'bygglov', caseId: null }],
      },
    });
    const done = await host.get(`/arenden/${reference}`);
    expect(done.text).toContain('Besöket gjordes måndag 23 november 2026.');
    expect(done.text).toContain('<dt>Lokaler och mark</dt><dd>Behöver 2 000 kvm till.</dd>');
    const followUpId = api.body.visit.followUps[0].id as string;
    expect((await host.post(`/arenden/${reference}/uppfoljningar/${followUpId}`, { category: '' })).status).toBe(400);
    const made = await host.post(`/arenden/${reference}/uppfoljningar/${followUpId}`, { category: 'bygglov' });
    expect(made.status).toBe(303);
    const caseRef = made.location!.split('/').pop()!.split('?')[0]!;
    const followUpCase = await app.request('GET', `/api/cases/${caseRef}`, { token: desk.token });
    expect(followUpCase.body).toMatchObject({
      kind: 'company_case',
      category: 'bygglov',
      unit: 'bygglov',
      status: 'routed',
      subject: 'Förhandsbesked om tillbyggnad',
    });
    expect((await host.get(`/arenden/${reference}`)).text).toContain(
      `Blev ärendet <a href="/arenden/${caseRef}">${caseRef}</a>.`,
    );
    expect((await host.post(`/arenden/${reference}/uppfoljningar/${followUpId}`, { category: 'bygglov' })).status).toBe(
      409,
    );

    expect((await host.get('/besok')).text).toContain('<strong>1 av 100</strong> besök är gjorda 2026.');
    // The coordinator registers nothing, so plans no visit.
    const coordinator = await as('coordinator');
    expect((await coordinator.get('/besok')).status).toBe(403);
    expect(
      (
        await coordinator.post('/besok', {
          orgNumber: '5560360793',
          companyName: 'X AB',
          contactName: 'X',
          subject: 'X',
        })
      ).status,
    ).toBe(403);
  });

  it('lets managers read the survey’s free-text answers with nothing that identifies, as the API gives them', async () => {
    const answer = (area: string, unit: string, month: string, comment: string | null) => ({
      id: randomUUID(),
      area,
      unit,
      closed_month: month,
      answered_at: `${month}-20T10:00:00.000Z`,
      nki_overall: 8,
      nki_expectations: 7,
      nki_ideal: 7,
      comment,
    });
    await app.ctx
      .db('survey_answers')
      .insert([
        answer('bygglov', 'bygglov', '2026-10', 'Snabbt och vänligt bemötande.'),
        answer('bygglov', 'bygglov', '2026-09', 'Svårt att förstå vad som saknades.\nMen handläggaren ringde.'),
        answer('livsmedel', 'livsmedel', '2026-10', 'Tydlig inspektör.'),
        answer('bygglov', 'bygglov', '2026-10', null),
      ]);
    const manager = await as('manager', 'bygglov');
    const page = await manager.get('/rapporter/synpunkter?from=2026-01&to=2026-11&category=bygglov');
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 synpunkter, januari 2026 – november 2026');
    const comments = sectionOf(page.text, 'synpunkter-h');
    expect(comments.indexOf('Snabbt och vänligt bemötande.')).toBeLessThan(comments.indexOf('Svårt att förstå'));
    expect(comments).toContain('Bygglov, Bygglov, ärendet avslutades oktober 2026');
    expect(comments).not.toContain('Tydlig inspektör.');
    // The answer time is stored but never shown: it could be matched with a sent mail.
    expect(comments).not.toMatch(/20 (september|oktober)|10[.:]00/);
    const api = await app.request('GET', '/api/reports/survey-comments?from=2026-01&to=2026-11', {
      token: (await app.user('manager', 'bygglov')).token,
    });
    expect(api.status).toBe(200);
    expect(api.body.rows).toHaveLength(3);
    expect(Object.keys(api.body.rows[0]).sort()).toEqual([
      'area',
      'areaLabel',
      'comment',
      'month',
      'unit',
      'unitLabel',
    ]);
    const csv = await fetch(`${app.url}/rapporter/survey-comments.csv?from=2026-01&to=2026-11`, {
      headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const apiCsv = await app.request('GET', '/api/reports/survey-comments?from=2026-01&to=2026-11&format=csv', {
      token: (await app.user('manager', 'bygglov')).token,
    });
    expect(await csv.text()).toBe(apiCsv.body);

    const refused = await manager.get('/rapporter/synpunkter?from=2026-13&to=2026-11');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Ange månaden som ÅÅÅÅ-MM');
    const officer = await as('officer', 'bygglov');
    expect((await officer.get('/rapporter/synpunkter')).status).toBe(403);
  });
});
