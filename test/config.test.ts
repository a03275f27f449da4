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
