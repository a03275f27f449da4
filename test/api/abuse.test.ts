// Abuse resistance: rate limits shared through PostgreSQL (429 + Retry-After), strict content
// types and payload limits, security headers, the CORS allow-list, media links never fetched,
// and logs that carry request ids but never secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { resolved, submitRouted } from '../support/reports';

// Windows are fixed and aligned to the epoch, so a count restarts at each boundary: take a window
// whose current one has at least half an hour left, so that no boundary falls inside this file's run.
const windowSeconds =
  [3_600, 86_400, 604_800, 2_592_000].find((w) => w - ((Date.now() / 1000) % w) > 1_800) ?? 31_536_000;
const limits = {
  RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  RATE_LIMIT_SUBMIT_PER_IP: '5',
  RATE_LIMIT_SUBMIT_PER_PHONE: '2',
  RATE_LIMIT_RATING_PER_IP: '3',
  RATE_LIMIT_RATING_PER_PHONE: '2',
  RATE_LIMIT_COMMENT_PER_REPORT: '2',
  CORS_ORIGINS: 'https://pakn.hochiminhcity.gov.vn, https://1022.example',
};
let system: TestSystem;
const servers: Server[] = [];
beforeAll(async () => {
  system = await startTestSystem(limits);
});
afterAll(async () => {
  for (const server of servers) server.close();
  await system?.stop();
});

/** Another API process on the same database (its own pool), as behind a load balancer. */
async function anotherApi(overrides: Record<string, string> = {}, logger = pino({ level: 'silent' })): Promise<string> {
  const config = loadConfig({
    DATABASE_URL: system.config.databaseUrl,
    TEMPORAL_TASK_QUEUE: system.config.taskQueue,
    ...limits,
    ...overrides,
  });
  const app = buildApp({ pool: createPool(config.databaseUrl as string, 2), temporal: system.client, config, logger });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let client = 0;
/** A distinct client address per test, given the way a trusted (loopback) proxy passes it on. */
const fromClient = () => ({ 'x-forwarded-for': `203.0.113.${(client += 1)}` });
const report = (phone?: string) => ({
  categoryCode: 'WASTE',
  description: 'Rác tồn đọng ở đầu hẻm nhiều ngày.',
  location: { wardCode: 'P-SAIGON' },
  ...(phone ? { reporter: { phone } } : {}),
});
const stored = async () => (await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n as number;

function expectLimited(reply: { status: number; body: any; headers: Headers }, field: string) {
  expect(reply.status).toBe(429);
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(reply.body.error).toMatchObject({
    code: 'rate_limited',
    message: expect.stringContaining(String(retryAfter)),
    details: [expect.objectContaining({ field })],
  });
}

describe('rate limits', () => {
  it('when one phone submits more than its limit, then 429 with Retry-After, whatever way the number is written, and nothing more is stored', async () => {
    const headers = fromClient();
    expect((await call(system, 'POST', '/api/v1/reports', { body: report('0901 111 222'), headers })).status).toBe(201);
    expect(
      (await call(system, 'POST', '/api/v1/reports', { body: report('+84901111222'), headers: fromClient() })).status,
    ).toBe(201);
    const before = await stored();
    expectLimited(
      await call(system, 'POST', '/api/v1/reports', { body: report('090.111.1222'), headers: fromClient() }),
      'reporter.phone',
    );
    expect(await stored()).toBe(before);
    expect((await call(system, 'POST', '/api/v1/reports', { body: report('0901111333'), headers })).status).toBe(201);
  });

  it('when one address submits more than its limit, then 429, while another address is still served', async () => {
    const headers = fromClient();
    for (let i = 0; i < 5; i += 1)
      expect((await call(system, 'POST', '/api/v1/reports', { body: report(), headers })).status).toBe(201);
    expectLimited(await call(system, 'POST', '/api/v1/reports', { body: report(), headers }), 'ip');
    expect((await call(system, 'POST', '/api/v1/reports', { body: report(), headers: fromClient() })).status).toBe(201);
  });

  it('when requests race or are spread over several API processes, then they share one count', async () => {
    const other = await anotherApi();
    const headers = { ...fromClient(), 'content-type': 'application/json' };
    const bases = [system.baseUrl, other];
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        fetch(`${bases[i % 2]}/api/v1/reports`, { method: 'POST', headers, body: JSON.stringify(report()) }).then(
          (reply) => reply.status,
        ),
      ),
    );
    expect(replies.filter((status) => status === 201)).toHaveLength(5);
    expect(replies.filter((status) => status === 429)).toHaveLength(11);
  });

  it('when someone keeps trying report tokens, then rating is limited per address before the token is even checked', async () => {
    const made = await resolved(system);
    const headers = fromClient();
    for (let i = 0; i < 3; i += 1) {
      expect(
        (
          await call(system, 'POST', `/api/v1/reports/${made.code}/rating`, {
            body: { score: 5 },
            reportToken: `guess-${i}`,
            headers,
          })
        ).status,
      ).toBe(403);
    }
    expectLimited(
      await call(system, 'POST', `/api/v1/reports/${made.code}/rating`, {
        body: { score: 5 },
        reportToken: made.accessToken,
        headers,
      }),
      'ip',
    );
    expect(
      (
        await call(system, 'POST', `/api/v1/reports/${made.code}/rating`, {
          body: { score: 5 },
          reportToken: made.accessToken,
          headers: fromClient(),
        })
      ).status,
    ).toBe(200);
  });

  it('when a reporter keeps commenting, then comments are bounded per report (each one grows the workflow history)', async () => {
    const [first, second] = [await submitRouted(system), await submitRouted(system)];
    const comment = (made: typeof first) =>
      call(system, 'POST', `/api/v1/reports/${made.code}/comments`, {
        body: { comment: 'Thêm thông tin' },
        reportToken: made.accessToken,
        headers: fromClient(),
      });
    expect((await comment(first)).status).toBe(200);
    expect((await comment(first)).status).toBe(200);
    expectLimited(await comment(first), 'code');
    expect((await comment(second)).status).toBe(200);
  });

  it('when the window closes, then the count starts again and closed windows are pruned', async () => {
    const base = await anotherApi({ RATE_LIMIT_WINDOW_SECONDS: '2', RATE_LIMIT_SUBMIT_PER_IP: '1' });
    const headers = { ...fromClient(), 'content-type': 'application/json' };
    const submit = () => fetch(`${base}/api/v1/reports`, { method: 'POST', headers, body: JSON.stringify(report()) });
    // The first submission of a window passes, the next is refused (again if a window boundary fell between them).
    const limited = await eventually(
      async () => {
        const reply = await submit();
        return reply.status === 429 && reply;
      },
      5_000,
      'the limit',
    );
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000 + 100));
    expect((await submit()).status).toBe(201);
    const { pruneExpiredCounters } = await import('../../db/rateLimits');
    await pruneExpiredCounters(system.pool);
    expect(
      (await system.pool.query('SELECT count(*)::int AS n FROM rate_limit_counters WHERE expires_at < now()')).rows[0]
        .n,
    ).toBe(0);
  });
});

