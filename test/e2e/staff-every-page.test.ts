import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { complaintBody, companyCaseBody, register, send } from '../support/fixtures.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations } from '../support/browser.js';
import { staffAccount, type StaffAccount } from '../support/staff-web.js';
import { awaitingComplement, pdf, postComplement, publicView, trackingUrl } from '../integration/tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// Every page of the staff app, opened by someone allowed to see it, at the width of a phone:
// answered 200 in Swedish, a screenshot kept, axe-core without serious or critical findings,
// nothing wider than the screen. Then the menu each role gets, and the sections it may not open.

const ALL_SECTIONS = [
  '/arenden',
  '/arenden/ny',
  '/klagomal',
  '/dukat-bord',
  '/servicegruppen',
  '/besok',
  '/rapporter',
  '/admin/anvandare',
];
const menuOf: Record<Role, string[]> = {
  registrar: ['/arenden', '/arenden/ny', '/klagomal', '/dukat-bord', '/besok'],
  officer: ['/arenden', '/arenden/ny', '/klagomal', '/dukat-bord', '/besok'],
  manager: ['/arenden', '/arenden/ny', '/klagomal', '/dukat-bord', '/besok', '/rapporter'],
  coordinator: ['/arenden', '/dukat-bord', '/servicegruppen', '/rapporter'],
  admin: ALL_SECTIONS,
};

