import { describe, expect, it } from 'vitest';
import { companyCaseBody, getCase as getCaseOf, register } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const count = async (app: TestApp, table: string) =>
  Number(((await app.ctx.db(table).count({ n: '*' })) as { n: string | number }[])[0]!.n);

describe('company names and contacts across cases', () => {
  const {
    app,
    users: { desk, officer, coordinator },
  } = useTestApp({
    staff: true,
    now: '2026-12-01T09:00:00+01:00',
    users: { desk: ['registrar', null, 'Disa Disk'], officer: ['officer', 'bygglov'], coordinator: 'coordinator' },
  });

  const getCase = async (id: string) => (await getCaseOf(app, desk, id)).body;

  it('keeps the company’s name when a case is registered under another one, and keeps the name given on that case', async () => {
    const first = await register(app, desk, companyCaseBody({ company: { orgNumber: '5560360793', name: 'Saab AB' } }));
    const second = await register(
      app,
      desk,
      companyCaseBody({ company: { orgNumber: '556036-0793', name: 'Fel Namn AB' } }),
    );
    expect(second.company).toMatchObject({ id: first.company!.id, name: 'Saab AB', nameGiven: 'Fel Namn AB' });
    expect((await getCase(first.id)).company).toMatchObject({ name: 'Saab AB', nameGiven: 'Saab AB' });
    expect(await app.ctx.db('companies').where({ org_number: '556036-0793' }).select('name')).toEqual([
      { name: 'Saab AB' },
    ]);
    // The desk still finds the case by the name the caller gave.
    const found = await app.request('GET', `/api/cases?q=${encodeURIComponent('fel namn')}`, { token: desk.token });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    // The company's own page shows the company's name, not what a later caller said.
    expect((await publicView(app, await trackingUrl(app, desk, first.id))).companyName).toBe('Saab AB');
  });

  it('never changes one case’s contact through the details given on another case', async () => {
    const first = await register(
      app,
      desk,
      companyCaseBody({
        company: { orgNumber: '5566778899', name: 'Krogen Hörnet AB' },
        contact: { name: 'Anna Svensson', email: 'anna@krogen.se', phone: '+46701234567' },
      }),
    );
    const second = await register(
      app,
      desk,
      companyCaseBody({
        company: { orgNumber: '5566778899', name: 'Krogen Hörnet AB' },
        contact: { name: 'Anna Svensson', email: 'anna.privat@example.se' },
      }),
    );
    expect((await getCase(first.id)).contact).toEqual({
      name: 'Anna Svensson',
      email: 'anna@krogen.se',
      phone: '+46701234567',
    });
    expect((await getCase(second.id)).contact).toEqual({
      name: 'Anna Svensson',
      email: 'anna.privat@example.se',
      phone: null,
    });
  });

  it('renames a company on purpose through the API, with a reason and the earlier name kept, on every case', async () => {
    const a = await register(
      app,
      desk,
      companyCaseBody({ company: { orgNumber: '212000-0142', name: 'Östra Hamnens Bygg AB' } }),
    );
    const b = await register(app, desk, companyCaseBody({ company: { orgNumber: '2120000142', name: 'Hamnbygg' } }));
    const id = a.company!.id as string;
    const path = `/api/companies/${id}/name`;
    const before = await count(app, 'company_name_changes');

    // A role that may not gets 403 whatever it sends; bad input names the field; nothing changes.
    expect((await app.request('POST', path, { token: officer.token, body: { name: '' } })).status).toBe(403);
    expect((await app.request('GET', `/api/companies/${id}`, { token: coordinator.token })).status).toBe(403);
    const noReason = await app.request('POST', path, { token: desk.token, body: { name: 'Hamnbygg i Östra AB' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    const same = await app.request('POST', path, {
      token: desk.token,
      body: { name: 'Östra Hamnens Bygg AB', reason: 'Kontroll.' },
    });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([{ path: 'name', message: 'Det nya namnet är detsamma som det nuvarande.' }]);
    const stale = await app.request('POST', path, {
      token: desk.token,
      body: { name: 'Hamnbygg i Östra AB', reason: 'Bolagsverket.', expectedName: 'Hamnbygg' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentName).toBe('Östra Hamnens Bygg AB');
    expect((await app.request('GET', `/api/companies/${randomLikeId()}`, { token: desk.token })).status).toBe(404);
    expect(await count(app, 'company_name_changes')).toBe(before);

    const renamed = await app.request('POST', path, {
      token: desk.token,
      body: {
        name: 'Hamnbygg i Östra AB',
        reason: 'Namnbyte registrerat hos Bolagsverket.',
        expectedName: 'Östra Hamnens Bygg AB',
      },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({
      id,
      orgNumber: '212000-0142',
      name: 'Hamnbygg i Östra AB',
      caseCount: 2,
      nameChanges: [
        {
          oldName: 'Östra Hamnens Bygg AB',
          newName: 'Hamnbygg i Östra AB',
          reason: 'Namnbyte registrerat hos Bolagsverket.',
          changedBy: { id: desk.id, name: 'Disa Disk' },
          changedAt: '2026-12-01T08:00:00.000Z',
        },
      ],
    });
    for (const [c, given] of [
      [a, 'Östra Hamnens Bygg AB'],
      [b, 'Hamnbygg'],
    ] as const)
      expect((await getCase(c.id)).company).toMatchObject({ name: 'Hamnbygg i Östra AB', nameGiven: given });
    expect((await app.request('GET', `/api/companies/${id}`, { token: desk.token })).body).toEqual(renamed.body);
  });

  it('lets the desk rename a company on its page, shows earlier names, and keeps what was typed when refused', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ company: { orgNumber: '5568880008', name: 'Bageriet Gamla AB' } }),
    );
    await register(app, desk, companyCaseBody({ company: { orgNumber: '556888-0008', name: 'Bageri Gamla' } }));
    const account = await staffAccount(app, 'registrar', { name: 'Rut Register' });
    const browser = new StaffBrowser(app);
    expect((await browser.login(account.email, account.password)).status).toBe(303);

    const casePage = await browser.get(`/arenden/${c.id}`);
    expect(casePage.text).toContain(`<a href="/foretag/${c.company!.id}">Företagets uppgifter och namnbyten</a>`);
    const other = await browser.get(
      `/arenden/${(await app.ctx.db('cases').where({ company_name: 'Bageri Gamla' }).first('id')).id}`,
    );
    expect(other.text).toContain('Bageriet Gamla AB<br><span class="meta">Angivet namn i ärendet: Bageri Gamla</span>');

    const page = await browser.get(`/foretag/${c.company!.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Bageriet Gamla AB</h1>');
    expect(page.text).toContain('Företaget har inte bytt namn i Handslag.');

    const refused = await browser.post(`/foretag/${c.company!.id}/namn`, {
      name: 'Bageriet Nya AB',
      reason: '',
      expectedName: 'Bageriet Gamla AB',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="#reason">Skäl till namnbytet: Fyll i fältet.</a>');
    expect(refused.text).toContain('value="Bageriet Nya AB"');

    const done = await browser.post(`/foretag/${c.company!.id}/namn`, {
      name: 'Bageriet Nya AB',
      reason: 'Nytt namn hos Bolagsverket.',
      expectedName: 'Bageriet Gamla AB',
    });
    expect(done.status).toBe(303);
    const after = await browser.get(done.location!);
    expect(after.text).toContain('<h1>Bageriet Nya AB</h1>');
    expect(after.text).toContain('<strong>Bageriet Gamla AB</strong> blev <strong>Bageriet Nya AB</strong>');
    expect(after.text).toContain('av Rut Register.<br>Skäl: Nytt namn hos Bolagsverket.');
    // The company search on Registrera ärende still finds it by its earlier name.
    expect((await browser.get(`/arenden/ny?foretag=${encodeURIComponent('Bageriet Gamla')}`)).text).toContain(
      'Bageriet Nya AB, 556888-0008',
    );
    // A form open from before the change is told, not obeyed.
    const late = await browser.post(`/foretag/${c.company!.id}/namn`, {
      name: 'Bageriet Tredje AB',
      reason: 'Gammalt formulär.',
      expectedName: 'Bageriet Gamla AB',
    });
    expect(late.status).toBe(400);
    expect(late.text).toContain('Företaget har redan bytt namn till Bageriet Nya AB.');

    const officerAccount = await staffAccount(app, 'officer', { unit: 'bygglov' });
    const officerBrowser = new StaffBrowser(app);
    await officerBrowser.login(officerAccount.email, officerAccount.password);
    expect((await officerBrowser.get(`/foretag/${c.company!.id}`)).status).toBe(403);
  });
});

const randomLikeId = () => '00000000-0000-4000-8000-000000000000';
