import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, tableCounts } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { findCase } from '../../src/infra/db/case-repository.js';
import { useTestApp } from '../support/use-test-app.js';

/** A form post with repeated fields (checkboxes), which a plain record cannot hold. */
const postPairs = (b: StaffBrowser, path: string, pairs: [string, string][]) =>
  b.request(
    'POST',
    path,
    new URLSearchParams([['_csrf', b.csrf], ...pairs]).toString() as unknown as Record<string, string>,
  );
/** The error summary's lines, in the order shown. */
const summaryLines = (text: string) =>
  [.../<div class="error-summary"[\s\S]*?<\/ul>/.exec(text)![0].matchAll(/<li>(?:<a href="#([^"]+)">)?/g)].map(
    (m) => m[1] ?? '(no link)',
  );

const form: [string, string][] = [
  ['orgNumber', '556677-8899'],
  ['companyName', 'Krogen Hörnet AB'],
  ['contactName', 'Greta Gås'],
  ['contactEmail', 'greta@hornet.example'],
  ['channel', 'visit'],
  ['description', 'Ny restaurang i gamla posthuset\nServering, kök och en ny entré mot torget.'],
  ['next', 'route'],
  ['unit', ''],
];
const replace = (pairs: [string, string][], changes: Record<string, string>) =>
  pairs.map(([k, v]): [string, string] => [k, k in changes ? changes[k]! : v]);

