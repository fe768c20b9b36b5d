import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { pathOf, pdf, trackingUrl } from '../integration/tracking-fixtures.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

describe('the tracking page in a real browser', () => {
  let browser: Browser;
  let phone: BrowserContext;
  const problems: string[] = [];

  const {
    app,
    users: { desk, officer },
  } = useTestApp({
    now: '2026-11-24T10:00:00+01:00',
    users: { desk: 'registrar', officer: ['officer', 'bygglov', 'Olle Berg'] },
  });
  beforeAll(async () => {
    browser = await launchChromium();
    // The narrowest phone the page promises to work on; the real CSP stays on.
    phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'sv-SE',
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = watchProblems(await context.newPage(), problems);
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    return page;
  }

  async function waitingCase() {
    const c = await register(app, desk, companyCaseBody({ subject: 'Bygglov för ny lagerhall vid Östra hamnen' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    await send(app, officer, c.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka en situationsplan i skala 1:500 och en fasadritning mot gatan.',
      dueDate: '2026-12-04',
    });
    return { c, url: `${app.url}${pathOf(await trackingUrl(app, desk, c.id))}` };
  }

  it('renders at 320 px under its strict policy, is screenshotted, and has no serious accessibility problem', async () => {
    const { c, url } = await waitingCase();
    const page = await open(phone, url);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toBe(`Ärende ${c.reference}`);
    expect(await page.textContent('.your-part')).toContain('senast fredag 4 december 2026');
    // The served stylesheet applied (no inline style is allowed), and nothing scrolls sideways.
    expect(
      await page.locator('header.site').evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor),
    ).toBe('rgb(31, 58, 95)');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tracking-page.png'), fullPage: true });
    expect(problems).toEqual([]);

    const audit = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      expect(await seriousViolations(await open(audit, url))).toEqual([]);
      expect(await seriousViolations(await open(audit, `${url}/complaint`))).toEqual([]);
    } finally {
      await audit.close();
    }
  }, 60_000);

  it('sends a complement with a file from the form and shows the case back in progress', async () => {
    const { url } = await waitingCase();
    const page = await open(phone, url);
    await page.fill('#message', 'Här är situationsplanen.');
    await page.setInputFiles('#files', {
      name: 'Situationsplan Östra hamnen.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(),
    });
    await Promise.all([page.waitForURL(/\?skickat=komplettering$/), page.click('button[type=submit]')]);
    expect(await page.textContent('.notice')).toContain('Tack! Vi har tagit emot din komplettering.');
    expect(await page.textContent('.status')).toBe('Ditt ärende handläggs');
    expect(await page.locator('form').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('files a complaint from the form and lands on the complaint’s own page', async () => {
    const { c, url } = await waitingCase();
    const page = await open(phone, url);
    await Promise.all([page.waitForURL(/\/complaint$/), page.click('text=Lämna ett klagomål')]);
    await page.check('input[value=efficiency]');
    await page.fill('#description', 'Jag har väntat länge på svar.');
    await Promise.all([page.waitForURL(/\?skickat=klagomal$/), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toMatch(/^Klagomål HS-2026-\d{6}$/);
    expect(await page.textContent('.meta')).toContain(`Gäller ärende ${c.reference}`);
    expect(await page.textContent('.notice')).toContain('Spara adressen till den här sidan');
    await page.screenshot({ path: path.join(ARTIFACTS, 'tracking-page-complaint.png'), fullPage: true });
    const audit = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      expect(await seriousViolations(await open(audit, page.url()))).toEqual([]);
    } finally {
      await audit.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);
  it('says a passed promise is late, and shows the answer of a case resolved at the desk, at 320 px', async () => {
    // A letter from Tuesday 17 November registered Tuesday 24 November: the first contact was
    // promised by Friday 20 November, two working days ago.
    const late = await register(
      app,
      desk,
      companyCaseBody({ channel: 'letter', receivedAt: '2026-11-17T09:00:00+01:00', subject: 'Brev om bygglov' }),
    );
    const latePage = await open(phone, `${app.url}${pathOf(await trackingUrl(app, desk, late.id))}`);
    const first = latePage.locator('li', { hasText: 'Du får veta vem som handlägger ditt ärende' });
    expect(await first.locator('.g-due .late').textContent()).toBe(
      'Skulle ha varit klart fredag 20 november 2026; vi är 2 arbetsdagar sena',
    );
    expect(await latePage.locator('body').textContent()).not.toContain('Senast fredag 20 november 2026');
    expect(await scrollWidth(latePage)).toBeLessThanOrEqual(320);
    await latePage.screenshot({ path: path.join(ARTIFACTS, 'tracking-page-late.png'), fullPage: true });

    const resolved = await register(app, desk, companyCaseBody({ subject: 'Fråga om skylt' }));
    await send(app, desk, resolved.id, 'RESOLVE_AT_FIRST_CONTACT', {
      resolution: 'En skylt under en kvadratmeter behöver inget bygglov.',
    });
    const page = await open(phone, `${app.url}${pathOf(await trackingUrl(app, desk, resolved.id))}`);
    expect(await page.locator('section[aria-labelledby="r-h"] h2').textContent()).toBe('Svaret du fick');
    expect(await page.locator('section[aria-labelledby="r-h"]').textContent()).toContain(
      'En skylt under en kvadratmeter behöver inget bygglov.',
    );
    expect(await page.locator('section[aria-labelledby="r-h"]').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tracking-page-resolved.png'), fullPage: true });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    expect(problems).toEqual([]);

    // The icon browsers ask for at /favicon.ico decodes as a 32×32 image.
    const blank = await phone.newPage();
    const width = await blank.evaluate(async (src) => {
      const img = new (globalThis as any).Image();
      img.src = src;
      await img.decode();
      return img.naturalWidth as number;
    }, `${app.url}/favicon.ico`);
    expect(width).toBe(32);
  });
});
