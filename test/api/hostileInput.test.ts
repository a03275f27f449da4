// Property-based tests: random and hostile input — huge strings, wrong types, unicode edge cases,
// SQL and HTML injection, prototype-pollution keys, malformed JSON — thrown at every public
// endpoint (taken from the route table, plus the Open311 routes express serves). Never a 500;
// a refusal is always a 4xx JSON error; a refused request stores nothing; what is stored comes
// back as inert JSON text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pino from 'pino';
import { buildApp } from '../../api/app';
import type { RouteDefinition, RouteTable } from '../../api/routeTable';
import { maskPersonalData } from '../../domain/redact';
import { call, startTestSystem, type ApiReply, type TestSystem } from '../support/system';
import { resolved } from '../support/reports';
import { servedRoutes } from '../support/expressRoutes';

let system: TestSystem;
let table: RouteTable;
let document: any;
let rated: Awaited<ReturnType<typeof resolved>>;
beforeAll(async () => {
  system = await startTestSystem();
  table = buildApp({
    pool: system.pool,
    temporal: system.client,
    config: system.config,
    logger: pino({ level: 'silent' }),
  }).locals.routeTable;
  document = (await call(system, 'GET', '/openapi.json')).body;
  rated = await resolved(system);
});
afterAll(async () => system?.stop());

const runs = { numRuns: 80 };

// ---- arbitraries ------------------------------------------------------------------------------

