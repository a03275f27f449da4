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

describe('configuration of the photo store', () => {
  it('when no store is named, then photos stay in PostgreSQL; with a bucket and an endpoint, S3 uses path-style addressing', () => {
    expect(loadConfig({})).toMatchObject({ mediaDir: undefined, mediaS3: undefined });
    expect(loadConfig({ MEDIA_S3_BUCKET: 'pakn-photos', MEDIA_S3_ENDPOINT: 'https://s3.example.vn' }).mediaS3).toEqual({
      bucket: 'pakn-photos',
      endpoint: 'https://s3.example.vn',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: undefined,
    });
    expect(
      loadConfig({
        MEDIA_S3_BUCKET: 'pakn-photos',
        MEDIA_S3_REGION: 'ap-southeast-1',
        MEDIA_S3_ACCESS_KEY_ID: 'AKIA1',
        MEDIA_S3_SECRET_ACCESS_KEY: 's3cret',
      }).mediaS3,
    ).toMatchObject({
      region: 'ap-southeast-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 's3cret' },
    });
  });

  it('when the settings name two stores or half a store, then start-up fails naming the settings', () => {
    expect(() => loadConfig({ MEDIA_DIR: '/srv/photos', MEDIA_S3_BUCKET: 'pakn-photos' })).toThrow(
      /MEDIA_DIR and MEDIA_S3_BUCKET are both set/,
    );
    expect(() => loadConfig({ MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /MEDIA_S3_ENDPOINT set without MEDIA_S3_BUCKET/,
    );
    expect(() => loadConfig({ MEDIA_S3_BUCKET: 'b', MEDIA_S3_ACCESS_KEY_ID: 'AKIA1' })).toThrow(
      /MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY go together/,
    );
    expect(() => loadConfig({ MEDIA_S3_BUCKET: 'b', MEDIA_S3_ENDPOINT: 'minio:9000' })).toThrow(/MEDIA_S3_ENDPOINT/);
    expect(() => loadConfig({ MEDIA_S3_BUCKET: 'b', MEDIA_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /MEDIA_S3_FORCE_PATH_STYLE/,
    );
  });
});
