import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { ARTIFACTS, launchChromium, scrollWidth, seriousViolations } from '../support/browser.js';
import { runJobNow } from '../support/jobs.js';
import { type StaffAccount } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

// A breach seen and handed on: the manager finds a late case in the unit's queue and asks for
// a dukat bord from the case page; the coordinator takes the request on the Dukat bord page.
// Each person sees only the steps their role may take. Time is the test app's clock; the
// breach is the real deadline job, run when the clock has passed the deadline.

describe('a breach escalated to the service group, in a real browser', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  // Friday 20 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk },
    accounts: { manager, officer, coordinator },
  } = useTestApp({
    staff: true,
    now: '2026-11-20T09:00:00+01:00',
    worker: true,
    users: { desk: 'registrar' },
    accounts: {
      manager: ['manager', { unit: 'bygglov', name: 'Maja Chef' }],
      officer: ['officer', { unit: 'bygglov', name: 'Olle Berg' }],
      coordinator: ['coordinator', { name: 'Sara Samordnare' }],
    },
  });
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  async function loggedIn(account: StaffAccount, target: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'sv-SE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}${target}`);
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    await Promise.all([page.waitForURL(`${app.url}${target}`), page.press('#password', 'Enter')]);
    return page;
  }

  /** The same page at 320 px with axe-core let in: no serious findings, no sideways scroll. */
  async function audit(page: Page): Promise<void> {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    try {
      await context.addCookies(await page.context().cookies());
      const narrow = await context.newPage();
      expect((await narrow.goto(page.url()))?.status()).toBe(200);
      expect(await seriousViolations(narrow), page.url()).toEqual([]);
      expect(await scrollWidth(narrow), page.url()).toBeLessThanOrEqual(320);
    } finally {
      await context.close();
    }
  }

  it('the manager sees the breach in the queue and asks for a dukat bord; the coordinator accepts it', async () => {
    const c = await register(app, desk, companyCaseBody({ subject: 'Bygglov för restaurang med uteservering' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    // Nobody takes the case: the first contact, due within three working days, is missed.
    const clock = await app.ctx.db('deadlines').where({ case_id: c.id, clock: 'first_contact' }).first();
    expect(clock.due_date).toBe('2026-11-25');
    app.clock.set('2026-11-26T08:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${clock.id}-v${clock.version}-due`)).toEqual({ result: 'breached' });

    const boss = await loggedIn(manager, '/arenden?vy=enhet&frist=forsenade');
    const late = boss.locator('tr.row-late', { hasText: c.reference });
    expect(await late.count()).toBe(1);
    expect(await late.textContent()).toContain('onsdag 25 november 2026');
    await Promise.all([
      boss.waitForURL(`${app.url}/arenden/${c.reference}`),
      boss.click(`a[href="/arenden/${c.reference}"]`),
    ]);
    await boss.screenshot({ path: path.join(ARTIFACTS, 'staff-journey-breach.png'), fullPage: true });
    await audit(boss);

    // An empty reason comes back with the error beside the field; then the request goes.
    await Promise.all([boss.waitForLoadState(), boss.click('.escalate-form button[type=submit]')]);
    expect(await boss.textContent('#escalation-reason-error')).toContain('Fyll i skälet');
    await boss.fill(
      '#escalation-reason',
      'Första kontakten är missad och restaurangen behöver besked från flera enheter.',
    );
    await Promise.all([boss.waitForURL(/klart=eskalerad$/), boss.click('.escalate-form button[type=submit]')]);
    expect(await boss.textContent('.notice')).toContain('Begäran om ett dukat bord är skickad till servicegruppen.');
    const escalation = await app.ctx.db('escalation_cases').where({ case_id: c.id }).first();
    expect(escalation).toBeTruthy();

    // The manager may ask for a table, not run one.
    await boss.goto(`${app.url}/dukat-bord/${escalation.escalation_id}`);
    expect(await boss.locator('#steg-accept').count()).toBe(0);
    const refused = await boss
      .context()
      .request.post(`${app.url}/dukat-bord/${escalation.escalation_id}/handelser`, { form: { type: 'ACCEPT' } });
    expect(refused.status()).toBe(403);

    const sara = await loggedIn(coordinator, '/dukat-bord');
    expect(await sara.textContent('main')).toContain(c.reference);
    await Promise.all([
      sara.waitForURL(`${app.url}/dukat-bord/${escalation.escalation_id}`),
      sara.click(`a[href="/dukat-bord/${escalation.escalation_id}"]`),
    ]);
    await Promise.all([sara.waitForURL(/klart=sparat$/), sara.click('#steg-accept button[type=submit]')]);
    const accepted = await app.ctx.db('escalations').where({ id: escalation.escalation_id }).first();
    expect(accepted.status).toBe('composing');
    await sara.screenshot({ path: path.join(ARTIFACTS, 'staff-journey-accepted.png'), fullPage: true });
    await audit(sara);

    // The coordinator works tables, not cases: the case page has no lifecycle forms for her.
    await sara.goto(`${app.url}/arenden/${c.reference}`);
    expect(await sara.locator('main form[action$="/handelser"]').count()).toBe(0);
    // The officer of the unit gets the case's own steps.
    const olle = await loggedIn(officer, `/arenden/${c.reference}`);
    expect(await olle.locator('main form[action$="/handelser"]').count()).toBeGreaterThan(0);
  }, 120_000);
});
