import { Worker } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register } from '../support/fixtures.js';
import { StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

// The test clock stands at Friday 20 November 2026, 09.00 in Stockholm.

const firstContactDue = (c: { deadlines: { clock: string; dueDate: string | null }[] }) =>
  c.deadlines.find((d) => d.clock === 'first_contact')?.dueDate;

describe('Administration: guarantees, closing days, failed e-mail and the job queues', () => {
  let browser: StaffBrowser;
  let officerBrowser: StaffBrowser;

  const {
    app,
    users: { api, desk },
    accounts: { admin, officer },
  } = useTestApp({
    staff: true,
    users: { api: 'admin', desk: 'registrar' },
    accounts: { admin: ['admin', { name: 'Eva Ek' }], officer: ['officer', { unit: 'bygglov' }] },
  });
  beforeAll(async () => {
    browser = new StaffBrowser(app);
    expect((await browser.login(admin.email, admin.password)).status).toBe(303);
    officerBrowser = new StaffBrowser(app);
    expect((await officerBrowser.login(officer.email, officer.password)).status).toBe(303);
  });

  it('shows the sub-navigation and an overview of the administration', async () => {
    const res = await browser.get('/admin');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<nav class="sub" aria-label="Administration">');
    for (const href of [
      '/admin/anvandare',
      '/admin/garantier',
      '/admin/stangda-dagar',
      '/admin/e-post',
      '/admin/queues',
    ])
      expect(res.text).toContain(`href="${href}"`);
    expect(res.text).toContain('<a href="/admin/anvandare" aria-current="page">Administration</a>');
    expect(res.text).toContain('<link rel="stylesheet" href="/assets/staff-admin.css">');
  });

  it('lists the guarantee catalogue and saves a new version of one through the API’s use case', async () => {
    const list = await browser.get('/admin/garantier');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<h3>Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar</h3>');
    expect(list.text).toContain('href="/admin/garantier/bygglov-first-contact"');
    expect(list.text).toContain('Tid: 3 arbetsdagar. Påminnelser: 1 arbetsdag före.');

    const edit = await browser.get('/admin/garantier/bygglov-first-contact');
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('id="lengthValue" name="lengthValue" type="text" inputmode="decimal" value="3"');
    expect(edit.text).toContain('<option value="working_days" selected>arbetsdagar före tidsfristen</option>');
    // The promise as the company reads it is on the same form as the length it names.
    expect(edit.text).toContain(
      'id="label" name="label" type="text" value="Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar"',
    );

    const noPromise = await browser.post('/admin/garantier/bygglov-first-contact', {
      label: '  ',
      lengthValue: 'tre',
      lengthUnit: 'working_days',
      active: 'ja',
    });
    expect(noPromise.status).toBe(400);
    const summary = [...noPromise.text.matchAll(/<li><a href="#([A-Za-z0-9]+)">/g)].map((m) => m[1]);
    expect(summary).toEqual(['label', 'lengthValue']);

    // A reminder's number that is negative or missing is told in words of its kind, not "Värdet är inte giltigt".
    const badReminders = await browser.post('/admin/garantier/bygglov-first-contact', {
      lengthValue: '3',
      lengthUnit: 'working_days',
      warning0Kind: 'working_days',
      warning0Value: '-3',
      warning1Kind: 'hours',
      warning1Value: '',
      active: 'ja',
    });
    expect(badReminders.status).toBe(400);
    expect(badReminders.text).toContain(
      '<p class="field-error" id="warning0Value-error">Ange antalet arbetsdagar före tidsfristen som ett tal större än noll, till exempel 2.</p>',
    );
    expect(badReminders.text).toContain(
      '<p class="field-error" id="warning1Value-error">Ange antalet timmar före tidsfristen som ett tal större än noll, till exempel 2.</p>',
    );
    expect(badReminders.text).not.toContain('Värdet är inte giltigt');

    const refused = await browser.post('/admin/garantier/bygglov-first-contact', {
      lengthValue: 'tre',
      lengthUnit: 'working_days',
      warning0Kind: 'fraction',
      warning0Value: '150',
      active: 'ja',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<p class="field-error" id="lengthValue-error">Ange tiden som ett tal större än noll, till exempel 10 eller 2,5.</p>',
    );
    expect(refused.text).toContain('aria-describedby="lengthValue-hint lengthValue-error" aria-invalid="true"');
    expect(refused.text).toContain(
      '<p class="field-error" id="warning0Value-error">Ange hur stor del av tiden som ska ha gått, i procent: mer än 0 och mindre än 100.</p>',
    );
    expect(refused.text).toContain(
      '<a href="#lengthValue">Tid: Ange tiden som ett tal större än noll, till exempel 10 eller 2,5.</a>',
    );
    expect(refused.text).toContain('value="tre"');
    expect((await app.request('GET', '/api/guarantees/bygglov-first-contact', { token: api.token })).body.version).toBe(
      1,
    );

    const saved = await browser.post('/admin/garantier/bygglov-first-contact', {
      label: 'Du får veta vem som handlägger ditt ärende inom 4 arbetsdagar',
      lengthValue: '4',
      lengthUnit: 'working_days',
      warning0Kind: 'working_days',
      warning0Value: '1',
      warning1Kind: 'fraction',
      warning1Value: '50',
      active: 'ja',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/admin/garantier?klart=bygglov-first-contact');
    const after = await browser.get(saved.location!);
    expect(after.text).toContain(
      'Ändringen av ”Du får veta vem som handlägger ditt ärende inom 4 arbetsdagar” är sparad som version 2.',
    );
    expect(after.text).toContain('<h3>Du får veta vem som handlägger ditt ärende inom 4 arbetsdagar</h3>');
    expect(after.text).toContain('Tid: 4 arbetsdagar. Påminnelser: 1 arbetsdag före, när 50 % av tiden har gått.');
    const g = (await app.request('GET', '/api/guarantees/bygglov-first-contact', { token: api.token })).body;
    expect(g).toMatchObject({
      version: 2,
      active: true,
      definition: {
        label: 'Du får veta vem som handlägger ditt ärende inom 4 arbetsdagar',
        length: { value: 4, unit: 'working_days' },
        warnings: [{ before: { value: 1, unit: 'working_days' } }, { atFraction: 0.5 }],
        clock: 'first_contact',
      },
    });

    // Back to three days, so the closing-day test below counts from the default catalogue.
    expect(
      (
        await browser.post('/admin/garantier/bygglov-first-contact', {
          label: 'Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar',
          lengthValue: '3',
          lengthUnit: 'working_days',
          warning0Kind: 'working_days',
          warning0Value: '1',
          active: 'ja',
        })
      ).status,
    ).toBe(303);
    expect((await browser.get('/admin/garantier/okand-garanti')).status).toBe(404);
  });

  it('adds a closing day, which moves a deadline computed after it, and removes it again', async () => {
    const before = await register(app, desk, companyCaseBody());
    // Friday 09.00 plus three working days.
    expect(firstContactDue(before)).toBe('2026-11-25');

    const added = await browser.post('/admin/stangda-dagar', { date: '2026-11-23', name: 'Klämdag' });
    expect(added.status).toBe(303);
    const page = await browser.get(added.location!);
    expect(page.text).toContain(
      '<p class="notice" role="status">måndag 23 november 2026 är tillagd som stängd dag.</p>',
    );
    expect(page.text).toContain('<h3>måndag 23 november 2026</h3>\n<p>Klämdag</p>');
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual([
      { date: '2026-11-23', name: 'Klämdag' },
    ]);

    const later = await register(app, desk, companyCaseBody());
    expect(firstContactDue(later)).toBe('2026-11-26');

    const duplicate = await browser.post('/admin/stangda-dagar', { date: '2026-11-23', name: 'Igen' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain('<p class="field-error" id="date-error">Datumet finns redan i listan.</p>');
    expect(duplicate.text).toContain('<a href="#date">Datum: Datumet finns redan i listan.</a>');
    const invalid = await browser.post('/admin/stangda-dagar', { date: '2026-02-30', name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain(
      '<p class="field-error" id="date-error">Ange ett datum som finns, som ÅÅÅÅ-MM-DD, till exempel 2026-12-28.</p>',
    );
    expect(invalid.text).toContain(
      '<p class="field-error" id="name-error">Skriv vad dagen gäller, till exempel ”Klämdag”.</p>',
    );
    expect(invalid.text.match(/id="date-error"/g)).toHaveLength(1);
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toHaveLength(1);

    const removed = await browser.post('/admin/stangda-dagar/ta-bort', { date: '2026-11-23' });
    expect(removed.status).toBe(303);
    expect((await browser.get(removed.location!)).text).toContain('måndag 23 november 2026 är borttagen.');
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual([]);
    expect(firstContactDue(await register(app, desk, companyCaseBody()))).toBe('2026-11-25');
    expect((await browser.post('/admin/stangda-dagar/ta-bort', { date: '2026-11-23' })).status).toBe(404);
  });

  it('lists failed e-mails and sends one again', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ contact: { name: 'Anna Svensson', email: 'anna@trasig.example', phone: '+46701234567' } }),
    );
    await app.ctx
      .db('notifications')
      .where({ case_id: c.id, template: 'receipt' })
      .update({ status: 'failed', attempts: 12, last_error: '550 mailbox unavailable' });
    const mail = await app.ctx.db('notifications').where({ case_id: c.id, template: 'receipt' }).first();

    const list = await browser.get('/admin/e-post');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<h3>Mottagningsbekräftelse</h3>');
    expect(list.text).toContain('Till företaget: anna@trasig.example');
    expect(list.text).toContain('misslyckades efter 12 försök');
    expect(list.text).toContain('<p class="mail-error">550 mailbox unavailable</p>');
    expect(list.text).toContain(`action="/admin/e-post/${mail.id}/skicka-igen"`);

    const retried = await browser.post(`/admin/e-post/${mail.id}/skicka-igen`);
    expect(retried.status).toBe(303);
    expect((await browser.get(retried.location!)).text).toContain('Meddelandet skickas igen.');
    const row = await app.ctx.db('notifications').where({ id: mail.id }).first();
    expect(row.status).toBe('pending');
    expect(row.deliver_after).toBe(app.clock.now().toISOString());
    const job = await app.ctx.queues.mail.getJob(`mail-${mail.key}-a12`);
    expect(job?.data).toEqual({ key: mail.key });
    expect(await job?.getState()).toMatch(/^(waiting|prioritized|delayed)$/);
    // The same API list no longer names it as failed.
    expect(
      (await app.request('GET', '/api/admin/notifications', { token: api.token })).body.items.map(
        (n: { id: number }) => n.id,
      ),
    ).not.toContain(mail.id);

    const again = await browser.post(`/admin/e-post/${mail.id}/skicka-igen`);
    expect(again.status).toBe(409);
    expect(again.text).toContain('E-postmeddelandet har varken misslyckats eller är osäkert, eller skickas redan om.');
  });

  it('sends a failed e-mail again through the API with the same use case', async () => {
    const c = await register(app, desk, companyCaseBody());
    await app.ctx
      .db('notifications')
      .where({ case_id: c.id, template: 'receipt' })
      .update({ status: 'failed', attempts: 12, last_error: 'connect ECONNREFUSED' });
    const mail = await app.ctx.db('notifications').where({ case_id: c.id, template: 'receipt' }).first();
    // The job that failed is still in BullMQ under the mail's id, where it would swallow a new one.
    await app.ctx.queues.mail.add('send-mail', { key: mail.key }, { jobId: `mail-${mail.key}-a12`, attempts: 1 });
    const worker = new Worker(app.ctx.queues.mail.name, null, {
      connection: app.ctx.queues.connection,
      prefix: app.ctx.queues.prefix,
      autorun: false,
    });
    try {
      // Jobs waiting ahead of it (the retry of the test above) are taken and failed on the way.
      for (let taken = await worker.getNextJob('test-token'); taken; taken = await worker.getNextJob('test-token')) {
        await taken.moveToFailed(new Error('connect ECONNREFUSED'), 'test-token');
        if (taken.id === `mail-${mail.key}-a12`) break;
      }
    } finally {
      await worker.close();
    }
    expect(await (await app.ctx.queues.mail.getJob(`mail-${mail.key}-a12`))?.getState()).toBe('failed');
    expect((await app.request('POST', `/api/admin/notifications/${mail.id}/retry`, { token: desk.token })).status).toBe(
      403,
    );
    expect((await app.request('POST', `/api/admin/notifications/${mail.id}/retry`, { token: api.token })).status).toBe(
      204,
    );
    expect((await app.ctx.db('notifications').where({ id: mail.id }).first()).status).toBe('pending');
    expect(await (await app.ctx.queues.mail.getJob(`mail-${mail.key}-a12`))?.getState()).toMatch(
      /^(waiting|prioritized|delayed)$/,
    );
    expect((await app.request('POST', `/api/admin/notifications/${mail.id}/retry`, { token: api.token })).status).toBe(
      409,
    );
    expect((await app.request('POST', '/api/admin/notifications/999999/retry', { token: api.token })).status).toBe(404);
    expect((await app.request('POST', '/api/admin/notifications/abc/retry', { token: api.token })).status).toBe(400);
  });

  it('refuses a post without the form token, and stores nothing', async () => {
    const res = await browser.request('POST', '/admin/stangda-dagar', { date: '2026-12-28', name: 'Klämdag' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formuläret kunde inte skickas');
    const forged = await browser.post('/admin/garantier/bygglov-first-contact', {
      lengthValue: '9',
      lengthUnit: 'working_days',
      active: 'ja',
      _csrf: 'fel',
    });
    expect(forged.status).toBe(403);
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual([]);
    expect(
      (await app.request('GET', '/api/guarantees/bygglov-first-contact', { token: api.token })).body.definition.length
        .value,
    ).toBe(3);
  });

  it('refuses other roles with a 403 page, on every page and every post', async () => {
    for (const path of [
      '/admin',
      '/admin/garantier',
      '/admin/garantier/bygglov-first-contact',
      '/admin/stangda-dagar',
      '/admin/e-post',
    ]) {
      const res = await officerBrowser.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('<h1>Ingen behörighet</h1>');
    }
    for (const [path, fields] of [
      ['/admin/stangda-dagar', { date: '2026-12-28', name: 'Klämdag' }],
      ['/admin/stangda-dagar/ta-bort', { date: '2026-12-28' }],
      ['/admin/garantier/bygglov-first-contact', { lengthValue: '9', lengthUnit: 'working_days', active: 'ja' }],
      ['/admin/e-post/1/skicka-igen', {}],
    ] as const) {
      expect((await officerBrowser.post(path, fields)).status, path).toBe(403);
    }
    expect((await app.request('GET', '/api/admin/closing-days', { token: api.token })).body).toEqual([]);
    expect((await new StaffBrowser(app).get('/admin/garantier')).location).toBe('/login?next=%2Fadmin%2Fgarantier');
  });

  it('opens the job queues to an admin’s session as well as to an admin’s token', async () => {
    const board = await browser.get('/admin/queues');
    expect(board.status).toBe(200);
    expect(board.headers.get('content-type')).toMatch(/^text\/html/);
    const queues = await browser.get('/admin/queues/api/queues', { accept: 'application/json' });
    expect(queues.status).toBe(200);
    expect(
      JSON.parse(queues.text)
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['deadlines', 'mail']);
    // A change from another site is refused even with the admin's cookie.
    expect(
      (
        await browser.request('PUT', '/admin/queues/api/queues/mail/pause', undefined, {
          'sec-fetch-site': 'cross-site',
        })
      ).status,
    ).toBe(403);

    const officerBoard = await officerBrowser.get('/admin/queues');
    expect(officerBoard.status).toBe(403);
    expect(officerBoard.text).toContain('<h1>Ingen behörighet</h1>');
    expect((await new StaffBrowser(app).get('/admin/queues')).location).toBe('/login?next=%2Fadmin%2Fqueues');

    expect((await app.request('GET', '/admin/queues/api/queues', { token: api.token })).status).toBe(200);
    expect((await app.request('GET', '/admin/queues', { token: desk.token })).status).toBe(403);
    expect((await app.request('GET', '/admin/queues')).status).toBe(401);
  });
});
