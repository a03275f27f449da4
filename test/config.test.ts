import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

describe('configuration of trust settings', () => {
  it('when nothing is set, then rate limits are generous, CORS allows no other origin and only loopback proxies are trusted', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      corsOrigins: [],
      trustProxy: 'loopback',
      rateLimitWindowSeconds: 600,
      rateLimitSubmitPerIp: 600,
      rateLimitSubmitPerPhone: 20,
      rateLimitRatingPerIp: 300,
      rateLimitRatingPerPhone: 20,
      rateLimitCommentPerIp: 300,
      rateLimitCommentPerReport: 20,
    });
  });

  it('when lists and proxies are set, then they are parsed', () => {
    const config = loadConfig({
      CORS_ORIGINS: ' https://a.example ,https://b.example,',
      TRUST_PROXY: '2',
      RATE_LIMIT_WINDOW_SECONDS: '0',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.trustProxy).toBe(2);
    expect(config.rateLimitWindowSeconds).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it('when a production process would sign with the public development secret, then it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-private-secret' }).jwtSecret).toBe('a-private-secret');
    expect(() => loadConfig({ RATE_LIMIT_SUBMIT_PER_IP: '-1' })).toThrow(/RATE_LIMIT_SUBMIT_PER_IP/);
  });
});

describe('configuration of OpenID Connect sign-in for the pages', () => {
  it('when OIDC_ISSUER is unset, then there is none; when set, the redirect URI comes from PUBLIC_URL', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    const config = loadConfig({
      PUBLIC_URL: 'https://pakn.example.gov.vn/',
      OIDC_ISSUER: 'https://sso.example.gov.vn/realms/hcm',
      OIDC_CLIENT_ID: 'pakn',
      OIDC_ROLE_MAP: 'pakn-leader=leader',
    });
    expect(config.oidc).toMatchObject({
      clientId: 'pakn',
      clientSecret: undefined,
      scope: 'openid profile',
      redirectUrl: 'https://pakn.example.gov.vn/staff/oidc/callback',
      postLogoutRedirectUrl: 'https://pakn.example.gov.vn/staff/sign-in?signedOut=1',
      roleClaim: 'role',
      unitClaim: 'unit',
      roleMap: new Map([['pakn-leader', 'leader']]),
    });
  });

  it('when an OIDC setting is wrong, then the start fails naming it', () => {
    const issuer = { OIDC_ISSUER: 'https://sso.example.gov.vn', OIDC_CLIENT_ID: 'pakn' };
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.gov.vn' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...issuer, OIDC_ISSUER: 'sso.example.gov.vn' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ ...issuer, OIDC_ISSUER: 'http://sso.example.gov.vn' })).toThrow(/https/);
    expect(loadConfig({ ...issuer, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer.href).toBe(
      'http://127.0.0.1:9000/',
    );
    expect(() => loadConfig({ ...issuer, OIDC_SCOPE: 'profile' })).toThrow(/OIDC_SCOPE/);
    expect(() => loadConfig({ ...issuer, OIDC_ROLE_MAP: 'x=superuser' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ PUBLIC_URL: 'pakn.example' })).toThrow(/PUBLIC_URL/);
  });
});
