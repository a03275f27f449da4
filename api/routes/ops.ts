// Operations: liveness, readiness (database and Temporal reachable), Prometheus metrics and the
// API's own description — declared in the route table like every other route, so they are in the
// document they serve — and the browsable reference at /docs, served from local assets.
import type express from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { ping } from '../../db/pool';
import type { AppDeps } from '../deps';
import type { Metrics } from '../metrics';
import type { RouteTable } from '../routeTable';

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

const health = z.object({ status: z.literal('ok') }).openapi('Health');
const readiness = z
  .object({ status: z.enum(['ready', 'not_ready']), database: z.boolean(), temporal: z.boolean() })
  .openapi('Readiness');

export function addOpsRoutes(table: RouteTable, deps: AppDeps, metrics: Metrics): void {
  table.add({
    method: 'get',
    path: '/healthz',
    tag: 'operations',
    access: 'public',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: 'alive', schema: health } },
    handle: async () => ({ status: 200, body: { status: 'ok' as const } }),
  });

  table.add({
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    access: 'public',
    summary: 'Readiness: PostgreSQL and Temporal are reachable',
    responses: {
      200: { description: 'ready', schema: readiness },
      503: { description: 'a dependency is unreachable', schema: readiness },
    },
    async handle() {
      const [database, temporal] = await Promise.all([
        reachable(() => ping(deps.pool)),
        reachable(() =>
          deps.temporal.connection.withDeadline(Date.now() + 2_000, () =>
            deps.temporal.workflowService.getSystemInfo({}),
          ),
        ),
      ]);
      const ready = database && temporal;
      return {
        status: ready ? 200 : 503,
        body: { status: ready ? ('ready' as const) : ('not_ready' as const), database, temporal },
      };
    },
  });

  table.add({
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    access: 'public',
    summary: 'Prometheus metrics of this API process',
    responses: {
      200: { description: 'Prometheus text exposition format', schema: z.string(), mediaType: 'text/plain' },
    },
    handle: async () => ({
      status: 200,
      body: await metrics.registry.metrics(),
      contentType: metrics.registry.contentType,
    }),
  });

  // Generated on first use, once every route (including those registered after this one) is in.
  let document: ReturnType<RouteTable['openApiDocument']> | undefined;
  table.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'operations',
    access: 'public',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
    handle: async () => ({ status: 200, body: (document ??= table.openApiDocument()) }),
  });
}

/** The Swagger UI at /docs: its scripts, styles and icons come from the local package, never a CDN. */
export function mountDocs(app: express.Express): void {
  // Relative to /docs/, so that the page also works behind a proxy that adds a path prefix.
  const options = {
    swaggerUrl: '../openapi.json',
    customSiteTitle: 'PAKN API',
    swaggerOptions: { validatorUrl: null },
  };
  const slash: express.RequestHandler = (req, res, next) => {
    // Without the trailing slash the page's relative asset links would miss /docs/.
    if (req.originalUrl.split('?')[0].endsWith('/docs')) res.redirect(301, 'docs/');
    else next();
  };
  app.use('/docs', slash, ...swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
}
