import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

const activeId = (page: Page) =>
  page.evaluate(() => ((globalThis as any).document.activeElement?.id as string | undefined) ?? '');

describe('case work in the staff app in a real browser', () => {
  let browser: Browser;
  let desktop: BrowserContext;
  const problems: string[] = [];

  // Friday 20 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk, boss },
    accounts: { olle },
  } = useTestApp({
    staff: true,
    now: '2026-11-20T09:00:00+01:00',
    users: { desk: 'registrar', boss: ['manager', 'bygglov'] },
    accounts: { olle: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] },
  });
  beforeAll(async () => {
    browser = await launchChromium();
    desktop = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'sv-SE' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const watch = (page: Page) => watchProblems(page, problems);

  /** Audits a page in a context that lets axe's script in, with the same session, at 320 px. */
  async function audit(url: string): Promise<{ violations: string[]; width: number }> {
    const ctx = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      await ctx.addCookies(await desktop.cookies());
      const page = await ctx.newPage();
      expect((await page.goto(url))?.status()).toBe(200);
      return { width: await scrollWidth(page), violations: await seriousViolations(page) };
    } finally {
      await ctx.close();
    }
  }

  it('logs in, opens the queue and a case, asks for a complement, resumes and decides, mostly with the keyboard', async () => {
    const late = await register(
      app,
      desk,
      companyCaseBody({ subject: 'Tillbyggnad av verkstad', receivedAt: '2026-11-10T09:00:00+01:00' }),
    );
    await send(app, desk, late.id, 'ROUTE', { unit: 'bygglov' });
    const c = await register(app, desk, companyCaseBody({ subject: 'Bygglov för ny lagerhall vid Östra hamnen' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, boss, c.id, 'ASSIGN', { assigneeId: olle.id });
    await send(app, boss, c.id, 'START');

    const page = watch(await desktop.newPage());
    await page.goto(`${app.url}/arenden`);
    expect(page.url()).toBe(`${app.url}/login?next=%2Farenden`);
    await page.focus('#email');
    await page.keyboard.type(olle.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(olle.password);
    await Promise.all([page.waitForURL(`${app.url}/arenden`), page.keyboard.press('Enter')]);

    // The queue: Olle's own case, then the unit's with the late one marked in words.
    expect(await page.textContent('h1')).toBe('Ärendekö');
    expect(await page.getAttribute('.queue-tabs a[aria-current=page]', 'href')).toBe('/arenden?vy=mina');
    await Promise.all([page.waitForURL(/vy=enhet/), page.click('.queue-tabs >> text=Min enhets ärenden')]);
    expect(await page.textContent('tr.row-late')).toContain('Försenat med 5 arbetsdagar');
    expect(await page.textContent('tr.row-late')).toContain('fredag 13 november 2026');
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-queue.png'), fullPage: true });
    const queueAudit = await audit(page.url());
    expect(queueAudit.violations).toEqual([]);
    expect(queueAudit.width).toBeLessThanOrEqual(320);

    // Into the case with the keyboard: focus its link and press Enter.
    await page.focus(`a[href="/arenden/${c.reference}"]`);
    await Promise.all([page.waitForURL(`${app.url}/arenden/${c.reference}`), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toContain('Bygglov för ny lagerhall vid Östra hamnen');
    expect(await page.textContent('.status-badge')).toBe('Under handläggning');

    await page.focus('#request-complement-message');
    await page.keyboard.type('Skicka en situationsplan i skala 1:500 och en fasadritning mot gatan.');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('request-complement-dueDate');
    await page.fill('#request-complement-dueDate', '2026-12-04');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/klart=request-complement$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.notice')).toContain('Kompletteringen är begärd.');
    expect(await page.textContent('.status-badge')).toBe('Väntar på komplettering');

    await page.focus('#complement-received-note');
    await page.keyboard.type('Ritningarna kom in med e-post.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/klart=complement-received$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.status-badge')).toBe('Under handläggning');
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-case.png'), fullPage: true });
    const caseAudit = await audit(page.url());
    expect(caseAudit.violations).toEqual([]);
    expect(caseAudit.width).toBeLessThanOrEqual(320);

    // A decision without reasoning comes back with the error summary linked to the field.
    await page.focus('#decide-outcome-0');
    await page.keyboard.press('Space');
    await Promise.all([page.waitForLoadState('load'), page.click('form:has(input[value=DECIDE]) button[type=submit]')]);
    expect(await page.textContent('#fel')).toContain('Motivering: Fyll i motivering.');
    expect(await page.textContent('#decide-reasoning-error')).toBe('Fyll i motivering.');
    expect(await page.isChecked('#decide-outcome-0')).toBe(true);
    expect(problems.splice(0)).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.focus('#fel a[href="#decide-reasoning"]');
    // Following the link is a same-page navigation the browser finishes after the key press.
    await Promise.all([page.waitForURL(/#decide-reasoning$/), page.keyboard.press('Enter')]);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('decide-reasoning');
    await page.fill('#decide-reasoning', 'Åtgärden följer detaljplanen och kraven på utformning.');
    await page.focus('form:has(input[value=DECIDE]) button[type=submit]');
    await Promise.all([page.waitForURL(/klart=decide$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.status-badge')).toBe('Beslut fattat');
    expect(await page.textContent('#beslut-h')).toBe('Beslut och besked');
    expect(await page.locator('ol.timeline > li').count()).toBe(7);
    expect(problems).toEqual([]);
  }, 90_000);
});