describe('content types and payload limits', () => {
  const post = (headers: Record<string, string>, raw: string) =>
    call(system, 'POST', '/api/v1/reports', { headers: { ...headers, ...fromClient() }, raw });

  it('when a body is not declared as JSON, then 415 and nothing is stored', async () => {
    const before = await stored();
    const json = JSON.stringify(report());
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const reply = await post({ 'content-type': type }, json);
      expect(reply.status, type).toBe(415);
      expect(reply.body.error.details[0].field).toBe('content-type');
    }
    expect((await post({}, json)).status).toBe(415);
    expect((await post({ 'content-type': 'application/json; charset=iso-8859-1' }, json)).status).toBe(415);
    expect((await post({ 'content-type': 'application/json', 'content-encoding': 'x-unknown' }, json)).status).toBe(
      415,
    );
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect(
      (
        await call(system, 'POST', '/api/v1/tasks/PA00-000001/accept', {
          token: staff,
          headers: { 'content-type': 'text/plain' },
          raw: '{}',
        })
      ).status,
    ).toBe(415);
    expect(await stored()).toBe(before);
  });

  it('when a body is larger than the limit or is not JSON, then 413 or 400 before anything is read further', async () => {
    const huge = JSON.stringify({ ...report(), description: 'x'.repeat(70 * 1024) });
    const tooLarge = await post({ 'content-type': 'application/json' }, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');
    expect((await post({ 'content-type': 'application/json' }, '{"categoryCode": "WASTE",')).status).toBe(400);
    expect((await post({ 'content-type': 'application/json' }, '"just a string"')).status).toBe(400);
    expect(
      (await post({ 'content-type': 'application/json' }, `${'['.repeat(20_000)}${']'.repeat(20_000)}`)).status,
    ).toBe(400);
  });

  it('when media links are given, then only https links are accepted and the server never fetches them', async () => {
    let fetched = 0;
    const bait = createServer((_req, res) => {
      fetched += 1;
      res.end('x');
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    const port = (bait.address() as AddressInfo).port;
    try {
      const insecure = await call(system, 'POST', '/api/v1/reports', {
        body: { ...report(), media: [`http://127.0.0.1:${port}/a.jpg`] },
        headers: fromClient(),
      });
      expect(insecure.status).toBe(400);
      expect(insecure.body.error.details[0].field).toBe('media.0');
      for (const link of ['javascript:alert(1)', 'file:///etc/passwd', 'data:image/png;base64,AAAA']) {
        expect(
          (
            await call(system, 'POST', '/api/v1/reports', {
              body: { ...report(), media: [link] },
              headers: fromClient(),
            })
          ).status,
        ).toBe(400);
      }
      const accepted = await call(system, 'POST', '/api/v1/reports', {
        body: { ...report(), media: [`https://127.0.0.1:${port}/photo.jpg`] },
        headers: fromClient(),
      });
      expect(accepted.status).toBe(201);
      await eventually(
        async () => (await call(system, 'GET', `/api/v1/reports/${accepted.body.code}`)).body.status === 'assigned',
        30_000,
        'routing',
      );
      expect(fetched).toBe(0);
    } finally {
      bait.close();
    }
  });
});

describe('security headers and CORS', () => {
  it('when anything answers, JSON or error, then it carries the security headers', async () => {
    for (const path of ['/api/v1/categories', '/api/v1/nowhere', '/healthz']) {
      const reply = await call(system, 'GET', path);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('x-powered-by')).toBeNull();
      expect(reply.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8/);
    }
  });

  it('when an allowed origin asks, then the preflight and the answer carry its CORS headers', async () => {
    const origin = 'https://pakn.hochiminhcity.gov.vn';
    const preflight = await fetch(`${system.baseUrl}/api/v1/reports`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(preflight.headers.get('vary')).toContain('Origin');
    const answer = await call(system, 'GET', '/api/v1/categories', { headers: { origin } });
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('when another origin asks, then the preflight is refused and answers carry no CORS headers', async () => {
    const origin = 'https://evil.example';
    const preflight = await call(system, 'OPTIONS', '/api/v1/reports', {
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.body.error.code).toBe('cors_origin_not_allowed');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await call(system, 'GET', '/api/v1/categories', { headers: { origin } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect((await call(system, 'GET', '/api/v1/categories')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the allow-list is "*", then any origin may read', async () => {
    const base = await anotherApi({ CORS_ORIGINS: '*' });
    const reply = await fetch(`${base}/api/v1/public/reports`, { headers: { origin: 'https://newsroom.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('logs', () => {
  it('when requests carry credentials, then logs hold their request ids but never the secrets', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const base = await anotherApi({}, pino({ level: 'info' }, sink));
    const bearer = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const secrets = [bearer, 'report-token-SECRET-123', 'session=COOKIE-SECRET', 'KEY-SECRET-456', 'BASIC-SECRET'];
    await fetch(`${base}/api/v1/tasks`, {
      headers: { authorization: `Bearer ${bearer}`, 'x-request-id': 'req-abc-123' },
    });
    await fetch(`${base}/api/v1/reports/PA00-000001`, {
      headers: { 'x-report-token': 'report-token-SECRET-123', cookie: 'session=COOKIE-SECRET' },
    });
    await fetch(`${base}/api/v1/categories?api_key=KEY-SECRET-456`, {
      headers: { 'proxy-authorization': 'BASIC-SECRET', 'x-request-id': `bad id "<script>" ${'x'.repeat(200)}` },
    });
    await eventually(async () => lines.length >= 3, 5_000, 'log lines');
    const log = lines.join('');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).toContain('[redacted]');
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries[0].req.id).toBe('req-abc-123');
    expect(entries[2].req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries[2].req.url).toBe('/api/v1/categories?api_key=[redacted]');
  });

  it('when a request has no id, then one is made and returned in X-Request-Id', async () => {
    const reply = await call(system, 'GET', '/api/v1/categories');
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await call(system, 'GET', '/api/v1/categories', { headers: { 'x-request-id': 'lb-7f3a:42' } });
    expect(echoed.headers.get('x-request-id')).toBe('lb-7f3a:42');
  });
});
