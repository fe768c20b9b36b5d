import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register } from '../support/fixtures.js';
import { type StaffAccount } from '../support/staff-web.js';
import {
  insertAnswers,
  insertCase,
  insertDeadline,
  insertEvent,
  insertVisit,
} from '../integration/reports-fixtures.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

describe('Rapporter and Administration in a real browser', () => {
  let browser: Browser;
  const problems: string[] = [];

  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { api },
    accounts: { maja, eva },
  } = useTestApp({
    staff: true,
    now: '2026-11-23T09:00:00+01:00',
    users: { api: 'admin' },
    accounts: { maja: ['manager', { unit: 'bygglov', name: 'Maja Chef' }], eva: ['admin', { name: 'Eva Ek' }] },
  });
  beforeAll(async () => {
    // A year of figures to draw: guarantees kept, late and broken; decisions; complaints; answers; visits.
    const started = '2026-01-05T09:00:00.000Z';
    for (const [category, met, late, breached] of [
      ['bygglov', 14, 4, 2],
      ['livsmedel', 9, 1, 0],
      ['serveringstillstand', 5, 2, 1],
    ] as const) {
      for (let i = 0; i < met + late + breached; i++) {
        const id = await insertCase(app, api.id, { category, receivedAt: started });
        const at = `2026-${String((i % 10) + 1).padStart(2, '0')}-15T10:00:00.000Z`;
        if (i < met) await insertDeadline(app, id, { clock: 'decision', state: 'met', startedAt: started, metAt: at });
        else if (i < met + late)
          await insertDeadline(app, id, {
            clock: 'decision',
            state: 'met_late',
            startedAt: started,
            breachedAt: at,
            metAt: at,
          });
        else
          await insertDeadline(app, id, { clock: 'decision', state: 'breached', startedAt: started, breachedAt: at });
        await insertEvent(app, id, 'REGISTERED', started);
        await insertEvent(
          app,
          id,
          'DECIDE',
          `2026-${String((i % 10) + 2).padStart(2, '0')}-0${(i % 8) + 1}T10:00:00.000Z`,
        );
      }
    }
    for (const [concerns, answeredAt] of [
      [['treatment'], '2026-03-06T08:00:00.000Z'],
      [['treatment', 'efficiency'], null],
      [['information'], '2026-05-04T08:00:00.000Z'],
    ] as const) {
      const id = await insertCase(app, api.id, {
        kind: 'complaint',
        category: 'klagomal',
        unit: 'bygglov',
        concerns: [...concerns],
        receivedAt: '2026-03-02T08:00:00.000Z',
      });
      if (answeredAt) await insertEvent(app, id, 'ANSWER', answeredAt);
      await insertDeadline(app, id, {
        clock: 'complaint_answer',
        state: answeredAt ? 'met' : 'running',
        startedAt: '2026-03-02T08:00:00.000Z',
        ...(answeredAt ? { metAt: answeredAt } : {}),
      });
    }
    await insertAnswers(app, 12, { area: 'bygglov', closedMonth: '2026-04', nki: [8, 7, 7] });
    await insertAnswers(app, 8, { area: 'livsmedel', closedMonth: '2026-06', nki: [9, 8, 8] });
    await insertAnswers(app, 4, { area: 'serveringstillstand', closedMonth: '2026-06', nki: [6, 6, 5] });
    for (const day of [
      '2026-01-20',
      '2026-02-11',
      '2026-03-05',
      '2026-03-19',
      '2026-05-07',
      '2026-06-02',
      '2026-09-15',
      '2026-10-01',
      '2026-11-03',
    ])
      await insertVisit(app, api.id, day);

    // A failed receipt and a closing day for the administration's pages.
    const c = await register(app, await app.user('registrar'), companyCaseBody());
    await app.ctx
      .db('notifications')
      .where({ case_id: c.id, template: 'receipt' })
      .update({ status: 'failed', attempts: 12, last_error: '550 5.1.1 mailbox unavailable' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const watch = (page: Page) => watchProblems(page, problems);

  /** A phone at 320 px with the real policy on, logged in through the login page it is sent to. */
  async function login(account: StaffAccount, target: string): Promise<{ page: Page; phone: BrowserContext }> {
    const phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      locale: 'sv-SE',
    });
    const page = watch(await phone.newPage());
    await page.goto(`${app.url}${target}`);
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    await Promise.all([page.waitForURL(`${app.url}${target}`), page.press('#password', 'Enter')]);
    return { page, phone };
  }

  /** The page at a desktop width for its screenshot, then axe-core at 320 px (axe needs its script, so CSP is bypassed there only). */
  async function screenshotAndAudit(phone: BrowserContext, target: string, file: string) {
    const desk = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'sv-SE' });
    const auditing = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      await desk.addCookies(await phone.cookies());
      const wide = watch(await desk.newPage());
      expect((await wide.goto(`${app.url}${target}`))?.status(), target).toBe(200);
      await wide.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
      await auditing.addCookies(await phone.cookies());
      const page = await auditing.newPage();
      expect((await page.goto(`${app.url}${target}`))?.status(), target).toBe(200);
      expect(await seriousViolations(page), target).toEqual([]);
    } finally {
      await desk.close();
      await auditing.close();
    }
  }

  it('shows a manager the charts, the figures behind them and the files, at 320 px without sideways scrolling', async () => {
    const { page, phone } = await login(maja, '/rapporter');
    expect(await page.textContent('h1')).toBe('Rapporter');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    // Five charts, each an image named by its title and described by its figures.
    const charts = page.locator('svg.chart[role=img]');
    expect(await charts.count()).toBe(5);
    expect(await page.locator('#chart-nki-title').textContent()).toBe('Ungefärligt NKI per område');
    expect(await page.locator('#chart-nki-desc').textContent()).toContain(
      'Serveringstillstånd: 4 svar. Färre än 7 svar: inget resultat visas.',
    );
    // On a phone a chart keeps a readable size and scrolls in its own box; the page does not.
    expect((await charts.first().boundingBox())!.width).toBeGreaterThanOrEqual(480);
    expect((await page.locator('#rapport-guarantees .chart-figure').boundingBox())!.width).toBeLessThanOrEqual(320);

    // The table opens from its summary with the keyboard and scrolls in its own box.
    await page.focus('#rapport-guarantees details summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('#rapport-guarantees details').getAttribute('open')).toBe('');
    expect(await page.locator('#rapport-guarantees table').isVisible()).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-reports-320.png'), fullPage: true });

    // A period the schema refuses: the error sits by its field, and nothing is drawn.
    await page.fill('#from', '2026-10');
    await page.fill('#to', '2026-02');
    await Promise.all([page.waitForLoadState('load'), page.click('form.period-form button[type=submit]')]);
    expect(await page.textContent('#to-error')).toBe('Slutmånaden får inte ligga före startmånaden.');
    expect(await page.locator('svg.chart').count()).toBe(0);
    expect(problems.splice(0)).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);

    // The file downloads with the session.
    await page.goto(`${app.url}/rapporter`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rapport-nki a.button')]);
    expect(download.suggestedFilename()).toBe('nki-2026-01–2026-11.csv');

    await screenshotAndAudit(phone, '/rapporter', 'staff-reports.png');
    expect(problems).toEqual([]);
    await phone.close();
  }, 60_000);

  it('lets an admin edit a guarantee, add a closing day and send a failed e-mail again, at 320 px', async () => {
    const { page, phone } = await login(eva, '/admin/garantier');
    expect(await page.textContent('h1')).toBe('Servicegarantier');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    expect(await page.getAttribute('nav.sub a[aria-current=page]', 'href')).toBe('/admin/garantier');
    await Promise.all([
      page.waitForURL(/\/admin\/garantier\/bygglov-first-contact$/),
      page.click('a[href="/admin/garantier/bygglov-first-contact"]'),
    ]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.fill('#lengthValue', '2');
    await Promise.all([
      page.waitForURL(/klart=bygglov-first-contact$/),
      page.click('form[action="/admin/garantier/bygglov-first-contact"] button[type=submit]'),
    ]);
    expect(await page.textContent('.notice')).toContain('är sparad som version 2');
    await screenshotAndAudit(phone, '/admin/garantier', 'staff-admin-guarantees.png');
    await screenshotAndAudit(phone, '/admin/garantier/bygglov-first-contact', 'staff-admin-guarantee-edit.png');

    await page.goto(`${app.url}/admin/stangda-dagar`);
    await page.fill('#date', '2026-12-28');
    await page.fill('#name', 'Klämdag mellan jul och nyår');
    await Promise.all([
      page.waitForURL(/klart=tillagd-2026-12-28$/),
      page.click('form[action="/admin/stangda-dagar"] button[type=submit]'),
    ]);
    expect(await page.textContent('.notice')).toBe('måndag 28 december 2026 är tillagd som stängd dag.');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await screenshotAndAudit(phone, '/admin/stangda-dagar', 'staff-admin-closing-days.png');

    await page.goto(`${app.url}/admin/e-post`);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await screenshotAndAudit(phone, '/admin/e-post', 'staff-admin-mail.png');
    await Promise.all([
      page.waitForURL(/klart=skickas$/),
      page.click('form[action$="/skicka-igen"] button[type=submit]'),
    ]);
    expect(await page.textContent('.notice')).toBe('Meddelandet skickas igen.');
    expect(await page.textContent('main')).toContain('Inga meddelanden har misslyckats.');

    // The job queues open with the same session.
    const board = await page.goto(`${app.url}/admin/queues`);
    expect(board?.status()).toBe(200);
    problems.splice(0);
    await phone.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
