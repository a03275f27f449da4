// The access matrix, generated from the route table: every route is driven without credentials,
// with bad credentials, with every role that may not call it, and with every role that may — in
// its scope and out of it, and on an unknown target — and each answer must be the exact status
// and one the OpenAPI document lists. A route added to the table without a scenario here fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { SignJWT } from 'jose';
import type { Client } from '@temporalio/client';
import { buildRouteTable } from '../../api/app';
import type { RouteDefinition } from '../../api/routeTable';
import { loadConfig } from '../../config';
import { staffRoles, type StaffRole } from '../../domain/roles';
import { weeklySummaryScheduleId } from '../../workflows/summary/messages';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { accepted, resolved, submitRouted, triaged, withExtensionPending } from '../support/reports';
import { routeScenarios, type Req } from './accessScenarios';

// The table as the app builds it; nothing connects until a handler runs.
const routes = buildRouteTable({
  pool: new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' }),
  temporal: {} as Client,
  config: loadConfig({}),
  logger: pino({ level: 'silent' }),
}).routes;

let system: TestSystem;
let document: any;
beforeAll(async () => {
  system = await startTestSystem();
  document = (await call(system, 'GET', '/openapi.json')).body;
});
afterAll(async () => {
  await system?.client.schedule
    .getHandle(weeklySummaryScheduleId(system.config.taskQueue))
    .delete()
    .catch(() => undefined);
  await system?.stop();
});

/** Where each role sits when it is in scope of the fixtures (reports routed to P-SAIGON). */
const homeUnit: Record<StaffRole, string> = {
  operator: 'HCM-TT1022',
  coordinator: 'HCM-TT1022',
  unit_staff: 'P-SAIGON',
  unit_head: 'P-SAIGON',
  leader: 'P-SAIGON',
  admin: 'HCM',
};

const keyOf = (route: RouteDefinition<any, any>) => `${route.method.toUpperCase()} ${route.path}`;
const fill = (path: string, params: Record<string, string> = {}) =>
  path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'PA00-000000'));

async function send(
  route: RouteDefinition<any, any>,
  request: Req,
  auth: { token?: string; reportToken?: string; rawAuthorization?: string },
) {
  const path = fill(route.path, request.params) + (request.query ? `?${request.query}` : '');
  const headers: Record<string, string> = auth.rawAuthorization ? { authorization: auth.rawAuthorization } : {};
  if (route.textBody) headers['content-type'] = route.textBody.mediaType;
  const reply = await call(system, route.method.toUpperCase(), path, {
    body: route.body && !request.form ? (request.body ?? {}) : undefined,
    form: request.form,
    raw: route.textBody ? (typeof request.body === 'string' ? request.body : '') : undefined,
    token: auth.token,
    reportToken: auth.reportToken ?? request.reportToken,
    headers,
  });
  const documented = Object.keys(document.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method].responses).map(
    Number,
  );
  expect(documented, `${keyOf(route)} answered ${reply.status}, which the document does not list`).toContain(
    reply.status,
  );
  if (reply.status >= 400)
    expect(reply.body.error, `${keyOf(route)} ${reply.status} error body`).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      details: expect.any(Array),
    });
  return reply;
}

