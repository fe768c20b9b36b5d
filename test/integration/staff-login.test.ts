import { describe, expect, it } from 'vitest';
import { sessionKeyOf, staffAccount, StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';
import { expectProblem } from '../support/problem.js';

const GENERIC = 'Fel e-postadress eller lösenord.';

describe('staff login and sessions', () => {
  const {
    app,
    accounts: { officer },
  } = useTestApp({ staff: true, accounts: { officer: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] } });

  it('serves a Swedish login page under a strict policy, with a form token and no script', async () => {
    const b = new StaffBrowser(app);
    const res = await b.get('/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('<label for="password">Lösenord</label>');
    expect(res.text).not.toContain('<script');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(b.csrf).toMatch(/^[\w-]{43}$/);
  });

  it('logs in with the right password, in a new session, and shows the start page with name and role', async () => {
    const b = new StaffBrowser(app);
    await b.get('/login');
    const before = b.cookies.get('handslag.sid');
    const res = await b.post('/login', { email: officer.email.toUpperCase(), password: officer.password, next: '/' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    // The session id is replaced at login, so one planted before it is worth nothing.
    expect(b.cookies.get('handslag.sid')).not.toBe(before);
    const start = await b.get('/');
    expect(start.status).toBe(200);
    expect(start.text).toContain('Välkommen, Olle Berg');
    expect(start.text).toContain('Handläggare, Bygglov');
    expect(start.text).toContain('<a href="/arenden">Ärendekö</a>');
    expect(start.text).not.toContain('Administration');
    // The session lives in Redis under the installation's prefix.
    expect(await app.ctx.redis.exists(sessionKeyOf(app, b))).toBe(1);
  });

  it('refuses a wrong password and an unknown address with the same message', async () => {
    const wrong = await new StaffBrowser(app).login(officer.email, 'fel lösenord helt och hållet');
    const unknown = await new StaffBrowser(app).login('ingen.alls@kommun.example', 'fel lösenord helt och hållet');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain(GENERIC);
    expect(unknown.text).toContain(GENERIC);
    const afterWrong = await new StaffBrowser(app).get('/');
    expect(afterWrong.status).toBe(303);
  });

  it('locks the account after five wrong passwords in a row, refuses even the right one, and opens after 15 minutes', async () => {
    const user = await staffAccount(app, 'registrar');
    const b = new StaffBrowser(app);
    for (let i = 1; i <= 4; i++) {
      const res = await b.login(user.email, `fel-lösenord-${i}-xxxxxx`);
      expect(res.status).toBe(401);
      expect(res.text).toContain(GENERIC);
    }
    const fifth = await b.login(user.email, 'fel-lösenord-5-xxxxxx');
    expect(fifth.status).toBe(423);
    expect(fifth.text).toContain('Kontot är låst i 15 minuter efter för många misslyckade inloggningsförsök.');
    // 09:00 Stockholm time plus 15 minutes.
    expect(fifth.text).toContain('Försök igen efter klockan 09:15');

    const rightWhileLocked = await b.login(user.email, user.password);
    expect(rightWhileLocked.status).toBe(423);
    expect((await b.get('/')).status).toBe(303);

    app.clock.advance(14 * 60_000);
    expect((await b.login(user.email, user.password)).status).toBe(423);
    app.clock.advance(60_000);
    const after = await b.login(user.email, user.password);
    expect(after.status).toBe(303);
    expect((await b.get('/')).status).toBe(200);
    const row = await app.ctx.db('users').where({ id: user.id }).first();
    expect(Number(row.failed_logins)).toBe(0);
    expect(row.locked_until).toBeNull();
  });

  it('locks an address that has no account just the same, so the lock-out does not tell which addresses exist', async () => {
    const deactivated = await staffAccount(app, 'registrar');
    await app.ctx.db('users').where({ id: deactivated.id }).update({ active: false });
    for (const email of ['finns.inte@kommun.example', deactivated.email]) {
      const b = new StaffBrowser(app);
      for (let i = 0; i < 4; i++) expect((await b.login(email, 'gissat lösenord nummer ett')).status).toBe(401);
      const fifth = await b.login(email, 'gissat lösenord nummer fem');
      expect(fifth.status).toBe(423);
      expect(fifth.text).toContain('Kontot är låst i 15 minuter efter för många misslyckade inloggningsförsök.');
    }
    // The deactivated user's right password is refused too, with the lock message, not a hint.
    expect((await new StaffBrowser(app).login(deactivated.email, deactivated.password)).status).toBe(423);
  });

  it('starts counting again after a successful login', async () => {
    const user = await staffAccount(app, 'registrar');
    const b = new StaffBrowser(app);
    for (let i = 0; i < 4; i++) expect((await b.login(user.email, 'nästan rätt lösenord')).status).toBe(401);
    expect((await b.login(user.email, user.password)).status).toBe(303);
    for (let i = 0; i < 4; i++)
      expect((await new StaffBrowser(app).login(user.email, 'nästan rätt lösenord')).status).toBe(401);
    expect((await new StaffBrowser(app).login(user.email, user.password)).status).toBe(303);
  });

  it('refuses a form post without the form token with a Swedish 403 page', async () => {
    const b = new StaffBrowser(app);
    await b.get('/login');
    const res = await b.request('POST', '/login', { email: officer.email, password: officer.password });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Formuläret kunde inte skickas');
    expect(res.text).toContain('Ladda om sidan och försök igen.');
    const wrongToken = await b.request('POST', '/login', {
      _csrf: 'x'.repeat(43),
      email: officer.email,
      password: officer.password,
    });
    expect(wrongToken.status).toBe(403);
  });

  it('answers an oversized form with a Swedish 413 page, and keeps the session', async () => {
    const b = new StaffBrowser(app);
    expect((await b.login(officer.email, officer.password)).status).toBe(303);
    const tooLong = await b.post('/logout', { filler: 'å'.repeat(20_000) });
    expect(tooLong.status).toBe(413);
    expect(tooLong.headers.get('content-type')).toContain('text/html');
    expect(tooLong.text).toContain('<html lang="sv">');
    expect(tooLong.text).toContain('Formuläret är för stort');
    const tooMany = await b.post('/logout', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x'])));
    expect(tooMany.status).toBe(413);
    expect((await b.get('/')).status).toBe(200);
  });

  it('refuses a post the browser says came from another site, even with the token', async () => {
    const b = new StaffBrowser(app);
    expect((await b.login(officer.email, officer.password)).status).toBe(303);
    const crossSite = await b.post('/logout', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await b.post('/logout', {}, { origin: 'https://angripare.example' });
    expect(otherOrigin.status).toBe(403);
    expect((await b.get('/')).status).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, without Secure over plain HTTP', async () => {
    const b = new StaffBrowser(app);
    const res = await b.login(officer.email, officer.password);
    const cookie = res.setCookies.find((c) => c.startsWith('handslag.sid='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    // An X-Forwarded-Proto from a client is not believed unless TRUST_PROXY says so.
    const forged = await new StaffBrowser(app, { 'x-forwarded-proto': 'https' }).get('/login');
    expect(forged.setCookies.find((c) => c.startsWith('handslag.sid='))).not.toMatch(/; Secure/);
  });

  it('logs out: the session is gone from Redis and staff pages send the browser to the login', async () => {
    const b = new StaffBrowser(app);
    await b.login(officer.email, officer.password);
    const key = sessionKeyOf(app, b);
    expect(await app.ctx.redis.exists(key)).toBe(1);
    await b.get('/');
    const out = await b.post('/logout');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login?orsak=utloggad');
    expect(await app.ctx.redis.exists(key)).toBe(0);
    const page = await b.get(out.location!);
    expect(page.text).toContain('Du är utloggad.');
    const again = await b.get('/admin/anvandare?visa=alla');
    expect(again.status).toBe(303);
    expect(again.location).toBe('/login?next=%2Fadmin%2Fanvandare%3Fvisa%3Dalla');
  });

  it('returns to the page asked for after login, but never to another site', async () => {
    const b = new StaffBrowser(app);
    expect((await b.login(officer.email, officer.password, '/dukat-bord')).location).toBe('/dukat-bord');
    for (const next of [
      '//angripare.example/x',
      'https://angripare.example/',
      '/\\angripare.example',
      'javascript:alert(1)',
    ]) {
      expect((await new StaffBrowser(app).login(officer.email, officer.password, next)).location).toBe('/');
    }
  });

  it('never sends the browser to another host, whatever the next path turns into once normalised', async () => {
    const origin = new URL(app.url).origin;
    // Each written as it would stand in the query string of a link to /login.
    const variants = [
      '/.//angripare.example',
      '/..//angripare.example',
      '/./..//angripare.example/x',
      '/a/../..//angripare.example',
      '/%2e//angripare.example',
      '/%2E%2E//angripare.example',
      '/.%2e//angripare.example',
      '//angripare.example',
      '///angripare.example',
      '////angripare.example',
      '/\\angripare.example',
      '/\\/angripare.example',
      '%2F%2Fangripare.example',
      '/%2F%2Fangripare.example',
      '%2F%5Cangripare.example',
      '/%5C%5Cangripare.example',
      '/%5Cangripare.example',
      '/%09/angripare.example',
      '/%0a/angripare.example',
      '/%0d%0a/angripare.example',
      '%09//angripare.example',
      '/%00/angripare.example',
      '/%2509/angripare.example',
      '/%252F%252Fangripare.example',
      'https://angripare.example',
      'https:angripare.example',
      'HTTPS://angripare.example',
      '%20//angripare.example',
      'javascript:alert(1)',
      '/.//angripare.example?x=1',
      '/./%2F/angripare.example',
      '/%2e%2e/%2fangripare.example',
    ];
    for (const variant of variants) {
      // The real flow: the login page keeps what it makes of next in the form, and the form is posted.
      const b = new StaffBrowser(app);
      const page = await b.get(`/login?next=${variant}`);
      expect(page.status, variant).toBe(200);
      const kept = /name="next" value="([^"]*)"/.exec(page.text)![1]!.replaceAll('&amp;', '&');
      const res = await b.post('/login', { email: officer.email, password: officer.password, next: kept });
      // A forged form that posts the variant itself, decoded as the query string would be.
      const forged = await new StaffBrowser(app).login(
        officer.email,
        officer.password,
        new URLSearchParams(`next=${variant}`).get('next')!,
      );
      for (const r of [res, forged]) {
        expect(r.status, variant).toBe(303);
        const location = r.location!;
        expect(location, variant).toMatch(/^\/(?![/\\])/);
        expect(location, variant).not.toMatch(/[\u0000-\u001f\u007f\\]/);
        expect(new URL(location, app.url).origin, variant).toBe(origin);
      }
    }
    // Ordinary paths still come back, query and all.
    const kept = await new StaffBrowser(app).login(officer.email, officer.password, '/arenden?sida=2&q=a%2Fb');
    expect(kept.location).toBe('/arenden?sida=2&q=a%2Fb');
  });

  it('ends a session idle for longer than the limit, on the app clock', async () => {
    const b = new StaffBrowser(app);
    await b.login(officer.email, officer.password);
    app.clock.advance(29 * 60_000);
    expect((await b.get('/')).status).toBe(200);
    app.clock.advance(29 * 60_000);
    expect((await b.get('/')).status).toBe(200);
    app.clock.advance(31 * 60_000);
    const res = await b.get('/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?next=%2F&orsak=inaktiv');
    expect((await b.get(res.location!)).text).toContain(
      'Du har loggats ut eftersom du inte har varit aktiv på en stund.',
    );
  });

  it('keeps bearer tokens working for the API, without any session', async () => {
    const user = await app.user('registrar');
    const res = await app.request('GET', '/api/cases', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const withoutToken = await app.request('GET', '/api/cases');
    expectProblem(withoutToken, 401);
  });
});

describe('the session cookie behind a TLS-terminating proxy', () => {
  const {
    app,
    accounts: { user },
  } = useTestApp({ staff: true, env: { TRUST_PROXY: 'true' }, accounts: { user: ['officer', { unit: 'livsmedel' }] } });

  it('is Secure when the proxy says the request came over HTTPS, and not otherwise', async () => {
    const https = new StaffBrowser(app, { 'x-forwarded-proto': 'https' });
    // express-session would not send a Secure cookie to a plain-HTTP client; the proxy in front
    // speaks HTTPS to the browser, and the Origin it reports is the HTTPS one.
    const res = await https.login(user.email, user.password);
    expect(res.status).toBe(303);
    const secure = res.setCookies.find((c) => c.startsWith('handslag.sid='))!;
    expect(secure).toMatch(/; Secure/);
    expect(secure).toMatch(/; HttpOnly/);
    const plain = await new StaffBrowser(app, { 'x-forwarded-proto': 'http' }).login(user.email, user.password);
    expect(plain.setCookies.find((c) => c.startsWith('handslag.sid='))).not.toMatch(/; Secure/);
  });
});
