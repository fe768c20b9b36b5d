import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

interface Account {
  email: string;
  verified: boolean;
}

/**
 * A real OpenID provider (oidc-provider) on a port of its own. Its login and consent steps are
 * answered at once for whichever account the test names, as a user who is already signed in
 * at the municipality's provider would see it.
 */
async function startProvider(redirectUri: string) {
  const accounts = new Map<string, Account>();
  let signedIn = '';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'handslag',
        client_secret: 'handslag-test-hemlighet',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // Confidential client or not, the code flow must carry PKCE.
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub);
      return a
        ? { accountId: sub, claims: async () => ({ sub, email: a.email, email_verified: a.verified }) }
        : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['oidc-provider-test-key'] },
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as never] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    conformIdTokenClaims: false,
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login')
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: signedIn } },
        { mergeWithLastSubmission: false },
      );
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: details.params.client_id as string,
    });
    grant.addOIDCScope('openid email profile');
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  });
  return {
    issuer,
    signIn(sub: string, account: Account) {
      accounts.set(sub, account);
      signedIn = sub;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('single sign-on with OpenID Connect', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  // The public address a proxy would serve the app at; the test hands what arrives there to the app.
  const PUBLIC = 'https://handslag.kommun.example';
  const REDIRECT = `${PUBLIC}/login/oidc/callback`;

  beforeAll(async () => {
    provider = await startProvider(REDIRECT);
  });
  afterAll(async () => {
    await provider.close();
  });
  const {
    app,
    accounts: { officer },
  } = useTestApp({
    staff: true,
    late: () => ({
      env: {
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: 'handslag',
        OIDC_CLIENT_SECRET: 'handslag-test-hemlighet',
        OIDC_REDIRECT_URL: REDIRECT,
      },
    }),
    accounts: { officer: ['officer', { unit: 'bygglov', name: 'Olle Berg' }] },
  });

  /** Follows the redirects through the provider with a cookie jar of its own, back to the app. */
  async function viaProvider(b: StaffBrowser, next: string) {
    const start = await b.get(`/login/sso?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    const jar = new Map<string, string>();
    let url = authorize.href;
    for (let hops = 0; hops < 10 && !url.startsWith(PUBLIC); hops++) {
      const res = await fetch(url, {
        redirect: 'manual',
        headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      const location = res.headers.get('location');
      expect(location, `the provider answered ${res.status} at ${url}: ${await res.text()}`).toBeTruthy();
      url = new URL(location!, url).href;
    }
    return { authorize, back: await b.get(url.slice(PUBLIC.length)) };
  }

  it('offers single sign-on on the login page', async () => {
    const page = await new StaffBrowser(app).get('/login');
    expect(page.text).toContain(
      '<a class="button secondary" href="/login/sso?next=%2F">Logga in med kommunens konto</a>',
    );
  });

  it('logs an existing active user in by their verified e-mail, with PKCE, state and nonce', async () => {
    provider.signIn('olle-1', { email: officer.email.toUpperCase(), verified: true });
    const b = new StaffBrowser(app);
    const { authorize, back } = await viaProvider(b, '/dukat-bord');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(back.status).toBe(303);
    expect(back.location).toBe('/dukat-bord');
    const start = await b.get('/');
    expect(start.status).toBe(200);
    expect(start.text).toContain('Välkommen, Olle Berg');
    expect((await app.ctx.db('users').where({ id: officer.id }).first()).last_login_at).toBeTruthy();
  });

  it('creates nobody: an address no user has is refused', async () => {
    provider.signIn('okand-1', { email: 'ny.person@kommun.example', verified: true });
    const b = new StaffBrowser(app);
    const { back } = await viaProvider(b, '/');
    expect(back.location).toBe('/login?orsak=sso-okand');
    expect((await b.get(back.location!)).text).toContain(
      'Det finns ingen aktiv användare i Handslag med den e-postadressen.',
    );
    expect(await app.ctx.db('users').where({ email: 'ny.person@kommun.example' }).first()).toBeUndefined();
    expect((await b.get('/')).status).toBe(303);
  });

  it('refuses an address the provider has not verified, and a deactivated user', async () => {
    provider.signIn('olle-2', { email: officer.email, verified: false });
    expect((await viaProvider(new StaffBrowser(app), '/')).back.location).toBe('/login?orsak=sso-okand');

    const gone = await staffAccount(app, 'registrar');
    await app.ctx.db('users').where({ id: gone.id }).update({ active: false });
    provider.signIn('gone-1', { email: gone.email, verified: true });
    expect((await viaProvider(new StaffBrowser(app), '/')).back.location).toBe('/login?orsak=sso-okand');
  });

  it('refuses an answer that does not belong to the login this browser began', async () => {
    provider.signIn('olle-3', { email: officer.email, verified: true });
    const b = new StaffBrowser(app);
    const res = await b.get('/login/oidc/callback?code=forged&state=forged');
    expect(res.location).toBe('/login?orsak=sso');
    const page = await b.get(res.location!);
    expect(page.text).toContain('Inloggningen med kommunens konto gick inte igenom.');
  });
});

describe('request logs after single sign-on', () => {
  it('hide the code and state of the provider’s answer', async () => {
    const { hideSsoAnswer } = await import('../../src/web/oidc-routes.js');
    expect(hideSsoAnswer('/login/oidc/callback?code=abc123&state=xyz&iss=http%3A%2F%2Fidp')).toBe(
      '/login/oidc/callback?code=[dold]&state=[dold]&iss=http%3A%2F%2Fidp',
    );
  });
});
