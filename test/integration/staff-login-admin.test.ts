import { beforeAll, describe, expect, it } from 'vitest';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { hashPassword } from '../../src/application/password-hash.js';
import { hashToken } from '../../src/application/create-user.js';
import { ensureEserviceUser, ESERVICE_USER_ID } from '../../src/application/tracking/eservice-actor.js';
import { useTestApp } from '../support/use-test-app.js';

const idFromCard = (html: string, email: string) => {
  const card = html.split('<li>').find((c) => c.includes(email));
  return /\/admin\/anvandare\/([0-9a-f-]{36})\/losenord/.exec(card ?? '')?.[1];
};

describe('user administration in the staff app', () => {
  let adminBrowser: StaffBrowser;

  const {
    app,
    accounts: { admin },
  } = useTestApp({ staff: true, accounts: { admin: ['admin', { name: 'Eva Ek' }] } });
  beforeAll(async () => {
    adminBrowser = new StaffBrowser(app);
    expect((await adminBrowser.login(admin.email, admin.password, '/admin/anvandare')).location).toBe(
      '/admin/anvandare',
    );
  });

  it('keeps an officer out of /admin/anvandare with a Swedish 403 page and no Administration link', async () => {
    const officer = await staffAccount(app, 'officer', { unit: 'bygglov' });
    const b = new StaffBrowser(app);
    await b.login(officer.email, officer.password);
    const res = await b.get('/admin/anvandare');
    expect(res.status).toBe(403);
    expect(res.text).toContain('<h1>Ingen behörighet</h1>');
    expect(res.text).toContain('Du har inte behörighet till den här sidan.');
    expect(res.text).not.toContain('href="/admin/anvandare"');
    // Posting to the admin forms is refused the same way, with a valid form token.
    const post = await b.post('/admin/anvandare', {
      name: 'Smyg',
      email: 'smyg@kommun.example',
      role: 'admin',
      password: 'ett långt lösenord',
    });
    expect(post.status).toBe(403);
    expect(await app.ctx.db('users').where({ email: 'smyg@kommun.example' }).first()).toBeUndefined();
  });

  it('shows each role its own navigation', async () => {
    const coordinator = await staffAccount(app, 'coordinator');
    const b = new StaffBrowser(app);
    await b.login(coordinator.email, coordinator.password);
    const start = await b.get('/');
    expect(start.text).toContain('>Dukat bord</a>');
    expect(start.text).toContain('>Rapporter</a>');
    expect(start.text).not.toContain('>Registrera ärende</a>');
    expect((await b.get('/arenden/ny')).status).toBe(403);
    const adminStart = await adminBrowser.get('/');
    for (const label of ['Ärendekö', 'Registrera ärende', 'Klagomål', 'Dukat bord', 'Rapporter', 'Administration'])
      expect(adminStart.text).toContain(`>${label}</a>`);
  });

  it('shows field errors in Swedish next to the fields and keeps what was typed, except the password', async () => {
    await adminBrowser.get('/admin/anvandare');
    const res = await adminBrowser.post('/admin/anvandare', {
      name: 'Åsa Öberg',
      email: 'inte-en-adress',
      role: 'officer',
      unit: '',
      password: 'kort',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="field-error" id="email-error">Ange en giltig e-postadress.</p>');
    expect(res.text).toContain('<p class="field-error" id="unit-error">Handläggare och chefer hör till en enhet.</p>');
    expect(res.text).toContain('<p class="field-error" id="password-error">Lösenordet ska ha minst 12 tecken.</p>');
    expect(res.text).toContain('aria-describedby="email-error" aria-invalid="true"');
    expect(res.text).toContain('value="Åsa Öberg"');
    expect(res.text).not.toContain('value="kort"');
    const duplicate = await adminBrowser.post('/admin/anvandare', {
      name: 'Eva Ek igen',
      email: admin.email,
      role: 'admin',
      unit: '',
      password: 'ett långt nog lösenord',
    });
    expect(duplicate.text).toContain('E-postadressen används redan av en annan användare.');
  });

  it('creates a user who can then log in', async () => {
    await adminBrowser.get('/admin/anvandare');
    const res = await adminBrowser.post('/admin/anvandare', {
      name: 'Åsa Öberg',
      email: 'Asa.Oberg@kommun.example',
      role: 'manager',
      unit: 'miljo-halsoskydd',
      password: 'sommar i Norrköping 2026',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/anvandare?klart=skapad');
    const list = await adminBrowser.get(res.location!);
    expect(list.text).toContain('Användaren har lagts till.');
    expect(list.text).toContain('asa.oberg@kommun.example');
    expect(list.text).toContain('Chef, Miljö- och hälsoskydd');

    const b = new StaffBrowser(app);
    expect((await b.login('asa.oberg@kommun.example', 'sommar i Norrköping 2026')).status).toBe(303);
    expect((await b.get('/')).text).toContain('Välkommen, Åsa Öberg');
  });

  it('deactivates a user, which ends their session at once, and activates them again', async () => {
    const user = await staffAccount(app, 'registrar');
    const b = new StaffBrowser(app);
    await b.login(user.email, user.password);
    expect((await b.get('/')).status).toBe(200);

    await adminBrowser.get('/admin/anvandare');
    expect((await adminBrowser.post(`/admin/anvandare/${user.id}/inaktivera`)).location).toBe(
      '/admin/anvandare?klart=inaktiverad',
    );
    expect((await b.get('/')).status).toBe(303);
    expect((await new StaffBrowser(app).login(user.email, user.password)).status).toBe(401);
    expect((await adminBrowser.get('/admin/anvandare')).text).toContain('<span class="badge inactive">Inaktiv</span>');

    await adminBrowser.post(`/admin/anvandare/${user.id}/aktivera`);
    expect((await new StaffBrowser(app).login(user.email, user.password)).status).toBe(303);
  });

  it('does not let an admin deactivate their own account', async () => {
    await adminBrowser.get('/admin/anvandare');
    const res = await adminBrowser.post(`/admin/anvandare/${admin.id}/inaktivera`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Du kan inte inaktivera ditt eget konto.');
  });

  it('unlocks a locked account', async () => {
    const user = await staffAccount(app, 'officer', { unit: 'livsmedel' });
    for (let i = 0; i < 5; i++) await new StaffBrowser(app).login(user.email, 'alldeles fel lösenord');
    const list = await adminBrowser.get('/admin/anvandare');
    expect(list.text).toContain('Låst till kl. 09.');
    expect(list.text).toContain(
      `<button type="submit" class="secondary" aria-label="Lås upp ${user.name}">Lås upp</button>`,
    );
    expect(idFromCard(list.text, user.email)).toBe(user.id);
    expect((await adminBrowser.post(`/admin/anvandare/${user.id}/las-upp`)).location).toBe(
      '/admin/anvandare?klart=upplast',
    );
    expect((await new StaffBrowser(app).login(user.email, user.password)).status).toBe(303);
  });

  it('sets a new password, which ends the sessions begun before it', async () => {
    const user = await staffAccount(app, 'officer', { unit: 'livsmedel' });
    const b = new StaffBrowser(app);
    await b.login(user.email, user.password);
    app.clock.advance(1000);

    const form = await adminBrowser.get(`/admin/anvandare/${user.id}/losenord`);
    expect(form.text).toContain(`Nytt lösenord för ${user.name}`);
    const short = await adminBrowser.post(`/admin/anvandare/${user.id}/losenord`, { password: 'för kort' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('<p class="field-error" id="password-error">Lösenordet ska ha minst 12 tecken.</p>');
    expect(short.text).toContain('aria-describedby="password-hint password-error" aria-invalid="true"');
    expect(
      (await adminBrowser.post(`/admin/anvandare/${user.id}/losenord`, { password: 'ett helt nytt lösenord' }))
        .location,
    ).toBe('/admin/anvandare?klart=losenord');

    expect((await b.get('/')).status).toBe(303);
    expect((await new StaffBrowser(app).login(user.email, user.password)).status).toBe(401);
    expect((await new StaffBrowser(app).login(user.email, 'ett helt nytt lösenord')).status).toBe(303);
  });

  it('adds a user once when the same address is added eight times at once; the others are told it is taken', async () => {
    const browsers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const b = new StaffBrowser(app);
        await b.login(admin.email, admin.password);
        await b.get('/admin/anvandare');
        return b;
      }),
    );
    const fields = {
      name: 'Samtidig Person',
      email: 'samtidig.person@kommun.example',
      role: 'registrar',
      unit: '',
      password: 'ett långt lösenord för alla',
    };
    const results = await Promise.all(browsers.map((b) => b.post('/admin/anvandare', fields)));
    expect(results.map((r) => r.status).sort()).toEqual([303, ...Array(7).fill(400)]);
    for (const r of results.filter((x) => x.status === 400))
      expect(r.text).toContain('E-postadressen används redan av en annan användare.');
    expect(await app.ctx.db('users').where({ email: fields.email })).toHaveLength(1);
  });

  it('keeps the e-service system account out of the user list and out of every user action', async () => {
    // The account exists once the company's page has acted; it is the audit trail's "the company".
    await ensureEserviceUser(app.ctx.db, app.clock.now());
    const list = await adminBrowser.get('/admin/anvandare');
    expect(list.text).not.toContain('Företaget via e-tjänsten');
    expect(list.text).not.toContain(ESERVICE_USER_ID);

    for (const action of ['aktivera', 'inaktivera', 'las-upp', 'losenord']) {
      const res = await adminBrowser.post(`/admin/anvandare/${ESERVICE_USER_ID}/${action}`, {
        password: 'ett långt nytt lösenord',
      });
      expect(res.status, action).toBe(404);
      expect(res.text, action).toContain('Användaren finns inte.');
    }
    expect((await adminBrowser.get(`/admin/anvandare/${ESERVICE_USER_ID}/losenord`)).status).toBe(404);
    const row = await app.ctx.db('users').where({ id: ESERVICE_USER_ID }).first();
    expect(row.password_hash).toBeNull();
    expect(Boolean(row.active)).toBe(false);

    // Even written straight into the database, a password or token does not make it a user.
    const token = 'hs_ett-token-som-ingen-ska-kunna-använda-alls';
    await app.ctx
      .db('users')
      .where({ id: ESERVICE_USER_ID })
      .update({
        active: true,
        password_hash: await hashPassword('ett långt nytt lösenord', 14),
        token_hash: hashToken(token),
      });
    expect((await new StaffBrowser(app).login(row.email, 'ett långt nytt lösenord')).status).toBe(401);
    expect((await app.request('GET', '/api/cases', { token })).status).toBe(401);
    expect((await adminBrowser.get('/admin/anvandare')).text).not.toContain('Företaget via e-tjänsten');
  });

  it('answers an unknown user id with a Swedish 404 page', async () => {
    const res = await adminBrowser.get('/admin/anvandare/00000000-0000-4000-8000-000000000000/losenord');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Användaren finns inte.');
  });
});
