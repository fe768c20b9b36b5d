import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAccount } from '../support/staff-web.js';
import { companyCaseBody, complaintBody, register } from '../support/fixtures.js';
import { contextOf, findEscalation } from '../../src/infra/db/escalation-repository.js';
import { findCase } from '../../src/infra/db/case-repository.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

/** The focused element as tag#id[value], to follow the keyboard through the form. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : '';
  });

describe('Registrera ärende, Klagomål and Dukat bord in a real browser', () => {
  let browser: Browser;
  const problems: string[] = [];

  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { deskApi },
    accounts: { desk, sara, bo },
  } = useTestApp({
    staff: true,
    now: '2026-11-23T09:00:00+01:00',
    users: { deskApi: 'registrar' },
    accounts: {
      desk: ['registrar', { name: 'Disa Disk' }],
      sara: ['coordinator', { name: 'Sara Samordnare' }],
      bo: ['officer', { unit: 'bygglov', name: 'Bo Bygg' }],
    },
  });
  beforeAll(async () => {
    const coordinatorApi = await app.user('coordinator');
    expect(
      (
        await app.request('PUT', `/api/service-group/units/bygglov/members/${bo.id}`, {
          token: coordinatorApi.token,
          body: { title: 'Bygglovshandläggare' },
        })
      ).status,
    ).toBe(200);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const watch = (page: Page) => watchProblems(page, problems);

  /**
   * A phone of its own (the narrowest screen the pages promise to work on, the real CSP on),
   * logged in with the keyboard on the login page the app sends it to.
   */
  async function login(account: StaffAccount, target: string): Promise<{ page: Page; phone: BrowserContext }> {
    const phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      locale: 'sv-SE',
    });
    const page = watch(await phone.newPage());
    await page.goto(`${app.url}${target}`);
    // The skip link comes first, then the e-mail field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input#email');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.password);
    await Promise.all([page.waitForURL(`${app.url}${target}`), page.keyboard.press('Enter')]);
    return { page, phone };
  }

  async function audit(context: BrowserContext, paths: string[]) {
    const auditing = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      await auditing.addCookies(await context.cookies());
      for (const p of paths) {
        const page = await auditing.newPage();
        expect((await page.goto(`${app.url}${p}`))?.status(), p).toBe(200);
        expect(await seriousViolations(page), p).toEqual([]);
      }
    } finally {
      await auditing.close();
    }
  }

  it('the desk registers a case for a known company with the keyboard alone and lands on the case', async () => {
    await register(app, deskApi, companyCaseBody({ company: { orgNumber: '5560360793', name: 'Saab AB' } }));
    const { page, phone } = await login(desk, '/arenden/ny');
    expect(await page.textContent('h1')).toBe('Registrera ärende');
    expect(await focused(page)).toBe('input#foretag');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);

    await page.keyboard.type('556036-0793');
    await Promise.all([page.waitForURL(/\?foretag=556036-0793$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('[role=status]')).toBe('Ett företag hittades.');
    const company = await page.getAttribute('input[name=companyChoice]:checked', 'id');
    expect(await focused(page)).toBe(`input#${company}`);
    // The focus is visible: the stylesheet's outline.
    expect(
      await page.locator(`#${company}`).evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle),
    ).toBe('solid');

    const tab = async (expected: string) => {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(expected);
    };
    await tab('input#orgNumber');
    await tab('input#companyName');
    await tab('input#contactName');
    await page.keyboard.type('Anna Svensson');
    await tab('input#contactEmail');
    await page.keyboard.type('anna@example.se');
    await tab('input#contactPhone');
    await page.keyboard.type('070-123 45 67');
    await tab('input#surveyConsent-ja');
    await tab('input#category-bygglov');
    // Arrow keys move within the category group; the third is Förhandsbesked.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('input#category-forhandsbesked');
    await page.keyboard.press('Space');
    // The folded choices for some matters only: more categories, more units.
    await tab('summary#moreCategories-toggle');
    await tab('summary#involvedUnits-toggle');
    await tab('input#channel-phone');
    await tab('input#receivedDate');
    // A date and a time field take a Tab for each of their parts (day, month, year; hour, minute).
    while ((await focused(page)) === 'input#receivedDate') await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input#receivedTime');
    while ((await focused(page)) === 'input#receivedTime') await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input#subject');
    await page.keyboard.type('Förhandsbesked för lagerhall vid Östra hamnen');
    await tab('textarea#description');
    await page.keyboard.type('Företaget vill veta om en lagerhall på 2 000 kvm kan byggas på fastigheten.');
    await tab('input#next-route');
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-register.png'), fullPage: true });
    // Enter in a text field submits the form the field belongs to.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('input#subject');
    await Promise.all([page.waitForURL(/\/arenden\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);

    const id = /\/arenden\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const row = (await findCase(app.ctx.db, id))!;
    expect(row).toMatchObject({
      category: 'forhandsbesked',
      channel: 'phone',
      status: 'routed',
      unit: 'bygglov',
      subject: 'Förhandsbesked för lagerhall vid Östra hamnen',
    });
    expect(await page.textContent('h1')).toContain(row.reference);
    expect(problems).toEqual([]);
    await audit(phone, ['/arenden/ny', '/arenden/ny?foretag=saab']);
  }, 90_000);

  it('shows the complaints with their deadlines and the complaint form, at 320 px and without serious accessibility problems', async () => {
    await register(app, deskApi, complaintBody({ subject: 'Långsam handläggning', concerns: ['efficiency'] }));
    const { page, phone } = await login(desk, '/klagomal');
    expect(await page.textContent('h1')).toBe('Klagomål');
    expect(await page.textContent('table caption')).toBe('Klagomål med svarstider, nyast först');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.textContent('tbody')).toContain('Svara senast');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-complaints.png'), fullPage: true });
    expect(problems).toEqual([]);
    await audit(phone, ['/klagomal', '/klagomal/ny']);
  }, 90_000);

  it('the coordinator books a table in Swedish time from the table’s page', async () => {
    const company = { orgNumber: '556677-8899', name: 'Krogen Gyllene Gåsen AB' };
    const c = await register(
      app,
      deskApi,
      companyCaseBody({ category: 'serveringstillstand', subject: 'Serveringstillstånd för restaurang', company }),
    );
    const requested = await app.request('POST', '/api/escalations', {
      token: deskApi.token,
      body: { caseId: c.id, reason: 'Flera enheter ställer krav på samma lokal.' },
    });
    expect(requested.status).toBe(201);
    const id = requested.body.id as string;

    const { page, phone } = await login(sara, '/dukat-bord');
    expect(await page.textContent('h1')).toBe('Dukat bord');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-service-group.png'), fullPage: true });
    await Promise.all([page.waitForURL(`${app.url}/dukat-bord/${id}`), page.click(`a[href="/dukat-bord/${id}"]`)]);

    await Promise.all([page.waitForURL(/klart=sparat$/), page.click('#steg-accept button[type=submit]')]);
    await page.check(`#set-participants-participants-${bo.id}`);
    await Promise.all([page.waitForURL(/klart=sparat$/), page.click('#steg-set-participants button[type=submit]')]);
    await page.fill('#schedule-date', '2026-11-27');
    await page.fill('#schedule-start', '10:00');
    await page.fill('#schedule-end', '11:30');
    await page.fill('#schedule-location', 'Rådhuset, sal 3');
    await Promise.all([page.waitForURL(/klart=sparat$/), page.click('#steg-schedule button[type=submit]')]);

    expect(await page.textContent('.notice')).toBe('Steget är sparat.');
    expect(await page.textContent('dl.facts')).toContain('fredag 27 november 2026 kl. 10.00–11.30, Rådhuset, sal 3');
    expect(contextOf((await findEscalation(app.ctx.db, id))!).meeting).toMatchObject({
      startsAt: '2026-11-27T09:00:00.000Z',
      endsAt: '2026-11-27T10:30:00.000Z',
    });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-service-group-table.png'), fullPage: true });
    expect(problems).toEqual([]);
    await audit(phone, ['/dukat-bord', `/dukat-bord/${id}`]);
  }, 90_000);
});
