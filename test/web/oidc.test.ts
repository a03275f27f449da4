// Staff sign-in through a real OpenID Connect provider on loopback (panva's oidc-provider, with a
// confidential client that must use PKCE), driven in Chromium: the provider's claims carry the role
// (a group, translated by OIDC_ROLE_MAP) and the unit; the person lands on their unit's inbox, and
// signing out goes on to the provider's logout. Unknown roles and units, a tampered state and a
// replayed callback are refused without a session.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRouted } from '../support/reports';
import { startTestSystem, type TestSystem } from '../support/system';
import { checkPage, desktop, expectClean, launchBrowser, openContext, type Watched } from './browser';

const accounts: Record<string, { name: string; groups: string[]; unit: string }> = {
  'lan.nguyen': { name: 'Nguyễn Thị Lan', groups: ['thu-vien', 'pakn-can-bo'], unit: 'P-SAIGON' },
  // 'admin' is a group at the provider, not a PAKN role: with a role map, only mapped values count.
  'khach.la': { name: 'Trần Văn Khách', groups: ['admin'], unit: 'P-SAIGON' },
  'lac.don.vi': { name: 'Lê Văn Lạc', groups: ['pakn-can-bo'], unit: 'P-KHONG-CO' },
};

let system: TestSystem;
let browser: Browser;
let idp: http.Server;

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;