describe('every staff page in a real browser', () => {
  let accounts: Record<Role, StaffAccount>;
  let browser: Browser;
  let caseRef = '';
  let companyId = '';
  let complaintRef = '';
  let escalationId = '';
  let visitRef = '';
  let fileCaseRef = '';

  // Monday 23 November 2026, 10:00 in Stockholm.
  const {
    app,
    users: { desk },
  } = useTestApp({ staff: true, now: '2026-11-23T10:00:00+01:00', users: { desk: 'registrar' } });
  beforeAll(async () => {
    accounts = {
      registrar: await staffAccount(app, 'registrar', { name: 'Disa Disk' }),
      officer: await staffAccount(app, 'officer', { unit: 'bygglov', name: 'Olle Berg' }),
      manager: await staffAccount(app, 'manager', { unit: 'bygglov', name: 'Maja Chef' }),
      coordinator: await staffAccount(app, 'coordinator', { name: 'Sara Samordnare' }),
      admin: await staffAccount(app, 'admin', { name: 'Eva Ek' }),
    };
    const c = await register(app, desk, companyCaseBody({ subject: 'Bygglov för kontorshus vid Norra torget' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    caseRef = c.reference;
    companyId = c.company!.id;
    complaintRef = (await register(app, desk, complaintBody({ relatedCaseId: c.id }))).reference;
    const asked = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.reference, reason: 'Flera enheter behöver mötas.' },
    });
    expect(asked.status).toBe(201);
    escalationId = asked.body.id;
    // A late case waiting in the unit without an officer, for the officer's and manager's pages.
    const late = await register(
      app,
      desk,
      companyCaseBody({ subject: 'Försenad tillbyggnad', receivedAt: '2026-11-10T09:00:00+01:00' }),
    );
    await send(app, desk, late.id, 'ROUTE', { unit: 'bygglov' });
    // A documented visit with a follow-up still to become a case.
    const naringsliv = await app.user('officer', 'naringsliv');
    const visit = await register(app, desk, {
      kind: 'company_visit',
      channel: 'company_visit',
      subject: 'Lotsande besök hos Verkstaden',
      company: { orgNumber: '5566778899', name: 'Verkstaden i Åby AB' },
      contact: { name: 'Åsa Öberg', email: 'asa@verkstaden.example' },
    });
    await send(app, naringsliv, visit.id, 'ASSIGN', { assigneeId: naringsliv.id });
    await send(app, naringsliv, visit.id, 'RECORD_VISIT', {
      visitedOn: '2026-11-23',
      summary: 'Vill bygga ut.',
      growthNeeds: [{ area: 'premises', description: 'Mer mark.' }],
      followUps: [{ description: 'Förhandsbesked', unit: 'bygglov' }],
    });
    visitRef = visit.reference;
    // A case where the company sent a file from its tracking page.
    const officer = await app.user('officer', 'bygglov');
    const waiting = await awaitingComplement(
      app,
      desk,
      officer,
      companyCaseBody({ subject: 'Tillbyggnad med ritning' }),
      { message: 'Skicka ritningen.' },
    );
    const url = await trackingUrl(app, desk, waiting.id);
    const sent = await postComplement(app, url, {
      formToken: (await publicView(app, url)).forms.complement.formToken,
      files: [{ name: 'Ritning.pdf', type: 'application/pdf', content: pdf() }],
    });
    expect(sent.status).toBe(201);
    fileCaseRef = waiting.reference;
    await app.ctx.db('survey_answers').insert({
      id: randomUUID(),
      area: 'bygglov',
      unit: 'bygglov',
      closed_month: '2026-10',
      answered_at: '2026-10-20T10:00:00.000Z',
      nki_overall: 8,
      nki_expectations: 7,
      nki_ideal: 7,
      comment: 'Snabbt och vänligt.',
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A phone-sized browser logged in as `account`, with axe-core allowed in. */
  async function phoneFor(account: StaffAccount): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      locale: 'sv-SE',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    await Promise.all([page.waitForURL(`${app.url}/`), page.press('#password', 'Enter')]);
    await page.close();
    return context;
  }

  it('shows each page to the administrator in Swedish, accessible and no wider than a phone', async () => {
    const pages: [string, string][] = [
      ['/', 'start'],
      ['/arenden', 'arendeko'],
      [`/arenden/${caseRef}`, 'arende'],
      [`/arenden/${complaintRef}`, 'klagomal-arende'],
      ['/arenden/ny', 'registrera'],
      [`/foretag/${companyId}`, 'foretag'],
      ['/klagomal', 'klagomal'],
      ['/klagomal/ny', 'klagomal-ny'],
      ['/dukat-bord', 'dukat-bord'],
      [`/dukat-bord/${escalationId}`, 'dukat-bord-bordet'],
      [`/arenden/${visitRef}`, 'besok-arende'],
      [`/arenden/${fileCaseRef}`, 'arende-med-filer'],
      ['/besok', 'besok'],
      ['/servicegruppen', 'servicegruppen'],
      ['/rapporter?from=2026-01&to=2026-11', 'rapporter'],
      ['/rapporter/synpunkter?from=2026-01&to=2026-11', 'rapporter-synpunkter'],
      ['/admin', 'admin'],
      ['/admin/anvandare', 'admin-anvandare'],
      ['/admin/garantier', 'admin-garantier'],
      ['/admin/stangda-dagar', 'admin-stangda-dagar'],
      ['/admin/e-post', 'admin-e-post'],
      ['/arenden/finns-inte', 'sidan-finns-inte'],
    ];
    const context = await phoneFor(accounts.admin);
    const findings: string[] = [];
    for (const [url, name] of pages) {
      const page = await context.newPage();
      const res = await page.goto(`${app.url}${url}`);
      expect(res?.status(), url).toBe(name === 'sidan-finns-inte' ? 404 : 200);
      expect(await page.getAttribute('html', 'lang'), url).toBe('sv');
      expect((await page.textContent('h1'))?.trim(), url).not.toBe('');
      await page.screenshot({ path: path.join(ARTIFACTS, `staff-page-${name}.png`), fullPage: true });
      findings.push(...(await seriousViolations(page)).map((v) => `${url}: ${v}`));
      if ((await scrollWidth(page)) > 320) findings.push(`${url}: wider than 320 px (${await scrollWidth(page)} px)`);
      await page.close();
    }
    await context.close();
    expect(findings).toEqual([]);
  }, 180_000);

  it('lets the officer take a waiting case from Mina ärenden, and shows the manager the unit’s overview, each accessible at 320 px', async () => {
    const findings: string[] = [];
    const officer = await phoneFor(accounts.officer);
    const page = await officer.newPage();
    await page.goto(`${app.url}/arenden`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-page-mina-arenden-vantar.png'), fullPage: true });
    findings.push(...(await seriousViolations(page)).map((v) => `/arenden (officer): ${v}`));
    if ((await scrollWidth(page)) > 320) findings.push(`/arenden (officer): wider than 320 px`);
    const take = page.getByRole('button', { name: `Ta ärendet ${caseRef}` });
    await take.focus();
    await Promise.all([page.waitForURL(/tagen=/), page.keyboard.press('Enter')]);
    expect(await page.textContent('p.notice')).toBe(`Du är nu handläggare för ${caseRef}.`);
    expect(await page.locator('#lista-h + p + table').textContent()).toContain(caseRef);
    await officer.close();

    const manager = await phoneFor(accounts.manager);
    const start = await manager.newPage();
    await start.goto(`${app.url}/`);
    expect(await start.textContent('#sen-h')).toBe('Försenade ärenden');
    expect(await start.locator('#sen-h + ul').textContent()).toContain('Försenad tillbyggnad');
    await start.screenshot({ path: path.join(ARTIFACTS, 'staff-page-start-chef.png'), fullPage: true });
    findings.push(...(await seriousViolations(start)).map((v) => `/ (manager): ${v}`));
    if ((await scrollWidth(start)) > 320) findings.push(`/ (manager): wider than 320 px`);
    await manager.close();
    expect(findings).toEqual([]);
  }, 120_000);

  it('gives each role its own menu, and refuses the sections it may not open', async () => {
    for (const role of Object.keys(menuOf) as Role[]) {
      const context = await phoneFor(accounts[role]);
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      const links = await page.$$eval('nav.main a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links, role).toEqual(menuOf[role]);
      for (const section of ALL_SECTIONS.filter((s) => !menuOf[role].includes(s))) {
        const res = await page.goto(`${app.url}${section}`);
        expect(res?.status(), `${role} ${section}`).toBe(403);
        expect(await page.textContent('h1'), `${role} ${section}`).toBe('Ingen behörighet');
      }
      await context.close();
    }
  }, 120_000);
});
