// Staff sign-in through an OpenID Connect provider (OIDC_ISSUER), with openid-client: the
// authorization code flow with PKCE, state and nonce. The sign-in in progress is kept server-side,
// bound to the browser by a short-lived HttpOnly cookie and usable once. The provider's claims give
// the role and unit (domain/staffClaims.ts); staffActor() — the API's own rule — accepts them or
// not, and an accepted staff member gets the same session as a local sign-in.
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import * as client from 'openid-client';
import { staffActor } from '../api/auth';
import type { AppDeps } from '../api/deps';
import { toAppError } from '../api/errors';
import type { Config } from '../config';
import { insertOidcSignIn, takeOidcSignIn } from '../db/sessions';
import { staffFromClaims } from '../domain/staffClaims';
import type { Translate } from './i18n';
import { readCookie, render, setCookie } from './page';
import { createSignInLimit, hashOf, openSession, safeNext, startPage } from './session';

type OidcSettings = NonNullable<Config['oidc']>;

const pendingCookie = 'pakn_oidc';
const pendingMs = 10 * 60_000;

/** The provider's metadata, discovered on first use and kept; a failed discovery is tried again next time. */
function providerOf(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | undefined;
  return () => {
    discovered ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        // Plain http is allowed by config.ts only for an issuer on loopback (a provider on this machine).
        settings.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
}

const refuse = (res: Response, status: number, message: string) =>
  render(res, 'staff/sign-in-refused.njk', { message }, status);

/** The provider's sign-in pages; returns what sign-out needs to go on to the provider's logout. */
export function addOidcPages(router: Router, deps: AppDeps, settings: OidcSettings) {
  const provider = providerOf(settings);
  const limitSignIn = createSignInLimit(deps);

  /** The provider's configuration, or a 503 page when it cannot be reached. */
  async function reachProvider(res: Response): Promise<client.Configuration | undefined> {
    try {
      return await provider();
    } catch (error) {
      deps.logger.error({ err: error, issuer: settings.issuer.href }, 'OpenID Connect discovery failed');
      refuse(res, 503, (res.locals.t as Translate)('signIn.oidcUnavailable'));
      return undefined;
    }
  }

  // Counted against the sign-in limit per address; a callback needs a start of its own, so it is not counted again.
  router.get('/staff/oidc/start', async (req, res) => {
    await limitSignIn(req);
    const configuration = await reachProvider(res);
    if (!configuration) return;
    const value = randomBytes(32).toString('base64url');
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    await insertOidcSignIn(deps.pool, {
      idHash: hashOf(value),
      ...pending,
      nextPath: safeNext(req.query.next),
      expiresAt: new Date(Date.now() + pendingMs),
    });
    setCookie(req, res, pendingCookie, value, pendingMs);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    res.redirect(303, url.href);
  });

  router.get('/staff/oidc/callback', async (req, res) => {
    const t = res.locals.t as Translate;
    const value = readCookie(req, pendingCookie);
    res.clearCookie(pendingCookie, { path: '/' });
    const pending = value ? await takeOidcSignIn(deps.pool, hashOf(value)) : undefined;
    if (!pending) return refuse(res, 400, t('signIn.oidcFailed'));
    const configuration = await reachProvider(res);
    if (!configuration) return;
    const signedIn = await exchangeCode(configuration, req, pending).catch((error: unknown) => {
      if (!isProviderRefusal(error)) throw error;
      deps.logger.warn({ err: error }, 'OpenID Connect sign-in failed');
      return undefined;
    });
    if (!signedIn) return refuse(res, 400, t('signIn.oidcFailed'));
    const who = staffFromClaims(signedIn.claims, settings);
    const actor = await staffActor(deps.pool, who).catch((error: unknown) => {
      if (toAppError(error)?.status !== 401) throw error;
      deps.logger.warn(
        { sub: who.sub, role: who.role, unit: who.unit },
        'OpenID Connect sign-in refused: role or unit',
      );
      return undefined;
    });
    if (!actor) return refuse(res, 403, t('signIn.oidcRefused'));
    await openSession(deps, req, res, {
      id: actor.id,
      name: who.name,
      role: actor.role,
      unitCode: actor.unitCode,
      idToken: signedIn.idToken,
    });
    res.redirect(303, safeNext(pending.next_path) ?? startPage(actor.role));
  });

  /**
   * The code for tokens; openid-client checks state, PKCE, the ID token's signature, issuer,
   * audience, expiry and nonce. The role and unit come from the ID token, or from the UserInfo
   * endpoint when the provider keeps them out of the ID token.
   */
  async function exchangeCode(
    configuration: client.Configuration,
    req: Request,
    pending: { state: string; nonce: string; code_verifier: string },
  ) {
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = new URL(req.originalUrl, 'http://callback').search;
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    const partial = staffFromClaims(claims, settings);
    if ((!partial.role || !partial.unit) && configuration.serverMetadata().userinfo_endpoint)
      claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)), ...claims };
    return { claims, idToken: tokens.id_token };
  }

  return {
    /** The provider's logout for a session opened through it, back to the sign-in page; null when it has none. */
    async logoutUrl(idToken: string): Promise<string | null> {
      const configuration = await provider().catch(() => undefined);
      if (!configuration?.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: settings.postLogoutRedirectUrl,
      }).href;
    },
  };
}

/** What the provider or its answers refused (an error response, a bad state, token or signature): the person starts again. */
const isProviderRefusal = (error: unknown) =>
  error instanceof client.ClientError ||
  error instanceof client.AuthorizationResponseError ||
  error instanceof client.ResponseBodyError;