/** The provider on its own loopback port, with a plain login page of its own (the dev one loads web fonts). */
async function startProvider(appUrl: string): Promise<string> {
  let provider: Provider | undefined;
  idp = http.createServer((req, res) => {
    if (!/^\/interaction\/[\w-]+(\/login)?$/.test(req.url ?? '')) return void provider!.callback()(req, res);
    void (async () => {
      const details = await provider!.interactionDetails(req, res);
      if (req.method !== 'POST') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(
          page(
            'Test provider',
            `<h1>Provider sign-in</h1><form method="post" action="/interaction/${details.uid}/login">` +
              `<label for="login">Login</label><input id="login" name="login">` +
              `<button type="submit">Sign in at the provider</button></form>`,
          ),
        );
      }
      let body = '';
      for await (const chunk of req) body += chunk;
      const accountId = new URLSearchParams(body).get('login') ?? '';
      await provider!.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'pakn-web',
        client_secret: 'pakn-web-secret',
        redirect_uris: [`${appUrl}/staff/oidc/callback`],
        post_logout_redirect_uris: [`${appUrl}/staff/sign-in?signedOut=1`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], profile: ['name', 'groups', 'unit'] },
    findAccount: (_ctx, id) =>
      accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // PAKN is a first-party client: no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Test provider',
            `<h1>Sign out?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
          );
        },
      },
    },
  });
  return issuer;
}

beforeAll(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const issuer = await startProvider(appUrl);
  [system, browser] = await Promise.all([
    startTestSystem({
      PORT: String(port),
      PUBLIC_URL: appUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'pakn-web',
      OIDC_CLIENT_SECRET: 'pakn-web-secret',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'pakn-can-bo=unit_staff, pakn-lanh-dao=leader',
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
  idp?.closeAllConnections();
  await new Promise((resolve) => idp?.close(resolve));
});

/** From the sign-in page through the provider's login, as `login`; returns the callback's URL and answer. */
async function signInAtProvider(watched: Watched, login: string): Promise<{ callback: string; status: number }> {
  const { page } = watched;
  let callback = '';
  let status = 0;
  page.on('response', (response) => {
    if (!response.url().includes('/staff/oidc/callback')) return;
    callback = response.url();
    status = response.status();
  });
  await page.goto(`${system.baseUrl}/staff/sign-in`);
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản một cửa / SSO' }).click();
  await page.getByLabel('Login').fill(login);
  await page.getByRole('button', { name: 'Sign in at the provider' }).click();
  await page.waitForURL((url) => url.href.startsWith(system.baseUrl) && url.pathname !== '/staff/oidc/start');
  await page.waitForLoadState();
  return { callback, status };
}

async function sessionsOf(staffId: string) {
  const { rows } = await system.pool.query('SELECT role, unit_code FROM web_sessions WHERE staff_id = $1', [staffId]);
  return rows as { role: string; unit_code: string }[];
}

async function expectRefused(page: Page, words: string): Promise<void> {
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Chưa đăng nhập được');
  expect(await page.locator('main').textContent()).toContain(words);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === 'pakn_session')).toBeUndefined();
  const reply = await page.context().request.get(`${system.baseUrl}/staff/inbox`, { maxRedirects: 0 });
  expect(reply.status()).toBe(303);
}

describe('staff sign-in through an OpenID Connect provider', () => {
  it('when a unit officer signs in at the provider, then they land on their unit inbox with the role and unit of its claims, and signing out ends both sessions', async () => {
    const made = await submitRouted(system);
    const watched = await openContext(browser, desktop);
    const { page } = watched;
    await page.goto(`${system.baseUrl}/staff/inbox`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    await checkPage(page);

    const { callback, status } = await signInAtProvider(watched, 'lan.nguyen');
    expect(status).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/staff/inbox');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Việc của đơn vị');
    expect(await page.getByText('Nguyễn Thị Lan').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: made.code }).count()).toBe(1);
    await checkPage(page);
    expect(await sessionsOf('lan.nguyen')).toEqual([{ role: 'unit_staff', unit_code: 'P-SAIGON' }]);
    const session = (await watched.context.cookies()).find((cookie) => cookie.name === 'pakn_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${system.baseUrl}/staff/sign-in?signedOut=1`);
    expect(await sessionsOf('lan.nguyen')).toEqual([]);
    await page.goto(`${system.baseUrl}/staff/inbox`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');

    const replay = await page.goto(callback);
    expect(replay!.status()).toBe(400);
    await expectRefused(page, 'Không hoàn tất được việc đăng nhập');
    expectClean(watched);
    await watched.context.close();
  });

  it('when the provider names a role or a unit PAKN does not know, then the sign-in is refused on a page and no session is opened', async () => {
    for (const [login, who] of [
      ['khach.la', 'admin group'],
      ['lac.don.vi', 'unknown unit'],
    ]) {
      const watched = await openContext(browser, desktop);
      const { page } = watched;
      const { status } = await signInAtProvider(watched, login);
      expect(status, who).toBe(403);
      expect(new URL(page.url()).pathname, who).toBe('/staff/oidc/callback');
      await expectRefused(page, 'chưa được gán vai trò hoặc đơn vị');
      await checkPage(page);
      expect(await sessionsOf(login)).toEqual([]);
      expectClean(watched);
      await watched.context.close();
    }
  });

  it('when the state coming back from the provider has been tampered with, then the sign-in is refused', async () => {
    const watched = await openContext(browser, desktop);
    const { page, context } = watched;
    const pending = async () => (await system.pool.query('SELECT 1 FROM oidc_sign_ins')).rowCount;
    expect(await pending()).toBe(0);
    // The authorization request leaves with another state than the one PAKN keeps; the provider echoes it back.
    // (Playwright routes only the first request of a redirect chain, so the start's answer is rewritten.)
    await context.route(
      (url) => url.pathname === '/staff/oidc/start',
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const authorization = new URL(response.headers().location);
        expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
        expect((await context.cookies()).map((cookie) => cookie.name)).toContain('pakn_oidc');
        expect(await pending()).toBe(1);
        authorization.searchParams.set('state', 'tampered-state');
        await route.fulfill({ status: 303, headers: { location: authorization.href } });
      },
    );
    const { callback, status } = await signInAtProvider(watched, 'lan.nguyen');
    expect(new URL(callback).searchParams.get('state')).toBe('tampered-state');
    expect(status).toBe(400);
    // The browser brought back its own sign-in (taken, so used up): the state is what did not match.
    expect(await pending()).toBe(0);
    await expectRefused(page, 'Không hoàn tất được việc đăng nhập');
    expect(await sessionsOf('lan.nguyen')).toEqual([]);
    expectClean(watched);
    await context.close();
  });
});
