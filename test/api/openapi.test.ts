// The OpenAPI document is complete: what express serves is exactly what /openapi.json describes,
// every operation documents its answers and errors, and /docs works offline under our CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { buildApp } from '../../api/app';
import type { RouteTable } from '../../api/routeTable';
import { call, startTestSystem, type TestSystem } from '../support/system';
import { servedRoutes } from '../support/expressRoutes';

let system: TestSystem;
let document: any;
beforeAll(async () => {
  system = await startTestSystem();
  document = (await call(system, 'GET', '/openapi.json')).body;
});
afterAll(async () => system?.stop());

const buildOwnApp = () =>
  buildApp({ pool: system.pool, temporal: system.client, config: system.config, logger: pino({ level: 'silent' }) });
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const documentedOperations = (doc: any) =>
  new Set(
    Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => methods.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
const operations = (doc: any) =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, operation })),
  );

describe('OpenAPI document', () => {
  it('when the app is built, then the routes express serves are exactly the operations of /openapi.json', () => {
    const { operations: served, mounts } = servedRoutes(buildOwnApp());
    const documented = documentedOperations(document);
    expect([...served].filter((key) => !documented.has(key)).sort()).toEqual([]);
    expect([...documented].filter((key) => !served.has(key)).sort()).toEqual([]);
    // The only middleware mounted on paths of their own: the documentation page and the pages' assets.
    expect([...mounts].sort()).toEqual(['/assets', '/assets/vendor/uplot', '/docs']);
  });

  it('when a route is added to the table, then it is documented with its standard errors', () => {
    const table = buildOwnApp().locals.routeTable as RouteTable;
    for (const route of table.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const statuses = Object.keys(operation.responses).map(Number);
      for (const status of Object.keys(route.responses).map(Number)) expect(statuses).toContain(status);
      if (Array.isArray(route.access)) expect(statuses).toEqual(expect.arrayContaining([401, 403]));
      if (route.body) expect(statuses).toEqual(expect.arrayContaining([400, 413, 415]));
      if (route.rateLimits) expect(operation.responses[429].headers['Retry-After']).toBeDefined();
    }
  });

  it('when an operation is documented, then it has a summary, a success answer and a schema for every answer', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const { key, path, operation } of operations(document)) {
      expect(operation.summary, key).toEqual(expect.any(String));
      const statuses = Object.keys(operation.responses).map(Number);
      expect(
        statuses.some((status) => status >= 200 && status < 300),
        `${key} has a 2xx`,
      ).toBe(true);
      for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
        const media = Object.values(response.content ?? {}) as { schema?: unknown }[];
        expect(media.length, `${key} ${status} has content`).toBeGreaterThan(0);
        for (const entry of media) expect(entry.schema, `${key} ${status} has a schema`).toBeDefined();
      }
      if (operation.security?.some((scheme: Record<string, unknown>) => 'bearer' in scheme))
        expect(statuses).toEqual(expect.arrayContaining([401, 403]));
      if (operation.requestBody) expect(statuses).toContain(400);
      const identifiers = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((name) => name !== 'format');
      if (identifiers.length) expect(statuses, `${key} documents 404`).toContain(404);
    }
  });

  it('when the document refers to a schema, then the schema exists', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, kind, name] of refs) expect(document.components[kind]?.[name], `${kind}/${name}`).toBeDefined();
  });

  it('when the operations endpoints are looked up, then they are documented too', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/openapi.json']),
    );
    expect(Object.keys(document.paths['/metrics'].get.responses[200].content)).toEqual(['text/plain']);
    expect(document.paths['/readyz'].get.responses[503]).toBeDefined();
  });

  it('when a client generator reads the document, then every operation has a unique operationId, a described tag, and the servers', () => {
    const ids = operations(document).map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(document.tags.map((tag: { name: string; description: string }) => tag.name));
    for (const { key, operation } of operations(document))
      for (const tag of operation.tags) expect(tags.has(tag), `${key} tag ${tag}`).toBe(true);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.paths['/api/v1/reports'].post.requestBody.required).toBe(true);
    expect(document.paths['/api/v1/reports/{code}/withdraw'].post.requestBody.required).not.toBe(true);
    expect(document.components.schemas.SubmitReport.example).toMatchObject({ categoryCode: 'WASTE' });
  });

  it('when a path is called with a method it does not declare, then 405 names the allowed methods', async () => {
    const trace = await call(system, 'DELETE', '/api/v1/categories');
    expect(trace.status).toBe(405);
    expect(trace.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(trace.body.error.code).toBe('method_not_allowed');
    const open311 = await call(system, 'PUT', '/open311/v2/requests.json');
    expect(open311.status).toBe(405);
    expect(open311.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    // A literal path wins over a parameter that could match it: merge is not a unit's code.
    const merge = await call(system, 'OPTIONS', '/api/v1/admin/units/merge');
    expect(merge.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await call(system, 'GET', '/api/v1/nothing-here')).status).toBe(404);
  });
});

describe('/docs', () => {
  it('when /docs is opened without a slash, then it redirects to /docs/', async () => {
    const reply = await fetch(`${system.baseUrl}/docs`, { redirect: 'manual' });
    expect(reply.status).toBe(301);
    expect(reply.headers.get('location')).toBe('docs/');
  });

  it('when the page loads, then every asset it needs is served locally and the CSP allows it on plain HTTP', async () => {
    const page = await fetch(`${system.baseUrl}/docs/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers.get('strict-transport-security')).toBeNull();

    // No CDN: nothing but the SVG namespace points off the server.
    const external = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)]
      .map((match) => match[0])
      .filter((url) => !url.startsWith('http://www.w3.org/'));
    expect(external).toEqual([]);
    // script-src 'self' forbids inline scripts: every script is a file.
    expect([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)]).toEqual([]);

    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((match) => match[1]);
    expect(assets).toEqual(
      expect.arrayContaining([
        './swagger-ui.css',
        './swagger-ui-bundle.js',
        './swagger-ui-standalone-preset.js',
        './swagger-ui-init.js',
      ]),
    );
    for (const asset of assets) {
      expect(asset.startsWith('./'), asset).toBe(true);
      const reply = await fetch(new URL(asset, `${system.baseUrl}/docs/`));
      expect(reply.status, asset).toBe(200);
      const type = reply.headers.get('content-type') ?? '';
      if (asset.endsWith('.js')) expect(type).toMatch(/javascript/);
      if (asset.endsWith('.css')) expect(type).toMatch(/text\/css/);
      const body = await reply.text();
      if (asset.endsWith('swagger-ui-init.js')) {
        expect(body).toContain('"swaggerUrl": "../openapi.json"');
        expect(body).toContain('"validatorUrl": null');
      }
    }
  });

  it('when the page fetches the document at ../openapi.json, then it gets the same document', async () => {
    const reply = await fetch(new URL('../openapi.json', `${system.baseUrl}/docs/`));
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual(document);
  });
});