const injections = [
  "' OR '1'='1",
  "'; DROP TABLE reports; --",
  '1; SELECT pg_sleep(5)',
  "\\'; DELETE FROM units WHERE '1'='1",
  '$1',
  '%',
  '_',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit()}',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\uFEFF',
  '\u202Eevil',
  'e\u0301\u0301\u0301',
  '𝕳𝖊𝖑𝖑𝖔',
  '👨‍👩‍👧‍👦'.repeat(50),
  '\r\nSet-Cookie: pwned=1',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'NaN',
  '-0',
  '1e309',
  ' '.repeat(50),
  '\t\n\r',
  'x'.repeat(5001),
  'é'.repeat(40_000),
];
const hostileString = fc.oneof(
  fc.constantFrom(...injections),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const hostileValue = fc.oneof(hostileString, wrongType);

/** Report-shaped bodies with every field possibly hostile or of the wrong type, plus stray keys. */
const reportLike = fc.record(
  {
    categoryCode: fc.oneof(hostileValue, fc.constantFrom('WASTE', 'NOPE', 'COMPLAINT')),
    description: hostileValue,
    title: hostileValue,
    location: fc.oneof(
      hostileValue,
      fc.record(
        { wardCode: hostileValue, address: hostileValue, lat: hostileValue, lng: hostileValue },
        { requiredKeys: [] },
      ),
    ),
    reporter: fc.oneof(
      hostileValue,
      fc.record(
        { name: hostileValue, phone: hostileValue, email: hostileValue, type: hostileValue, anonymous: hostileValue },
        { requiredKeys: [] },
      ),
    ),
    channel: hostileValue,
    media: fc.oneof(hostileValue, fc.array(hostileValue, { maxLength: 12 })),
    score: hostileValue,
    comment: hostileValue,
    extra: hostileValue,
  },
  { requiredKeys: [] },
);

/** Raw request bodies: JSON of any shape, prototype-pollution keys, and text that is not JSON at all. */
const pollutionKeys = ['__proto__', 'constructor', 'prototype'];
const rawBody = fc.oneof(
  reportLike.map((body) => JSON.stringify(body)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .tuple(
      fc.constantFrom(...pollutionKeys),
      reportLike,
      fc.constantFrom('{"polluted":true}', '{"prototype":{"polluted":true}}', '[1,2,3]', '"x"'),
    )
    .map(([key, body, payload]) => JSON.stringify(body).replace(/^\{/, `{"${key}":${payload},`).replace(/,\}$/, '}')),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '[]',
    '{',
    '{"a":',
    '{"categoryCode":"WASTE"}}',
    '{"a":1,"a":2}',
    '{"score":5,"score":"x"}',
    "{'single':'quotes'}",
    '{"score":1e999}',
    '{"score":-0}',
    '{"score":5.0000000000000001}',
    `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    `{"description":"${'a'.repeat(80_000)}"}`,
    '\uFEFF{"categoryCode":"WASTE"}',
    '{"description":"\\ud800\\udc00\\ud800"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const queryString = (keys: string[]) =>
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom(...keys, 'page', 'pageSize', '__proto__', 'constructor', 'format'),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(hostileString, fc.integer().map(String)),
      { maxKeys: 4 },
    )
    .map((entries) =>
      new URLSearchParams(
        Object.entries(entries).map(([key, value]): [string, string] => [key, value.slice(0, 300)]),
      ).toString(),
    );

// Node refuses request heads over 16 KB itself (431, before express): keep URLs below that.
const pathParam = fc.oneof(
  hostileString.filter((text) => text.length > 0 && text.length < 1000),
  fc.constantFrom('PA26-000001', 'PA00-999999'),
);

// ---- assertions ---------------------------------------------------------------------------------

const count = async (table: string) =>
  (await system.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

function documentedTypes(route: RouteDefinition<any, any>, status: number): string[] {
  const responses = document.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method].responses;
  return Object.keys(responses[status]?.content ?? {});
}

/** Never a 5xx; an error is the JSON error body; a success has a documented content type; nosniff always. */
function expectWellBehaved(route: RouteDefinition<any, any>, reply: ApiReply) {
  expect(reply.status, `${route.method} ${route.path}: ${JSON.stringify(reply.body).slice(0, 200)}`).toBeLessThan(500);
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  const type = reply.headers.get('content-type') ?? '';
  if (reply.status >= 400) {
    expect(type).toMatch(/^application\/json; charset=utf-8/);
    expect(reply.body.error).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      details: expect.any(Array),
    });
    expect(documentedTypes(route, reply.status), `${route.method} ${route.path} ${reply.status} documented`).toContain(
      'application/json',
    );
  } else {
    expect(documentedTypes(route, reply.status).some((documented) => type.startsWith(documented))).toBe(true);
  }
}

const holdsNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : value !== null && typeof value === 'object' && Object.values(value).some(holdsNul);

/**
 * The refusals a well-formed report may still get, 400 for NUL, else 422: `invalid_reference` when
 * each named field is a category or ward that does not exist, `invalid` when a place or phone is refused too.
 */
function expectTakenOrReferenceRefused(raw: string, reply: ApiReply) {
  const why = `${raw.slice(0, 200)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
  if (holdsNul(JSON.parse(raw))) {
    expect(reply.status, why).toBe(400);
    expect(reply.body.error.details[0].message, why).toBe('text must not contain NUL characters');
  } else if (reply.status !== 201) {
    expect(reply.status, why).toBe(422);
    const fields: string[] = reply.body.error.details.map((detail: { field: string }) => detail.field);
    for (const field of fields)
      expect(['categoryCode', 'location.wardCode', 'location.lat', 'reporter.phone'], why).toContain(field);
    const onlyUnknown = fields.every((field) => field === 'categoryCode' || field === 'location.wardCode');
    expect(reply.body.error.code, why).toBe(onlyUnknown ? 'invalid_reference' : 'invalid');
  }
}

function isValidBody(route: RouteDefinition<any, any>, raw: string): boolean {
  try {
    return route.body!.safeParse(JSON.parse(raw)).success;
  } catch {
    return false;
  }
}

/** URL-encodes any string (a lone surrogate becomes U+FFFD first, as a browser would send it). */
const encode = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
const fill = (path: string, value: string) => path.replace(/:(\w+)/g, () => encode(value));
const publicRoutes = () => table.routes.filter((route) => route.access === 'public' || route.access === 'reporter');

describe('hostile input at every public endpoint', () => {
  it('when the table is read, then the public endpoints are all here', () => {
    expect(publicRoutes().map((route) => `${route.method.toUpperCase()} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/reports',
        'GET /api/v1/reports/:code',
        'POST /api/v1/reports/:code/rating',
        'POST /api/v1/reports/:code/withdraw',
        'GET /api/v1/public/reports',
        'GET /api/v1/public/units/league',
      ]),
    );
  });

  it('when GET endpoints get random query strings and path parameters, then they answer 2xx or a 4xx JSON error, never 5xx', async () => {
    for (const route of publicRoutes().filter((candidate) => candidate.method === 'get')) {
      const keys = Object.keys((route.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
      await fc.assert(
        fc.asyncProperty(queryString(keys.length ? keys : ['q']), pathParam, async (query, param) => {
          const reply = await call(system, 'GET', `${fill(route.path, param)}${query ? `?${query}` : ''}`);
          expectWellBehaved(route, reply);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('when POST /api/v1/reports gets hostile bodies, then a refusal is a 4xx JSON error and stores nothing', async () => {
    const route = table.routes.find(
      (candidate) => candidate.method === 'post' && candidate.path === '/api/v1/reports',
    )!;
    const before = await count('reports');
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
        async (raw, type) => {
          const rows = await count('reports');
          const reply = await call(system, 'POST', route.path, { raw, headers: { 'content-type': type } });
          expectWellBehaved(route, reply);
          const valid = isValidBody(route, raw);
          if (reply.status === 201) {
            // Random input can be a valid report (a known category, a long enough description...): then it is one.
            expect(valid).toBe(true);
            accepted += 1;
          } else {
            expect(await count('reports')).toBe(rows);
          }
          // A valid JSON body is taken, unless it names data that does not exist or holds NUL characters.
          if (valid && type.startsWith('application/json')) expectTakenOrReferenceRefused(raw, reply);
        },
      ),
      { numRuns: 150 },
    );
    expect(await count('reports')).toBe(before + accepted);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('when the reporter endpoints get hostile bodies and tokens, then 4xx JSON errors only and the report does not change', async () => {
    const before = (
      await system.pool.query('SELECT status, rating, last_seq FROM reports WHERE code = $1', [rated.code])
    ).rows[0];
    for (const route of publicRoutes().filter((candidate) => candidate.access === 'reporter')) {
      await fc.assert(
        fc.asyncProperty(
          rawBody,
          fc.oneof(
            fc.constant(rated.accessToken),
            hostileString.filter((text) => /^[\x21-\x7e]*$/.test(text)),
          ),
          async (raw, token) => {
            // With the real token a valid body ({} to withdraw, {score: 3} to rate) would act: keep the report as it is.
            fc.pre(token !== rated.accessToken || !isValidBody(route, raw));
            const reply = await call(system, 'POST', fill(route.path, rated.code), {
              raw,
              reportToken: token || undefined,
              headers: { 'content-type': 'application/json' },
            });
            expectWellBehaved(route, reply);
            expect(reply.status).toBeGreaterThanOrEqual(400);
          },
        ),
        runs,
      );
    }
    const after = (
      await system.pool.query('SELECT status, rating, last_seq FROM reports WHERE code = $1', [rated.code])
    ).rows[0];
    expect(after).toEqual(before);
    // The refusals were not blanket: the reporter's valid rating with the real token is taken.
    const rating = await call(system, 'POST', `/api/v1/reports/${rated.code}/rating`, {
      body: { score: 4 },
      reportToken: rated.accessToken,
    });
    expect(rating.status, JSON.stringify(rating.body)).toBe(200);
    expect(rating.body.status).toBe('closed');
  });

  it('when Open311 endpoints get random arguments, then they never answer 5xx', async () => {
    const app = buildApp({
      pool: system.pool,
      temporal: system.client,
      config: system.config,
      logger: pino({ level: 'silent' }),
    });
    const open311 = [...servedRoutes(app).operations].filter((key) => key.includes('/open311/'));
    expect(open311.length).toBeGreaterThan(0);
    for (const key of open311) {
      const [method, path] = key.split(' ');
      await fc.assert(
        fc.asyncProperty(
          queryString([
            'service_code',
            'service_request_id',
            'start_date',
            'end_date',
            'status',
            'api_key',
            'page_size',
          ]),
          pathParam,
          rawBody,
          async (query, param, raw) => {
            const target = path.replace(/\{format\}/, 'json').replace(/\{\w+\}/g, () => encode(param));
            const reply = await call(
              system,
              method,
              `${target}?${query}`,
              method === 'POST' ? { raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {},
            );
            expect(
              reply.status,
              `${key}: ${String(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)).slice(0, 200)}`,
            ).toBeLessThan(500);
            expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
          },
        ),
        { numRuns: 30 },
      );
    }
  });
});

describe('hostile content that is accepted', () => {
  const hostileText = fc.oneof(
    fc.constantFrom(...injections),
    fc.string({ unit: 'grapheme', minLength: 10, maxLength: 300 }),
    fc.string({ unit: 'binary', minLength: 10, maxLength: 300 }),
  );
  // Valid by construction: at least 10 characters after trimming, every field within its length.
  const description = hostileText.map((text) => `Phản ánh số 1: ${text}`.slice(0, 4000));
  const orDefault = (text: string, fallback: string, max: number) => (text.trim() || fallback).slice(0, max);

  it('when a description holds markup, SQL or odd unicode, then it is accepted, stored as given and comes back as JSON text, never as markup', async () => {
    await fc.assert(
      fc.asyncProperty(
        description,
        fc.constantFrom(...injections.filter((text) => text.trim().length > 0 && text.length <= 120)),
        async (text, name) => {
          const body = {
            categoryCode: 'OTHER',
            description: text,
            title: orDefault(text, 'Tiêu đề', 200),
            location: { address: orDefault(text, 'Số 1 Lê Lợi', 500) },
            reporter: { name: name.trim().slice(0, 120) },
          };
          const reply = await call(system, 'POST', '/api/v1/reports', { body });
          const why = `${JSON.stringify(body).slice(0, 200)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
          if (holdsNul(body)) {
            // PostgreSQL cannot store NUL: the one refusal a report built like this may get, naming the field.
            expect(reply.status, why).toBe(400);
            expect(reply.body.error.details, why).toContainEqual({
              field: expect.stringMatching(/^(description|title|location\.address|reporter\.name)$/),
              message: 'text must not contain NUL characters',
            });
            return;
          }
          expect(reply.status, why).toBe(201);
          const view = await call(system, 'GET', `/api/v1/reports/${reply.body.code}`);
          expect(view.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8/);
          expect(view.headers.get('x-content-type-options')).toBe('nosniff');
          expect(view.headers.get('content-security-policy')).toContain("default-src 'self'");
          const stored = (
            await system.pool.query('SELECT description, reporter_name FROM reports WHERE code = $1', [reply.body.code])
          ).rows[0];
          // Stored as sent, trimmed; a lone surrogate (not valid UTF-8) becomes U+FFFD on the way in.
          expect(stored.description).toBe(Buffer.from(text.trim(), 'utf8').toString('utf8'));
          expect(view.body.description).toBe(maskPersonalData(stored.description, stored.reporter_name));
          const list = await call(system, 'GET', '/api/v1/public/reports?categoryCode=OTHER&pageSize=1');
          expect(list.headers.get('content-type')).toMatch(/^application\/json/);
          expect(list.body.items[0].code).toBe(reply.body.code);
        },
      ),
      { numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
