// Bad input gets a clear JSON error naming the field — never a 500 — and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../api/app';
import { createPool } from '../../db/pool';
import { call, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ BODY_LIMIT_KB: '16' });
});
afterAll(async () => system?.stop());

const valid = {
  categoryCode: 'WASTE',
  description: 'Rác tồn đọng trước nhà số 5.',
  location: { wardCode: 'P-SAIGON' },
};
const storedReports = async () =>
  (await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n as number;

async function expectRefused(request: Promise<{ status: number; body: any }>, status: number, field?: string) {
  const before = await storedReports();
  const reply = await request;
  expect(reply.status).toBe(status);
  expect(reply.body.error).toEqual({
    code: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
  if (field) expect(reply.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  expect(await storedReports()).toBe(before);
  return reply.body.error;
}

describe('submission with bad input', () => {
  it('when the body is not JSON, then 400 invalid_json', async () => {
    const error = await expectRefused(
      call(system, 'POST', '/api/v1/reports', {
        raw: '{"categoryCode": ',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'body',
    );
    expect(error.code).toBe('invalid_json');
  });

  it('when fields violate the schema, then 400 names each field', async () => {
    const body = {
      categoryCode: 'WASTE',
      description: 'short',
      location: { lat: 10.7 },
      reporter: { email: 'not-an-email' },
      media: ['http://insecure.example/a.jpg'],
      extra: 1,
    };
    const error = await expectRefused(call(system, 'POST', '/api/v1/reports', { body }), 400);
    const fields = error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['description', 'location.lat', 'reporter.email', 'media.0']));
    expect(fields.some((field: string) => field === '' || field === 'body' || field.includes('extra'))).toBe(true);
  });

  it('when fields are invalid, then the messages are Vietnamese by default and English on request', async () => {
    const body = { ...valid, description: 'ngắn' };
    const vietnamese = await expectRefused(call(system, 'POST', '/api/v1/reports', { body }), 400, 'description');
    expect(vietnamese.message).toMatch(/^Dữ liệu không hợp lệ/);
    const english = await expectRefused(
      call(system, 'POST', '/api/v1/reports', {
        body: { ...valid, description: 3 },
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      }),
      400,
      'description',
    );
    expect(english.message).toBe('invalid body');
    expect(english.details[0].message).toMatch(/expected string/i);
  });

  it('when the category or ward is unknown, then 422 names it', async () => {
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', { body: { ...valid, categoryCode: 'NOPE' } }),
      422,
      'categoryCode',
    );
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', { body: { ...valid, location: { wardCode: 'SXD' } } }),
      422,
      'location.wardCode',
    );
  });

  it('when the coordinates lie outside the city, then 422', async () => {
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', { body: { ...valid, location: { lat: 21.0278, lng: 105.8342 } } }),
      422,
      'location.lat',
    );
  });

  it('when the phone is not a Vietnamese mobile number, then 422', async () => {
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', { body: { ...valid, reporter: { phone: '12345' } } }),
      422,
      'reporter.phone',
    );
  });

  it('when the body is too large, then 413', async () => {
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', { body: { ...valid, description: 'x'.repeat(20_000) } }),
      413,
      'body',
    );
  });

  it('when the content type is not JSON, then 415', async () => {
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', {
        raw: 'categoryCode=WASTE',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'content-type',
    );
  });

  it('when the same Idempotency-Key is sent twice, then the same report comes back once', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await call(system, 'POST', '/api/v1/reports', { body: valid, headers });
    const before = await storedReports();
    const second = await call(system, 'POST', '/api/v1/reports', { body: valid, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await storedReports()).toBe(before);
    await expectRefused(
      call(system, 'POST', '/api/v1/reports', {
        body: { ...valid, description: 'Một nội dung hoàn toàn khác.' },
        headers,
      }),
      422,
      'idempotency-key',
    );
  });
});

describe('tracking with bad input', () => {
  it('when the code is unknown, then 404', async () => {
    expect((await call(system, 'GET', '/api/v1/reports/PA26-999999')).status).toBe(404);
    expect(
      (await call(system, 'POST', '/api/v1/reports/PA26-999999/rating', { body: { score: 3 }, reportToken: 'x' }))
        .status,
    ).toBe(404);
  });

  it('when the report token is wrong, then 403 and no personal data', async () => {
    const submitted = await call(system, 'POST', '/api/v1/reports', { body: valid });
    const reply = await call(system, 'GET', `/api/v1/reports/${submitted.body.code}`, { reportToken: 'wrong' });
    expect(reply.status).toBe(403);
    expect(JSON.stringify(reply.body)).not.toContain('reporter');
  });

  it('when the rating is out of range, then 400 names score', async () => {
    const submitted = await call(system, 'POST', '/api/v1/reports', { body: valid });
    const reply = await call(system, 'POST', `/api/v1/reports/${submitted.body.code}/rating`, {
      body: { score: 9 },
      reportToken: submitted.body.accessToken,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0].field).toBe('score');
  });

  it('when a staff token is missing or forged, then 401', async () => {
    expect((await call(system, 'GET', '/api/v1/tasks')).status).toBe(401);
    expect((await call(system, 'GET', '/api/v1/tasks', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' })).status).toBe(401);
  });
});

describe('when PostgreSQL is unreachable', () => {
  it('then submission answers 503 with a clear message and readiness reports the database down', async () => {
    const deadPool = createPool('postgres://postgres@127.0.0.1:1/none', 1);
    const app = buildApp({
      pool: deadPool,
      temporal: system.client,
      config: system.config,
      logger: pino({ level: 'silent' }),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const reply = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(valid),
      });
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ database: false, temporal: true });
    } finally {
      server.close();
      await deadPool.end();
    }
  });
});
