// Partner API keys: issued by admins (shown once, stored as a hash), required for Open311 POSTs
// with the spec's 403, revocable at once, and rate-limited per key per minute in PostgreSQL, so
// that two API processes share one count.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { expectOpen311Errors, issueKey, postForm } from './support';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const request = (apiKey?: string) => ({
  ...(apiKey === undefined ? {} : { api_key: apiKey }),
  service_code: 'NOISE',
  description: 'Karaoke ồn ào sau 22 giờ mỗi tối ở hẻm 12.',
  'attribute[WARD]': 'P-BENTHANH',
});

describe('partner API keys', () => {
  it('when an admin issues a key, then it is returned once, listed without the key, and stored only as a hash', async () => {
    const issued = await issueKey(system, 'zalo-mini-app');
    expect(issued).toMatchObject({
      partner: 'zalo-mini-app',
      rateLimitPerMinute: 1000,
      revokedAt: null,
      key: expect.stringMatching(/^pakn_[\w-]{32}$/),
    });
    const admin = await staffToken(system, 'admin', 'HCM');
    const listed = await call(system, 'GET', '/api/v1/partners/keys', { token: admin });
    const entry = listed.body.items.find((item: { id: string }) => item.id === issued.id);
    expect(entry).toMatchObject({ partner: 'zalo-mini-app', keyPrefix: issued.key.slice(0, 12) });
    expect(JSON.stringify(listed.body)).not.toContain(issued.key);
    const stored = await system.pool.query('SELECT * FROM partner_api_keys WHERE id = $1', [issued.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(issued.key);
    expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when someone other than an admin manages keys, then 401 or 403', async () => {
    const leader = await staffToken(system, 'leader', 'HCM');
    expect(
      (await call(system, 'POST', '/api/v1/partners/keys', { token: leader, body: { partner: 'x-app' } })).status,
    ).toBe(403);
    expect((await call(system, 'GET', '/api/v1/partners/keys')).status).toBe(401);
    const admin = await staffToken(system, 'admin', 'HCM');
    expect(
      (await call(system, 'POST', '/api/v1/partners/keys', { token: admin, body: { partner: 'Bad Name!' } })).status,
    ).toBe(400);
    expect(
      (
        await call(system, 'POST', '/api/v1/partners/keys/00000000-0000-4000-8000-000000000000/revoke', {
          token: admin,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it("when a POST has no api_key or an unknown one, then 403 in the spec's format and nothing is stored", async () => {
    const missing = await postForm(system, '/open311/v2/requests.xml', request());
    expect(missing.status).toBe(403);
    expect(expectOpen311Errors(missing.body, 403)[0]).toContain('api_key');
    const wrong = await postForm(system, '/open311/v2/requests.json', request('pakn_not-a-real-key'));
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual([{ code: 403, description: expect.stringContaining('Invalid api_key') }]);
    const update = await postForm(system, '/open311/v2/servicerequestupdates.json', {
      service_request_id: 'PA00-000001',
      description: 'Vẫn chưa xử lý.',
    });
    expect(update.status).toBe(403);
    expect(
      (await system.pool.query("SELECT count(*)::int AS n FROM reports WHERE channel = 'open311'")).rows[0].n,
    ).toBe(0);
  });

  it('when a key is revoked, then its next request is refused with 403 while other keys still work', async () => {
    const admin = await staffToken(system, 'admin', 'HCM');
    const doomed = await issueKey(system, 'old-app');
    const other = await issueKey(system, 'old-app');
    expect((await postForm(system, '/open311/v2/requests.json', request(doomed.key))).status).toBe(201);
    const revoked = await call(system, 'POST', `/api/v1/partners/keys/${doomed.id}/revoke`, { token: admin, body: {} });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      revokedAt: expect.any(String),
      revokedBy: 'admin@HCM',
      lastUsedAt: expect.any(String),
    });
    const refused = await postForm(system, '/open311/v2/requests.json', request(doomed.key));
    expect(refused.status).toBe(403);
    expect(refused.body[0].description).toContain('revoked');
    expect((await call(system, 'GET', `/open311/v2/services.json?api_key=${doomed.key}`)).status).toBe(403);
    expect((await postForm(system, '/open311/v2/requests.json', request(other.key))).status).toBe(201);
  });

  it('when a key passes its limit per minute, then 429 with Retry-After, counted across API processes', async () => {
    const limited = await issueKey(system, 'busy-app', 3);
    const spare = await issueKey(system, 'calm-app', 3);
    // A second API process on the same database: the count is shared through PostgreSQL.
    const secondApp = buildApp({
      pool: system.pool,
      temporal: system.client,
      config: system.config,
      logger: pino({ level: 'silent' }),
    });
    const server: Server = await new Promise((resolve) => {
      const listening = secondApp.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const second = { ...system, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    try {
      // The three allowed requests of this minute, unless the minute turns in between: then start again.
      const statuses = await inOneMinute(async () => [
        (await call(system, 'GET', `/open311/v2/services.json?api_key=${limited.key}`)).status,
        (await call(second, 'GET', `/open311/v2/services.json?api_key=${limited.key}`)).status,
        (await postForm(second, '/open311/v2/requests.json', request(limited.key))).status,
      ]);
      expect(statuses).toEqual([200, 200, 201]);
      const over = await postForm(system, '/open311/v2/requests.xml', request(limited.key));
      expect(over.status).toBe(429);
      expect(expectOpen311Errors(over.body, 429)[0]).toContain('3 requests per minute');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await call(second, 'GET', `/open311/v2/services.json?api_key=${limited.key}`)).status).toBe(429);
      expect((await call(system, 'GET', `/open311/v2/services.json?api_key=${spare.key}`)).status).toBe(200);
      expect((await call(system, 'GET', '/open311/v2/services.json')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

/** Runs `work` so that it falls inside one clock minute of the database (the rate window). */
async function inOneMinute<T>(work: () => Promise<T>): Promise<T> {
  const seconds = (await system.pool.query('SELECT extract(second FROM now())::float8 AS s')).rows[0].s as number;
  if (seconds > 50) await new Promise((resolve) => setTimeout(resolve, (61 - seconds) * 1000));
  return work();
}
