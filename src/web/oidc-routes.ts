import { Router, type RequestHandler } from 'express';
import * as oidc from 'openid-client';
import type { AppContext } from '../context.js';
import { userForVerifiedEmail } from '../application/staff-login.js';
import { safeNext } from './safe-next.js';
import { startStaffSession } from './staff-session.js';

/** Request logs never hold an authorization code or state from the provider's answer. */
export const hideSsoAnswer = (url: string) => url.replace(/([?&](?:code|state|session_state)=)[^&#]*/g, '$1[dold]');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Single sign-on with OpenID Connect (authorization code with PKCE, state and nonce) through
 * openid-client. Off unless OIDC_ISSUER_URL is set. The provider is asked once for its metadata;
 * a failed discovery is tried again at the next login instead of being remembered.
 */
export function oidcRoutes(ctx: AppContext, page: RequestHandler[]): Router {
  const router = Router();
  const {
    OIDC_ISSUER_URL: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: secret,
    OIDC_REDIRECT_URL: redirectUrl,
  } = ctx.config;
  if (!issuer || !clientId || !redirectUrl) return router;
  const issuerUrl = new URL(issuer);
  const callbackPath = new URL(redirectUrl).pathname;

  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= oidc
      .discovery(
        issuerUrl,
        clientId,
        secret ? { client_secret: secret } : {},
        secret ? oidc.ClientSecretPost(secret) : oidc.None(),
        {
          // Plain HTTP only to a provider on this machine (development and the tests).
          execute:
            issuerUrl.protocol === 'http:' && LOOPBACK.has(issuerUrl.hostname) ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));

  router.get('/login/sso', ...page, async (req, res) => {
    const next = safeNext(req.query.next);
    try {
      const config = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      req.session.oidc = { state, nonce, verifier, next };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUrl,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      res.redirect(303, url.href);
    } catch (err) {
      req.log?.warn({ err }, 'single sign-on could not start');
      res.redirect(303, '/login?orsak=sso');
    }
  });

  router.get(callbackPath, ...page, async (req, res) => {
    const pending = req.session.oidc;
    delete req.session.oidc;
    if (!pending) return void res.redirect(303, '/login?orsak=sso');
    let email: string | undefined;
    try {
      const config = await configuration();
      // The URL the provider sent the browser to, named by our configured address (a proxy may
      // have rewritten host and scheme on the way in).
      const current = new URL(req.originalUrl, redirectUrl);
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const info =
        claims.email === undefined ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub) : claims;
      // Only an address the provider itself has verified identifies a user.
      if (typeof info.email === 'string' && info.email_verified === true) email = info.email;
    } catch (err) {
      req.log?.warn({ err }, 'single sign-on answer refused');
      return void res.redirect(303, '/login?orsak=sso');
    }
    const user = email ? await userForVerifiedEmail(ctx, email) : undefined;
    if (!user) return void res.redirect(303, '/login?orsak=sso-okand');
    await startStaffSession(ctx, req, user);
    res.redirect(303, pending.next);
  });

  return router;
}
