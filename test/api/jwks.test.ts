// Staff tokens from an external identity provider: verified against its JWKS (served here by a
// local OIDC-like key server on loopback), with the configured issuer and audience; anything else
// — another key, issuer or audience, an expired token, the development secret, alg "none" — is 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

const issuer = 'https://login.hcmc.example/realms/pakn';
const audience = 'pakn-api';
let keyServer: Server;
let jwksFetches = 0;
let system: TestSystem;
let rsa: { privateKey: CryptoKey; kid: string };
let ec: { privateKey: CryptoKey; kid: string };
let stranger: { privateKey: CryptoKey; kid: string };

async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateKey, kid, jwk };
}

beforeAll(async () => {
  const [rsaPair, ecPair, strangerPair] = await Promise.all([
    keyPair('RS256', 'rsa-1'),
    keyPair('ES256', 'ec-1'),
    keyPair('RS256', 'rsa-1'),
  ]);
  rsa = rsaPair;
  ec = ecPair;
  stranger = strangerPair; // same kid as a published key, different key material
  keyServer = createServer((req, res) => {
    if (req.url !== '/protocol/openid-connect/certs') return void res.writeHead(404).end();
    jwksFetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [rsaPair.jwk, ecPair.jwk] }));
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  system = await startTestSystem({ OIDC_JWKS_URL: jwksUrl, JWT_ISSUER: issuer, JWT_AUDIENCE: audience });
});
afterAll(async () => {
  await system?.stop();
  keyServer?.close();
});

function idpToken(
  key: { privateKey: CryptoKey; kid: string },
  alg: 'RS256' | 'ES256',
  claims: Record<string, unknown> = {},
  options: { iss?: string; aud?: string; exp?: number | string; nbf?: number } = {},
) {
  const jwt = new SignJWT({ role: 'unit_staff', unit: 'P-SAIGON', ...claims })
    .setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' })
    .setSubject('nguyen.van.a@hcmc.example')
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '10m');
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(key.privateKey);
}

const tasks = (token: string) => call(system, 'GET', '/api/v1/tasks', { token });

describe('OIDC tokens verified against the identity provider JWKS', () => {
  it('when the provider signs a token with a published RSA or EC key, then the role and unit in it are honoured', async () => {
    expect((await tasks(await idpToken(rsa, 'RS256'))).status).toBe(200);
    expect((await tasks(await idpToken(ec, 'ES256'))).status).toBe(200);
    const leader = await idpToken(rsa, 'RS256', { role: 'leader', unit: 'P-SAIGON' });
    expect((await call(system, 'POST', '/api/v1/tasks/PA00-000001/accept', { token: leader, body: {} })).status).toBe(
      403,
    );
  });

  it('when a token is signed by an unpublished key, or names another issuer or audience, or is expired or not yet valid, then 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await idpToken(stranger, 'RS256'),
      await idpToken(rsa, 'RS256', {}, { iss: 'https://evil.example' }),
      await idpToken(rsa, 'RS256', {}, { aud: 'another-api' }),
      await idpToken(rsa, 'RS256', {}, { exp: now - 120 }),
      await idpToken(rsa, 'RS256', {}, { nbf: now + 3600 }),
      await idpToken(rsa, 'RS256', { role: 'root' }),
      await idpToken(rsa, 'RS256', { unit: 'NOWHERE' }),
    ];
    for (const token of refused) {
      const reply = await tasks(token);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
      expect(reply.body.error.code).toBe('unauthorized');
    }
  });

  it('when the development secret or alg "none" is used while a JWKS is configured, then 401', async () => {
    expect((await tasks(await staffToken(system, 'admin', 'HCM'))).status).toBe(401);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', role: 'admin', unit: 'HCM', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect((await tasks(unsigned)).status).toBe(401);
  });

  it('when many requests arrive, then the key set is fetched once and cached', async () => {
    const token = await idpToken(rsa, 'RS256');
    for (let i = 0; i < 20; i += 1) expect((await tasks(token)).status).toBe(200);
    expect(jwksFetches).toBeLessThanOrEqual(2);
  });
});