describe('the registration form and API: every error at once, arrival date, involved units and several categories', () => {
  let desk: StaffBrowser;

  // Friday 4 December 2026, 10:00 in Stockholm.
  const {
    app,
    users: { api },
  } = useTestApp({ staff: true, now: '2026-12-04T10:00:00+01:00', users: { api: 'registrar' } });
  beforeAll(async () => {
    const account = await staffAccount(app, 'registrar', { name: 'Disa Disk' });
    desk = new StaffBrowser(app);
    expect((await desk.login(account.email, account.password, '/arenden/ny')).location).toBe('/arenden/ny');
  });

  it('API: reports a wrong organisation number and a bad e-mail address together, in the order of the fields', async () => {
    const before = await tableCounts(app);
    const res = await app.request('POST', '/api/cases', {
      token: api.token,
      body: companyCaseBody({
        subject: 'x'.repeat(301),
        company: { orgNumber: '556036-0794', name: 'Fel Nummer AB' },
        contact: { name: 'Åsa Öberg', email: 'inte-en-adress' },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'subject',
      'company.orgNumber',
      'contact.email',
    ]);
    expect(await tableCounts(app)).toEqual(before);
  });

  it('form: shows every error at once, the summary in the order of the fields, and keeps what was typed', async () => {
    await desk.get('/arenden/ny');
    const res = await postPairs(
      desk,
      '/arenden/ny',
      replace(form, { orgNumber: '556036-0794', contactEmail: 'greta(at)hornet', description: '' }),
    );
    expect(res.status).toBe(400);
    // No category chosen, a wrong number, a bad address, no description: all four, top to bottom.
    expect(summaryLines(res.text)).toEqual(['orgNumber', 'contactEmail', 'category-bygglov', 'description']);
    expect(res.text).toContain('<a href="#category-bygglov">Kategori: Välj en kategori.</a>');
    expect(res.text).toContain(
      '<a href="#orgNumber">Organisationsnummer: Ogiltigt organisationsnummer eller personnummer.</a>',
    );
    expect(res.text).toContain(
      '<a href="#contactEmail">E-post: Ange en giltig e-postadress, till exempel namn@foretag.se.</a>',
    );
    expect(res.text).toContain('value="greta(at)hornet"');
  });

  it('complaint form: a wrong organisation number and a bad e-mail address together, in the order the page shows them', async () => {
    await desk.get('/klagomal/ny');
    const res = await postPairs(desk, '/klagomal/ny', [
      ['subject', ''],
      ['description', 'Handläggaren avbröt samtalet.'],
      ['concerns', 'treatment'],
      ['channel', 'phone'],
      ['contactName', 'Greta Gås'],
      ['contactEmail', 'greta(at)hornet'],
      ['orgNumber', '556036-0794'],
      ['companyName', 'Krogen Hörnet AB'],
    ]);
    expect(res.status).toBe(400);
    expect(summaryLines(res.text)).toEqual(['subject', 'contactEmail', 'orgNumber']);
    expect(res.text).toContain('value="greta(at)hornet"');
  });

  it('form: records the day a letter arrived, and refuses a day in the future or a time without a day', async () => {
    await desk.get('/arenden/ny');
    const fields = replace(form, { channel: 'letter' });
    const future = await postPairs(desk, '/arenden/ny', [
      ...fields,
      ['category', 'bygglov'],
      ['receivedDate', '2026-12-07'],
      ['receivedTime', ''],
    ]);
    expect(future.status).toBe(400);
    expect(future.text).toContain('<a href="#receivedDate">Inkom datum: Ankomsttiden kan inte ligga i framtiden.</a>');
    expect(future.text).toContain('value="2026-12-07"');
    const timeOnly = await postPairs(desk, '/arenden/ny', [
      ...fields,
      ['category', 'bygglov'],
      ['receivedDate', ''],
      ['receivedTime', '9.30'],
    ]);
    expect(timeOnly.text).toContain(
      '<a href="#receivedDate">Inkom datum: Ange datumet då ärendet kom in, eller töm klockslaget.</a>',
    );

    const withTime = await postPairs(desk, '/arenden/ny', [
      ...fields,
      ['category', 'bygglov'],
      ['receivedDate', '2026-11-30'],
      ['receivedTime', '9.30'],
    ]);
    expect(withTime.status, withTime.text.slice(0, 300)).toBe(303);
    const row = (await findCase(app.ctx.db, withTime.location!.split('/').pop()!))!;
    expect(row.receivedAt).toBe('2026-11-30T08:30:00.000Z');
    const dayOnly = await postPairs(desk, '/arenden/ny', [
      ...fields,
      ['category', 'bygglov'],
      ['receivedDate', '2026-11-30'],
      ['receivedTime', ''],
    ]);
    expect((await findCase(app.ctx.db, dayOnly.location!.split('/').pop()!))!.receivedAt).toBe(
      '2026-11-29T23:00:00.000Z',
    );
  });

  it('form: flags the other units a matter touches, which proposes a table', async () => {
    await desk.get('/arenden/ny');
    const res = await postPairs(desk, '/arenden/ny', [
      ...form,
      ['category', 'bygglov'],
      ['involvedUnits', 'raddningstjanst'],
      ['involvedUnits', 'livsmedel'],
    ]);
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const row = (await findCase(app.ctx.db, res.location!.split('/').pop()!))!;
    expect(row).toMatchObject({ unit: 'bygglov', status: 'routed', involvedUnits: ['raddningstjanst', 'livsmedel'] });
    const tables = await app.ctx
      .db('escalation_cases as ec')
      .join('escalations as e', 'e.id', 'ec.escalation_id')
      .where('ec.case_id', row.id)
      .select('e.origin');
    expect(tables).toEqual([{ origin: 'multi_unit' }]);
    const refused = await postPairs(desk, '/arenden/ny', [
      ...form,
      ['category', 'bygglov'],
      ['involvedUnits', 'manen'],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<a href="#involvedUnits-medborgarcenter">Berör även: Välj ett av alternativen.</a>',
    );
  });

  it('form: one matter under several categories becomes one case each, routed to each unit and linked at one proposed table', async () => {
    await desk.get('/arenden/ny');
    const before = Number(((await app.ctx.db('cases').count({ n: '*' })) as { n: string }[])[0]!.n);
    const res = await postPairs(desk, '/arenden/ny', [
      ...form,
      ['category', 'serveringstillstand'],
      ['moreCategories', 'livsmedel'],
      ['moreCategories', 'bygglov'],
      ['moreCategories', 'serveringstillstand'],
    ]);
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const tableId = /^\/dukat-bord\/([0-9a-f-]{36})\?klart=registrerade$/.exec(res.location ?? '')?.[1];
    expect(tableId, res.location ?? '').toBeDefined();
    const cases = await app.ctx
      .db('escalation_cases as ec')
      .join('cases as c', 'c.id', 'ec.case_id')
      .where('ec.escalation_id', tableId!)
      .orderBy('c.reference')
      .select('c.category', 'c.unit', 'c.status', 'c.company_id', 'c.description');
    expect(
      cases.map((c: { category: string; unit: string; status: string }) => [c.category, c.unit, c.status]),
    ).toEqual([
      ['serveringstillstand', 'serveringstillstand', 'routed'],
      ['livsmedel', 'livsmedel', 'routed'],
      ['bygglov', 'bygglov', 'routed'],
    ]);
    expect(new Set(cases.map((c: { company_id: string }) => c.company_id)).size).toBe(1);
    expect(Number(((await app.ctx.db('cases').count({ n: '*' })) as { n: string }[])[0]!.n)).toBe(before + 3);
    const table = await app.ctx.db('escalations').where({ id: tableId }).first('origin', 'status');
    expect(table).toEqual({ origin: 'multi_unit', status: 'requested' });
    const page = await desk.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Ärendena är registrerade, ett för varje kategori, och föreslagna för ett gemensamt dukat bord.',
    );
    // Each case's page leads to the common table, which lists the others.
    const anyCase = await app.ctx.db('escalation_cases').where({ escalation_id: tableId }).first('case_id');
    expect((await desk.get(`/arenden/${anyCase.case_id}`)).text).toContain(`<li><a href="/dukat-bord/${tableId}">`);

    // Several categories go to their own units: a unit chosen for all of them, or "löst direkt", is refused.
    const oneUnit = await postPairs(desk, '/arenden/ny', [
      ...replace(form, { unit: 'bygglov' }),
      ['category', 'livsmedel'],
      ['moreCategories', 'bygglov'],
    ]);
    expect(oneUnit.status).toBe(400);
    expect(oneUnit.text).toContain('Med flera kategorier lotsas varje ärende till sin kategoris enhet.');
    expect(oneUnit.text).toMatch(/id="category-livsmedel" name="category" value="livsmedel" checked/);
    expect(oneUnit.text).toMatch(/<details class="more" open>\n<summary id="moreCategories-toggle">/);
    expect(oneUnit.text).toMatch(/id="moreCategories-bygglov" name="moreCategories" value="bygglov" checked/);
  });

  it('API: several categories in one call, with every case listed and one table proposed', async () => {
    const res = await app.request('POST', '/api/cases', {
      token: api.token,
      body: { ...companyCaseBody({ category: undefined }), categories: ['serveringstillstand', 'brandskydd'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.registeredTogether.map((c: { category: string }) => c.category)).toEqual([
      'serveringstillstand',
      'brandskydd',
    ]);
    expect(res.body.registeredTogether[0].id).toBe(res.body.id);
    expect(res.body.serviceGroup).toHaveLength(1);
    const second = await app.request('GET', `/api/cases/${res.body.registeredTogether[1].id}`, { token: api.token });
    expect(second.body.serviceGroup.map((t: { id: string }) => t.id)).toEqual([res.body.serviceGroup[0].id]);

    const before = await tableCounts(app);
    const both = await app.request('POST', '/api/cases', {
      token: api.token,
      body: { ...companyCaseBody(), categories: ['livsmedel', 'bygglov'] },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['categories']);
    const wrong = await app.request('POST', '/api/cases', {
      token: api.token,
      body: { ...companyCaseBody({ category: undefined }), categories: ['livsmedel', 'klagomal', 'livsmedel'] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { path: 'categories.1', message: 'Kategorin klagomal gäller inte företagsärenden.' },
      { path: 'categories.2', message: 'Kategorin livsmedel finns redan med.' },
    ]);
    expect(await tableCounts(app)).toEqual(before);
  });

  it('form: a 150 000-character description comes back in the form with its limit, not as a lost form', async () => {
    await desk.get('/arenden/ny');
    const long = `Lång beskrivning ${'ä'.repeat(150_000)}`;
    const res = await postPairs(desk, '/arenden/ny', [
      ...replace(form, { description: long }),
      ['category', 'bygglov'],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<a href="#description">Beskrivning: Högst 20 000 tecken; texten är 150 017 tecken.</a>',
    );
    expect(res.text).toContain(`>${long}</textarea>`);
    expect(res.text).not.toContain('Formuläret är för stort');
  });
});
