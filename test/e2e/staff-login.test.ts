import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccount } from '../support/staff-web.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}` : '';
  });

describe('staff login in a real browser', () => {
  let browser: Browser;
  let phone: BrowserContext;
  const problems: string[] = [];

  const {
    app,
    accounts: { admin },
  } = useTestApp({ staff: true, accounts: { admin: ['admin', { name: 'Eva Ek' }] } });
  beforeAll(async () => {
    await staffAccount(app, 'officer', { unit: 'bygglov', name: 'Olle Berg' });
    await staffAccount(app, 'coordinator', { name: 'Sara Samordnare' });
    browser = await launchChromium();
    // The narrowest screen the pages promise to work on; the real CSP stays on.
    phone = await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, locale: 'sv-SE' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const watch = (page: Page) => watchProblems(page, problems);

  it('logs in with the keyboard alone, lands on the page asked for, and both pages pass the audit', async () => {
    const page = watch(await phone.newPage());
    const first = await page.goto(`${app.url}/admin/anvandare`);
    expect(first?.status()).toBe(200);
    expect(page.url()).toBe(`${app.url}/login?next=%2Fadmin%2Fanvandare`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toBe('Logga in');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-login.png'), fullPage: true });

    // The skip link comes first, then the form in reading order.
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('a.skip');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('input#email');
    // The focus is visible: the stylesheet's outline, not the browser's default.
    expect(await page.locator('#email').evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle)).toBe(
      'solid',
    );
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('input#password');
    await page.keyboard.type(admin.password);
    await Promise.all([page.waitForURL(`${app.url}/admin/anvandare`), page.keyboard.press('Enter')]);

    expect(await page.textContent('h1')).toBe('Användare');
    expect(await page.textContent('header.staff .name')).toBe('Eva Ek');
    expect(await page.textContent('header.staff .role')).toBe('Administratör');
    expect(await page.getAttribute('nav.main a[aria-current=page]', 'href')).toBe('/admin/anvandare');
    expect(await page.locator('ul.users > li').count()).toBe(3);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-user-admin.png'), fullPage: true });
    expect(problems).toEqual([]);

    const audit = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      const loginPage = await audit.newPage();
      await loginPage.goto(`${app.url}/login`);
      expect(await seriousViolations(loginPage)).toEqual([]);
      await audit.addCookies(await phone.cookies());
      const adminPage = await audit.newPage();
      expect((await adminPage.goto(`${app.url}/admin/anvandare`))?.status()).toBe(200);
      expect(await seriousViolations(adminPage)).toEqual([]);
    } finally {
      await audit.close();
    }
  }, 60_000);

  it('adds a user from the form, shows field errors first, and logs out from the header', async () => {
    const page = watch(await phone.newPage());
    await page.goto(`${app.url}/admin/anvandare`);
    await page.fill('#name', 'Åsa Öberg');
    await page.fill('#email', 'asa.oberg@kommun.example');
    await page.selectOption('#role', 'officer');
    await page.fill('#password', 'sommar i Norrköping 2026');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form[action="/admin/anvandare"] button[type=submit]'),
    ]);
    expect(await page.textContent('#unit-error')).toBe('Handläggare och chefer hör till en enhet.');
    expect(await page.inputValue('#name')).toBe('Åsa Öberg');
    // The refused form comes back as 400, which the browser reports; nothing else went wrong.
    expect(problems.splice(0)).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.selectOption('#unit', 'bygglov');
    await page.fill('#password', 'sommar i Norrköping 2026');
    await Promise.all([
      page.waitForURL(/klart=skapad$/),
      page.click('form[action="/admin/anvandare"] button[type=submit]'),
    ]);
    expect(await page.textContent('.notice')).toBe('Användaren har lagts till.');
    expect(await page.locator('ul.users > li').count()).toBe(4);

    await Promise.all([page.waitForURL(/\/login\?orsak=utloggad$/), page.click('header.staff button[type=submit]')]);
    expect(await page.textContent('.notice')).toBe('Du är utloggad.');
    expect(problems).toEqual([]);
  }, 60_000);
});