/** Tokens that must all be refused with 401: absent, garbage, foreign, expired, or naming no real unit. */
async function badCredentials(): Promise<{ what: string; token?: string; rawAuthorization?: string }[]> {
  const { config } = system;
  const sign = (secret: string, claims: Record<string, unknown>, expires: string | number = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('matrix')
      .setIssuer(config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(secret));
  return [
    { what: 'no token' },
    { what: 'not a JWT', token: 'not-a-jwt' },
    { what: 'another scheme', rawAuthorization: 'Basic YWRtaW46YWRtaW4=' },
    { what: 'signed with another secret', token: await sign('some-other-secret', { role: 'admin', unit: 'HCM' }) },
    {
      what: 'expired',
      token: await sign(config.jwtSecret, { role: 'admin', unit: 'HCM' }, Math.floor(Date.now() / 1000) - 60),
    },
    { what: 'unknown unit', token: await sign(config.jwtSecret, { role: 'admin', unit: 'NOWHERE' }) },
    { what: 'unknown role', token: await sign(config.jwtSecret, { role: 'superuser', unit: 'HCM' }) },
  ];
}

describe('access matrix', () => {
  it('when the route table is read, then every route has a scenario (and every scenario a route)', () => {
    const keys = routes.map(keyOf);
    expect(keys.filter((key) => !(key in routeScenarios))).toEqual([]);
    expect(Object.keys(routeScenarios).filter((key) => !keys.includes(key))).toEqual([]);
  });

  for (const route of routes) {
    const key = keyOf(route);
    const allowed = Array.isArray(route.access) ? (route.access as readonly StaffRole[]) : [];
    const title = Array.isArray(route.access) ? `${key} (${allowed.join(', ')})` : `${key} (${route.access})`;

    it(`${title}: each caller gets the exact status`, async () => {
      const scenario = routeScenarios[key];
      expect(scenario, `no access scenario for ${key}`).toBeDefined();
      const fixtures = {
        system,
        accepted,
        resolved,
        submitRouted,
        triaged,
        withExtensionPending,
        token: (role: StaffRole, unit: string, sub?: string) => staffToken(system, role, unit, sub),
      };

      if (route.access === 'public') {
        const request = await scenario.arrange(fixtures, null);
        const reply = await send(route, request, {});
        expect(reply.status, `${key} anonymous`).toBe(scenario.ok);
        scenario.check?.(reply.body, request, null);
        if (scenario.unknown) expect((await send(route, scenario.unknown, {})).status, `${key} unknown`).toBe(404);
        return;
      }

      if (route.access === 'reporter') {
        if (scenario.unknown)
          expect((await send(route, scenario.unknown, { reportToken: 'x'.repeat(43) })).status, `${key} unknown`).toBe(
            404,
          );
        const request = await scenario.arrange(fixtures, null);
        expect((await send(route, { ...request, reportToken: undefined }, {})).status, `${key} without token`).toBe(
          403,
        );
        expect((await send(route, request, { reportToken: 'x'.repeat(43) })).status, `${key} wrong token`).toBe(403);
        const admin = await staffToken(system, 'admin', 'HCM');
        expect(
          (await send(route, { ...request, reportToken: undefined }, { token: admin })).status,
          `${key} staff token instead`,
        ).toBe(403);
        const reply = await send(route, request, {});
        expect(reply.status, `${key} reporter`).toBe(scenario.ok);
        scenario.check?.(reply.body, request, null);
        return;
      }

      const anyRequest: Req = scenario.unknown ?? { body: {} };
      for (const credential of await badCredentials()) {
        expect((await send(route, anyRequest, credential)).status, `${key} with ${credential.what}`).toBe(401);
      }
      for (const role of staffRoles.filter((candidate) => !allowed.includes(candidate))) {
        expect(
          (await send(route, anyRequest, { token: await staffToken(system, role, homeUnit[role]) })).status,
          `${key} as ${role}`,
        ).toBe(403);
      }
      for (const role of allowed) {
        const home = scenario.home?.[role] ?? homeUnit[role];
        if (scenario.unknown) {
          expect(
            (await send(route, scenario.unknown, { token: await staffToken(system, role, home) })).status,
            `${key} as ${role}, unknown target`,
          ).toBe(404);
        }
        const request = await scenario.arrange(fixtures, role);
        const away = scenario.away?.[role];
        if (away) {
          const reply = await send(route, request, {
            token: await staffToken(system, role, away, `${role}@${away}-matrix`),
          });
          if (scenario.outOfScope === 'forbidden')
            expect(reply.status, `${key} as ${role} of ${away} (out of scope)`).toBe(403);
          else {
            expect(reply.status, `${key} as ${role} of ${away} (out of scope, filtered)`).toBe(200);
            expect(scenario.outOfScope!(reply.body, request), `${key} as ${role} of ${away} sees the target`).toBe(
              false,
            );
          }
        }
        const reply = await send(route, request, {
          token: await staffToken(system, role, home, request.sub ?? `${role}@${home}`),
        });
        expect(reply.status, `${key} as ${role} of ${home}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(
          scenario.ok,
        );
        scenario.check?.(reply.body, request, role);
      }
    });
  }
});
