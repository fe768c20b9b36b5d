import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, scrollWidth, watchProblems } from '../support/browser.js';
import { useTestApp } from '../support/use-test-app.js';

// A refused form answers 400 by design, which the console reports; anything else is a problem.
const unexpected = (problems: string[]) =>
  problems.filter((p) => !p.includes('the server responded with a status of 400'));

/** The links of the error summary, top to bottom. */
const summaryTargets = (page: Page) =>
  page
    .locator('.error-summary a')
    .evaluateAll((links) =>
      links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
    );

describe('Registrera ärende in a real browser: every error at once, several categories, long text kept', () => {
  let browser: Browser;
  const problems: string[] = [];

  // Friday 4 December 2026, 10:00 in Stockholm.
  const {
    app,
    accounts: { desk },
  } = useTestApp({
    staff: true,
    now: '2026-12-04T10:00:00+01:00',
    accounts: { desk: ['registrar', { name: 'Disa Disk' }] },
  });
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function deskPage(width = 320): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 720 }, locale: 'sv-SE' });
    const page = watchProblems(await context.newPage(), problems);
    await page.goto(`${app.url}/arenden/ny`);
    await page.fill('#email', desk.email);
    await page.fill('#password', desk.password);
    await Promise.all([page.waitForURL(`${app.url}/arenden/ny`), page.click('button[type=submit]')]);
    return page;
  }

  const fillCompany = async (page: Page, orgNumber: string, email: string) => {
    await page.fill('#orgNumber', orgNumber);
    await page.fill('#companyName', 'Krogen Hörnet AB');
    await page.fill('#contactName', 'Greta Gås');
    await page.fill('#contactEmail', email);
  };
  const submit = (page: Page) =>
    Promise.all([
      page.waitForLoadState('load'),
      page.click('form[method=post][action="/arenden/ny"] button[type=submit]'),
    ]);

  it('shows a wrong organisation number and a bad e-mail address together, the summary in field order, the cursor on the first', async () => {
    const page = await deskPage();
    await fillCompany(page, '556036-0794', 'greta(at)hornet');
    await page.check('#category-bygglov');
    await page.fill('#receivedDate', '2026-12-09');
    await submit(page);
    expect(await page.textContent('.error-summary h2')).toBe('Ärendet kunde inte registreras');
    expect(await summaryTargets(page)).toEqual(['#orgNumber', '#contactEmail', '#receivedDate', '#description']);
    expect(await page.textContent('#orgNumber-error')).toBe('Ogiltigt organisationsnummer eller personnummer.');
    expect(await page.textContent('#contactEmail-error')).toBe(
      'Ange en giltig e-postadress, till exempel namn@foretag.se.',
    );
    expect(await page.textContent('#receivedDate-error')).toBe('Ankomsttiden kan inte ligga i framtiden.');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('orgNumber');
    // What was typed is all still there.
    expect(await page.inputValue('#contactEmail')).toBe('greta(at)hornet');
    expect(await page.inputValue('#receivedDate')).toBe('2026-12-09');
    expect(await page.isChecked('#category-bygglov')).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.locator('.error-summary').screenshot({ path: path.join(ARTIFACTS, 'staff-register-errors.png') });
    // The summary's link takes the keyboard to the field.
    await page.click('.error-summary a[href="#contactEmail"]');
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.id === 'contactEmail');
    expect(unexpected(problems)).toEqual([]);
  }, 60_000);

  it('keeps a description over the limit in the form with its limit and length, and saves it once shortened', async () => {
    const page = await deskPage(1024);
    await fillCompany(page, '556677-8899', 'greta@hornet.example');
    await page.check('#category-livsmedel');
    const long = `Ny restaurang i posthuset. ${'Kök och servering. '.repeat(1400)}`.trim();
    await page.fill('#description', long);
    await submit(page);
    expect(await page.textContent('#description-error')).toBe(
      `Högst 20 000 tecken; texten är ${long.length.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} tecken.`,
    );
    expect(await page.inputValue('#description')).toBe(long);
    await page.fill('#description', long.slice(0, 19_000));
    await Promise.all([
      page.waitForURL(/\/arenden\/[0-9a-f-]{36}$/),
      page.click('form[method=post][action="/arenden/ny"] button[type=submit]'),
    ]);
    const row = await app.ctx
      .db('cases')
      .where({ id: page.url().split('/').pop() })
      .first('description');
    expect(row.description).toBe(long.slice(0, 19_000).trim());
    expect(unexpected(problems)).toEqual([]);
  }, 60_000);

  it('registers a restaurant under three categories in one submit, linked at one proposed table', async () => {
    const page = await deskPage();
    await fillCompany(page, '556677-8899', 'greta@hornet.example');
    await page.check('#category-serveringstillstand');
    expect(await page.isVisible('#moreCategories-livsmedel')).toBe(false);
    await page.click('#moreCategories-toggle');
    await page.check('#moreCategories-livsmedel');
    await page.check('#moreCategories-bygglov');
    await page.click('#involvedUnits-toggle');
    await page.check('#involvedUnits-raddningstjanst');
    await page.fill('#receivedDate', '2026-12-02');
    await page.fill('#receivedTime', '14:15');
    await page.fill('#description', 'Restaurang i gamla posthuset\nServering, kök och ny entré mot torget.');
    await page
      .locator('details.more')
      .first()
      .screenshot({ path: path.join(ARTIFACTS, 'staff-register-categories.png') });
    await page
      .locator('details.more')
      .nth(1)
      .screenshot({ path: path.join(ARTIFACTS, 'staff-register-units.png') });
    await Promise.all([
      page.waitForURL(/\/dukat-bord\/[0-9a-f-]{36}\?klart=registrerade$/),
      page.click('form[method=post][action="/arenden/ny"] button[type=submit]'),
    ]);
    expect(await page.textContent('.notice')).toBe(
      'Ärendena är registrerade, ett för varje kategori, och föreslagna för ett gemensamt dukat bord.',
    );
    const tableId = /\/dukat-bord\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const cases = await app.ctx
      .db('escalation_cases as ec')
      .join('cases as c', 'c.id', 'ec.case_id')
      .where('ec.escalation_id', tableId)
      .orderBy('c.reference')
      .select('c.reference', 'c.category', 'c.unit', 'c.received_at', 'c.involved_units');
    expect(cases.map((c: { category: string; unit: string }) => [c.category, c.unit])).toEqual([
      ['serveringstillstand', 'serveringstillstand'],
      ['bygglov', 'bygglov'],
      ['livsmedel', 'livsmedel'],
    ]);
    expect(new Set(cases.map((c: { received_at: string }) => c.received_at))).toEqual(
      new Set(['2026-12-02T13:15:00.000Z']),
    );
    // The table's page names every case registered together.
    const text = (await page.textContent('main'))!;
    for (const c of cases as { reference: string }[]) expect(text).toContain(c.reference);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    expect(unexpected(problems)).toEqual([]);
  }, 60_000);
});
